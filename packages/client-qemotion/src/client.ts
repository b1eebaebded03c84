import {
  type ApiClient,
  bearerAuth,
  type ClientOptions,
  createApiClient,
  specPreset,
  type VendorPreset,
} from "@cxkit/client-core";
import type { paths } from "./generated/openapi.js";
import { vendor } from "./generated/vendor.js";

/** The constraints and rules, loaded on the client's first call: a chunk of their own in a bundle. */
const constraints = async () => ({
  ...(await import("./generated/constraints.js")),
  rules: (await import("./rules.js")).QEMOTION_RULES,
});

/**
 * Everything from the spec: its first server, `x-cxkit-rate-limit` (100 requests a second per key),
 * and the check of every call against the operation's request constraints. Q°emotion documents no
 * request-id header, so the preset adds nothing.
 */
export const QEMOTION_PRESET: VendorPreset = specPreset({ vendor, constraints });

export interface QemotionClientOptions extends ClientOptions {
  /** The API key Q°emotion support issued; sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
}

/** The typed openapi-fetch client: `GET`/`POST` by path, typed params, bodies and responses. */
export type QemotionClient = ApiClient<paths>;

/**
 * Creates a Q°emotion client with client-core's runtime (retries, the spec's rate limit, timeouts,
 * typed errors). Every call is checked against the spec's request constraints before the network; a
 * breach throws client-core's `ValidationError` naming each field (`body.lang`). `validate: false`,
 * here or in one call's options, sends the request as given.
 */
export function createQemotionClient(options: QemotionClientOptions): QemotionClient {
  if (!options.apiKey) throw new TypeError("createQemotionClient: apiKey is required");
  const { apiKey, ...rest } = options;
  return createApiClient<paths>(QEMOTION_PRESET, bearerAuth(apiKey), rest);
}
