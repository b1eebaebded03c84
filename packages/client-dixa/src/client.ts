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
import type { DIXA_RULES } from "./rules.js";
import { DIXA_BASE_URLS, type DixaVersion } from "./servers.js";

/** The constraints and rules, loaded on the client's first call: a chunk of their own in a bundle. */
const constraints = async () => ({
  ...(await import("./generated/constraints.js")),
  rules: (await import("./rules.js")).DIXA_RULES,
});

/**
 * Everything the client needs from the spec: the first server (`/v1`) as base URL, the documented rate
 * limit (`info.x-cxkit-rate-limit`: 10 requests per second per key), and the check of every call
 * against the spec's request constraints plus {@link DIXA_RULES}. Nothing is added to it.
 */
export const DIXA_PRESET: VendorPreset = specPreset({ vendor, constraints });

/** The header the spec's API-key scheme names (`Authorization`). */
const AUTH_HEADER = Object.values(vendor.securitySchemes).find((s) => s.type === "apiKey")!.name!;

export interface DixaClientOptions extends ClientOptions {
  /**
   * The API key from Dixa's settings, sent verbatim as the `Authorization` header value. A key already
   * written as `Bearer <key>` is sent as it is (Dixa accepts both forms).
   */
  apiKey: string;
  /** `v1` (default) or `beta`: the version prefix of the base URL. `baseUrl` overrides both. */
  version?: DixaVersion;
}

/** The typed openapi-fetch client: `GET`/`POST`/… by path (without the version prefix), typed params, bodies and responses. */
export type DixaClient = ApiClient<paths>;

/**
 * Creates a Dixa client on client-core's runtime (retries, the spec's rate limit, timeouts, typed
 * errors), based at the spec's server for `version`. Every call is checked against the spec's request
 * constraints and {@link DIXA_RULES} before the network; a breach throws client-core's
 * `ValidationError` naming each field (`body.ratingResult.value must be at most 5 (got 6)`). Pass
 * `validate: false` here, or in one call's options, to send a request as given.
 */
export function createDixaClient(options: DixaClientOptions): DixaClient {
  const { apiKey, version = "v1", ...rest } = options;
  if (!apiKey?.trim() || /^bearer\s*$/i.test(apiKey.trim()))
    throw new TypeError("createDixaClient: apiKey is required");
  const baseUrl = Object.hasOwn(DIXA_BASE_URLS, version) ? DIXA_BASE_URLS[version] : undefined;
  if (!baseUrl)
    throw new TypeError(`createDixaClient: version must be one of ${Object.keys(DIXA_BASE_URLS).join(", ")}`);
  const client = createApiClient<paths>(
    { ...DIXA_PRESET, baseUrl },
    headerAuth(AUTH_HEADER, apiKey.trim()),
    rest,
  );
  baseUrls.set(client, rest.baseUrl ?? baseUrl);
  return client;
}

const baseUrls = new WeakMap<object, string>();
/** The base URL a client from {@link createDixaClient} sends to (undefined for other clients). */
export const dixaBaseUrl = (client: DixaClient): string | undefined => baseUrls.get(client);
