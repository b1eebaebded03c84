// The spec's check of one value of yours, outside a call: client-core's engine on the generated schema
// (the same check the client runs before the network), for helpers that check items one by one.
import {
  check,
  type Schema,
  type SchemaObject,
  ValidationError,
  type ValidationIssue,
} from "@cxkit/client-core";
import { operations, schemas } from "./generated/constraints.js";
import type { ThematicsInput, Verbatim } from "./types.js";

const bodyOf = (key: string): Schema => operations[key]?.body?.content["application/json"] ?? true;
/** One item of `createVerbatimsBulk`'s body, as the spec says (the same schema as `createVerbatim`'s). */
const bulkItem = () => (bodyOf("POST /projects/{projectId}/verbatims/bulk") as SchemaObject).items ?? true;

/**
 * Every rule of the spec a verbatim breaks (empty when it may be sent), named from `field`:
 * `verbatim.lang must be one of: fr, en (got "de")`.
 */
export const validateVerbatim = (value: unknown, field = "verbatim"): ValidationIssue[] =>
  check(bulkItem(), value, field, schemas);

/** Every rule of the spec a thematic analysis body breaks. */
export const validateThematicsInput = (value: unknown, field = "body"): ValidationIssue[] =>
  check(bodyOf("POST /projects/{projectId}/thematics"), value, field, schemas);

/** Narrows `value` to a valid {@link Verbatim} or throws client-core's `ValidationError` naming each field. */
export function assertValidVerbatim(value: unknown, field = "verbatim"): asserts value is Verbatim {
  const issues = validateVerbatim(value, field);
  if (issues.length) throw new ValidationError(issues, { what: "verbatim" });
}

/** Narrows `value` to a valid {@link ThematicsInput} or throws client-core's `ValidationError`. */
export function assertValidThematicsInput(value: unknown, field = "body"): asserts value is ThematicsInput {
  const issues = validateThematicsInput(value, field);
  if (issues.length) throw new ValidationError(issues, { what: "thematics request" });
}
