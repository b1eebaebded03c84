import {
  type ApiClient,
  type ClientOptions,
  createApiClient,
  headerAuth,
  specPreset,
  type VendorPreset,
} from "@cxkit/client-core";
import type { paths } from "./generated/openapi.js";
import { vendor } from "./generated/vendor.js";
import type { CHATSIGHT_RULES } from "./rules.js";

/** The constraints and rules, loaded on the client's first call: a chunk of their own in a bundle. */
const constraints = async () => ({
  ...(await import("./generated/constraints.js")),
  rules: (await import("./rules.js")).CHATSIGHT_RULES,
});

/**
 * From the spec: its first server, the stats search's own limit (once every two minutes), the voice
 * calls' constant `x-chatsight-api` header and the check of every call. Chatsight documents no general
 * rate limit; the preset adds a courtesy default of 10 requests a second, which no spec can state
 * because it is our choice, not the vendor's (override it with `rateLimit: { limit, intervalMs }`, or
 * turn it off with `rateLimit: false`).
 */
export const CHATSIGHT_PRESET: VendorPreset = specPreset({
  vendor: { ...vendor, rateLimit: { requests: 10, perSeconds: 1 } },
  constraints,
});

export interface ChatsightClientOptions extends ClientOptions {
  /** The API token; sent in the `x-chatsight-api-auth` header. */
  apiKey: string;
}

/** The typed openapi-fetch client: `GET`/`POST` by path, typed params, bodies and responses. */
export type ChatsightClient = ApiClient<paths>;

/**
 * Creates a Chatsight client. Every call is checked against the spec's request constraints and
 * {@link CHATSIGHT_RULES} before the network (a breach throws client-core's `ValidationError` naming
 * each field; `validate: false` here or per call sends the request as given), and a required header the
 * spec allows one value for (the voice calls' `x-chatsight-api: chatsightvoice`) is sent when the call
 * leaves it out.
 */
export function createChatsightClient(options: ChatsightClientOptions): ChatsightClient {
  if (!options.apiKey) throw new TypeError("createChatsightClient: apiKey is required");
  const { apiKey, ...rest } = options;
  return createApiClient<paths>(CHATSIGHT_PRESET, headerAuth("x-chatsight-api-auth", apiKey), rest);
}
