import {
  type ApiClient,
  type AuthHeaders,
  type AuthStrategy,
  basicAuth,
  type ClientOptions,
  createApiClient,
  type RateLimiter,
  type RateLimitOptions,
  specPreset,
  specRateLimiter,
  tokenAuth,
  unwrap,
  type VendorPreset,
} from "@cxkit/client-core";
import type { Middleware } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { vendor } from "./generated/vendor.js";
import { EVALUAGENT_REGIONS, type EvaluagentRegion } from "./regions.js";
import type { EVALUAGENT_RULES } from "./rules.js";
import { type BearerTokens, TokenSession, type TokenStore } from "./tokens.js";

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
 * bearer token lifecycle. Calls to the token endpoints are sent with the credentials each one requires
 * (Basic to create, the token to refresh and revoke) and keep `tokens` and the store up to date.
 */
export type EvaluagentClient = ApiClient<paths> & { readonly tokens: BearerTokens };

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

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
  const { rateLimit, throwOnError } = rest;
  const shared: ClientOptions = {
    ...rest,
    baseUrl: rest.baseUrl ?? (region ? EVALUAGENT_REGIONS[region] : EVALUAGENT_PRESET.baseUrl),
    rateLimit:
      rateLimit === false
        ? false
        : rateLimit && "acquire" in rateLimit
          ? rateLimit
          : createEvaluagentRateLimiter(rateLimit),
  };
  const session = new TokenSession({
    store: tokenStore,
    autoCreate: auth === "bearer",
    refreshMarginMs: refreshMarginMs ?? 3_600_000,
  });
  const basic = basicAuth(accessKeyId, secretKey);
  const internal = { ...shared, throwOnError: false };
  session.basic = createApiClient<paths>(EVALUAGENT_PRESET, basic, internal);
  session.bearer = createApiClient<paths>(EVALUAGENT_PRESET, { headers: session.bearerHeaders }, internal);
  session.basic.use(session.observer);
  session.bearer.use(session.observer);
  const main = createApiClient<paths>(EVALUAGENT_PRESET, mainAuth(session, basic), shared);
  main.use(unexplodedLists);

  // Token endpoints go through the client holding the credentials they require.
  const routes: Record<string, ApiClient<paths>> = {
    "POST /auth/token": session.basic,
    "POST /auth/token/refresh": session.bearer,
    "DELETE /auth/token": session.bearer,
  };
  const all = [main, session.basic, session.bearer];
  // biome-ignore lint/suspicious/noExplicitAny: methods are typed by the EvaluagentClient return type
  const client: any = {
    use: (...m: Middleware[]) => {
      for (const c of all) c.use(...m);
    },
    eject: (...m: Middleware[]) => {
      for (const c of all) c.eject(...m);
    },
    request: (method: string, path: string, init: unknown) =>
      dispatch(`${method.toUpperCase()} ${path}`, (c) => c.request(method, path, init)),
    tokens: {
      current: () => session.current(),
      create: () => session.create(),
      refresh: () => session.refresh(),
      revoke: () => session.revoke(),
    } satisfies BearerTokens,
  };
  // biome-ignore lint/suspicious/noExplicitAny: the target client's method, typed by EvaluagentClient
  const dispatch = async (key: string, invoke: (c: any) => Promise<any>) => {
    const route = routes[key];
    if (!route) return invoke(main);
    const result = await invoke(route);
    if (throwOnError && !result.response.ok) await unwrap(result);
    return result;
  };
  for (const m of METHODS)
    client[m] = (path: string, init: unknown) => dispatch(`${m} ${path}`, (c) => c[m](path, init));
  return client as EvaluagentClient;
}

/**
 * Basic until a token is in play, then client-core's `tokenAuth` over the session: the token is loaded,
 * refreshed before it expires and, after a 401, recovered once for all concurrent requests (single
 * flight) and each refused request replayed once.
 */
function mainAuth(session: TokenSession, basic: AuthStrategy): AuthStrategy {
  const basicHeaders = basic.headers() as AuthHeaders;
  const bearer = tokenAuth({
    getToken: async () => (await session.current()).token,
    refresh: () => session.recover(),
  });
  return {
    async headers() {
      return (await session.usesBearer()) ? bearer.headers() : basicHeaders;
    },
    async refresh(used) {
      if (used === basicHeaders)
        // Basic refused: if a token appeared in the store meanwhile (another process), replay with it.
        return (await session.reload()) ? bearer.headers() : undefined;
      const token = (await session.known())?.token;
      if (token && used.authorization !== `Bearer ${token}`) return { authorization: `Bearer ${token}` };
      return bearer.refresh!(used);
    },
  };
}

/**
 * openapi-fetch repeats a list parameter (`include=contact&include=agent`); the spec's `explode: false`
 * parameters (getEvaluation's `include`) are one comma-separated value instead: `include=contact,agent`.
 */
const unexplodedLists: Middleware = {
  onRequest({ request, schemaPath }) {
    const names: readonly string[] = vendor.unexplodedQuery[`${request.method} ${schemaPath}` as never] ?? [];
    const url = new URL(request.url);
    let changed = false;
    for (const name of names) {
      const values = url.searchParams.getAll(name);
      if (values.length < 2) continue;
      url.searchParams.delete(name);
      const joined = `${name}=${values.map(encodeURIComponent).join(",")}`;
      url.search = url.search ? `${url.search}&${joined}` : joined;
      changed = true;
    }
    return changed ? new Request(url, request) : undefined;
  },
};
