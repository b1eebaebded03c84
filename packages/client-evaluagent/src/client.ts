import {
  type ApiClient,
  type AuthHeaders,
  basicAuth,
  type ClientOptions,
  createApiClient,
  type RateLimiter,
  type RateLimitOptions,
  specPreset,
  specRateLimiter,
  type VendorPreset,
} from "@cxkit/client-core";
import type { Middleware } from "openapi-fetch";
import { routeAuth } from "./auth.js";
import type { paths } from "./generated/openapi.js";
import { vendor } from "./generated/vendor.js";
import { EVALUAGENT_REGIONS, type EvaluagentRegion } from "./regions.js";
import type { EVALUAGENT_RULES } from "./rules.js";
import { type BearerTokens, TOKEN_OPERATIONS, TokenSession, type TokenStore } from "./tokens.js";

/**
 * Everything from the spec: the first server (the EU cluster), 100 requests per minute per endpoint
 * (`x-cxkit-rate-limit`, scope "endpoint"), and the check of every call against the spec's request
 * constraints plus {@link EVALUAGENT_RULES}. Nothing is added: the spec says it all.
 */
/** The constraints and rules, loaded on the client's first call: a chunk of their own in a bundle. */
const constraints = async () => ({
  ...(await import("./generated/constraints.js")),
  rules: (await import("./rules.js")).EVALUAGENT_RULES,
});

export const EVALUAGENT_PRESET: VendorPreset = specPreset({ vendor, constraints });

/**
 * A limiter enforcing every limit of the spec (100/min per endpoint, 10,000/day per key; `perMinute`
 * overrides the first). Clients use one of their own; share one between clients of the same API key:
 * `rateLimit: createEvaluagentRateLimiter()`.
 */
export const createEvaluagentRateLimiter = (perMinute: Partial<RateLimitOptions> = {}): RateLimiter =>
  specRateLimiter({ vendor }, perMinute);

export interface EvaluagentClientOptions extends ClientOptions {
  /**
   * The cluster of the account, one per server of the spec: "eu", "us-east" or "aus". Default: the spec's
   * first server (EU). `baseUrl` overrides it (e.g. a mock).
   */
  region?: EvaluagentRegion;
  /** The API key's Access Key ID (Conversations » Integrations » API). */
  accessKeyId: string;
  /** The API key's Secret Key. Never logged, never put in an error. */
  secretKey: string;
  /**
   * "basic" (default): HTTP Basic on every call — until a token exists (in `tokenStore`, or created with
   * `client.tokens.create()`), then the token. "bearer": create a token on first use and use it; this
   * disables Basic for the key, so give a `tokenStore` that outlives the process.
   */
  auth?: "basic" | "bearer";
  /** Keeps the current bearer token across restarts (see {@link TokenStore}). */
  tokenStore?: TokenStore;
  /** Refresh a token this long before it expires. Default 1 hour (tokens last 24 hours). */
  refreshMarginMs?: number;
}

/**
 * The typed openapi-fetch client (`GET`/`POST`/… by path, typed params, bodies and responses), plus the
 * bearer token lifecycle. Every call is sent with the credentials its operation's security names in the
 * spec (Basic to create a token, the token to refresh and revoke it); token calls, raw ones included,
 * keep `tokens` and the store up to date.
 */
export type EvaluagentClient = ApiClient<paths> & { readonly tokens: BearerTokens };

/**
 * Creates an EvaluAgent client on client-core's runtime (retries, both rate limits, timeouts, typed
 * errors). Every call is checked against the spec before the network (a breach throws client-core's
 * `ValidationError` naming each field; `validate: false` here or in one call skips it); list parameters
 * the spec serialises unexploded (`include=contact,agent`) are sent comma-separated.
 */
export function createEvaluagentClient(options: EvaluagentClientOptions): EvaluagentClient {
  const { region, accessKeyId, secretKey, auth = "basic", tokenStore, refreshMarginMs, ...rest } = options;
  if (!accessKeyId || !secretKey)
    throw new TypeError("createEvaluagentClient: accessKeyId and secretKey are required");
  if (region !== undefined && !Object.hasOwn(EVALUAGENT_REGIONS, region))
    throw new TypeError(
      `createEvaluagentClient: region must be one of ${Object.keys(EVALUAGENT_REGIONS).join(", ")}`,
    );
  if (auth !== "basic" && auth !== "bearer")
    throw new TypeError('createEvaluagentClient: auth must be "basic" or "bearer"');
  const session = new TokenSession({
    store: tokenStore,
    autoCreate: auth === "bearer",
    refreshMarginMs: refreshMarginMs ?? 3_600_000,
  });
  const basic = basicAuth(accessKeyId, secretKey).headers() as AuthHeaders;
  const client = createApiClient<paths>(EVALUAGENT_PRESET, routeAuth(session, basic), {
    ...rest,
    baseUrl: rest.baseUrl ?? (region ? EVALUAGENT_REGIONS[region] : EVALUAGENT_PRESET.baseUrl),
    operationMiddleware: tokenMiddleware(session, rest.operationMiddleware),
  });
  session.client = client;
  const tokens: BearerTokens = {
    current: () => session.current(),
    create: () => session.create(),
    refresh: () => session.refresh(),
    revoke: () => session.revoke(),
  };
  return Object.assign(client, { tokens });
}

/**
 * The token calls' bookkeeping, raw calls included: refuse creating a token while one exists, and hand
 * every successful token call's answer to the session. It runs for the token operations only (client-core's
 * `operationMiddleware`), so no other call pays for it. (The spec's `explode: false` lists, such as
 * getEvaluation's `include=contact,agent`, are client-core's, from the preset.)
 */
function tokenMiddleware(
  session: TokenSession,
  given: Record<string, Middleware[]> = {},
): Record<string, Middleware[]> {
  const bookkeeping: Middleware = {
    onRequest({ request, schemaPath }) {
      return TOKEN_OPERATIONS[schemaPath]?.[request.method] === "create" ? session.beforeCreate() : undefined;
    },
    onResponse({ request, response, schemaPath }) {
      const operation = response.ok ? TOKEN_OPERATIONS[schemaPath]?.[request.method] : undefined;
      return operation ? session.observe(operation, response) : undefined;
    },
  };
  const out = { ...given };
  for (const [path, methods] of Object.entries(TOKEN_OPERATIONS))
    for (const method of Object.keys(methods)) {
      const key = `${method} ${path}`;
      out[key] = [bookkeeping, ...(given[key] ?? [])];
    }
  return out;
}
