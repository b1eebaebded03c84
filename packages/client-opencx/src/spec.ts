// The Open.cx spec as data: servers, auth, rate limit, error shape and every operation's request
// constraints, all generated from specs/opencx/openapi.yaml (src/generated/vendor.ts). The client's
// preset, its checks before the network and the MSW handlers' guard all read it from here.
import type { SchemaObject, VendorSpec } from "@cxkit/client-core";
import { operations, schemas } from "./generated/constraints.js";
import { vendor } from "./generated/vendor.js";

/** Open.cx's spec module: `{ vendor, operations, schemas }`, for client-core's engine and the mocks. */
export const OPENCX_SPEC: VendorSpec = { vendor, operations, schemas };

/**
 * A keyword of a property of a component schema (`keyword("ChatSessionFilter", "limit", "maximum")`),
 * so a constant naming a limit is read off the spec instead of written again. Throws at load when the
 * spec no longer states it: the constant would otherwise silently mean nothing.
 */
export function keyword<K extends keyof SchemaObject>(
  schema: string,
  property: string,
  key: K,
): NonNullable<SchemaObject[K]> {
  const prop = (OPENCX_SPEC.schemas[schema] as SchemaObject | undefined)?.properties?.[property];
  const value = typeof prop === "object" ? prop[key] : undefined;
  if (value === undefined || value === null)
    throw new Error(`@cxkit/client-opencx: the spec no longer states ${key} of ${schema}.${property}`);
  return value as NonNullable<SchemaObject[K]>;
}
