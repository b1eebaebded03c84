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
import type { OPENCX_RULES } from "./rules.js";

/** The constraints and rules, loaded on the client's first call: a chunk of their own in a bundle. */
const constraints = async () => ({
  ...(await import("./generated/constraints.js")),
  rules: (await import("./rules.js")).OPENCX_RULES,
});

/** The spec's first server (`https://api.open.cx`). */
export const OPENCX_BASE_URL = vendor.servers[0].url;

/**
 * Everything the spec says, as a preset: base URL, the 100-per-minute limit (`info.x-cxkit-rate-limit`)
 * and the checks before the network (the spec's request constraints, then {@link OPENCX_RULES}).
 * Nothing is added by hand: Open.cx needs nothing the spec cannot say.
 */
export const OPENCX_PRESET: VendorPreset = specPreset({ vendor, constraints });

export interface OpencxClientOptions extends ClientOptions {
  /** An organisation API key from the Open.cx dashboard; sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
}

/** The typed openapi-fetch client: `GET`/`POST`/… by path, typed params, bodies and responses. */
export type OpencxClient = ApiClient<paths>;

/**
 * Creates an Open.cx client with client-core's runtime (retries, the spec's rate limit, timeouts, typed
 * errors). Every call is checked against the spec's request constraints and {@link OPENCX_RULES} before
 * the network; a breach throws client-core's `ValidationError` naming each field (`body.page`,
 * `query.channel_type`). `validate: false`, here or on one call, sends the request as given.
 */
export function createOpencxClient(options: OpencxClientOptions): OpencxClient {
  if (!options.apiKey) throw new TypeError("createOpencxClient: apiKey is required");
  const { apiKey, ...rest } = options;
  return createApiClient<paths>(OPENCX_PRESET, bearerAuth(apiKey), rest);
}
