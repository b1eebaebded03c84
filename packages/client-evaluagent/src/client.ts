import {
  type ApiClient,
  type AuthHeaders,
  type AuthStrategy,
  basicAuth,
  type ClientOptions,
  createApiClient,
  createRateLimiter,
  perEndpoint,
  type RateLimiter,
  type RateLimitOptions,
  type RequestCheck,
  tokenAuth,
  unwrap,
  type ValidationIssue,
  type VendorPreset,
  validateBodies,
} from "@cxkit/client-core";
import type { Middleware } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { type BearerTokens, TokenSession, type TokenStore } from "./tokens.js";
import { BODY_RULES, EvaluagentValidationError, validateParams } from "./validate.js";

/** EvaluAgent's regional clusters: an account can only be reached through its own. */
export const EVALUAGENT_REGIONS = {
  eu: "https://api.evaluagent.com/v1",
  "us-east": "https://api.us-east.evaluagent.com/v1",
  aus: "https://api.aus.evaluagent.com/v1",
} as const;
export type EvaluagentRegion = keyof typeof EVALUAGENT_REGIONS;

/** The documented limit per endpoint: 100 requests per minute (each `METHOD /path` its own budget). */
export const EVALUAGENT_PRESET: VendorPreset = {
  vendor: "evaluagent",
  baseUrl: EVALUAGENT_REGIONS.eu,
  rateLimit: { limit: 100, intervalMs: 60_000, key: perEndpoint },
};
/** The documented daily budget of an API key, across all endpoints: 10,000 requests. */
export const EVALUAGENT_DAILY_LIMIT: RateLimitOptions = { limit: 10_000, intervalMs: 86_400_000 };

/**
 * A limiter enforcing both documented budgets (100/min per endpoint, 10,000/day per key). Clients use
 * one of their own; share one between clients of the same API key: `rateLimit: createEvaluagentRateLimiter()`.
 */
export function createEvaluagentRateLimiter(perMinute: Partial<RateLimitOptions> = {}): RateLimiter {
  const minute = createRateLimiter({ ...EVALUAGENT_PRESET.rateLimit, ...perMinute });
  const day = createRateLimiter(EVALUAGENT_DAILY_LIMIT);
  return {
    acquire(req, now = performance.now()) {
      // The daily slot is reserved at the time the per-endpoint budget allows, so it is exact.
      const wait = minute.acquire(req, now);
      return wait + day.acquire(req, now + wait);
    },
  };
}

export interface EvaluagentClientOptions extends ClientOptions {
  /** The cluster of the account: "eu" (default), "us-east" or "aus". `baseUrl` overrides it (e.g. a mock). */
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
 * errors). Query parameters and bodies are checked against the documented rules before the network
 * (a breach throws {@link EvaluagentValidationError} naming each field); `include` lists are sent
 * comma-separated as the API expects.
 */
export function createEvaluagentClient(options: EvaluagentClientOptions): EvaluagentClient {
  const {
    region = "eu",
    accessKeyId,
    secretKey,
    auth = "basic",
    tokenStore,
    refreshMarginMs,
    ...rest
  } = options;
  if (!accessKeyId || !secretKey)
    throw new TypeError("createEvaluagentClient: accessKeyId and secretKey are required");
  if (!(region in EVALUAGENT_REGIONS))
    throw new TypeError(
      `createEvaluagentClient: region must be one of ${Object.keys(EVALUAGENT_REGIONS).join(", ")}`,
    );
  if (auth !== "basic" && auth !== "bearer")
    throw new TypeError('createEvaluagentClient: auth must be "basic" or "bearer"');
  const { rateLimit, throwOnError } = rest;
  const shared: ClientOptions = {
    ...rest,
    baseUrl: rest.baseUrl ?? EVALUAGENT_REGIONS[region],
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
  const main = createApiClient<paths>({ ...EVALUAGENT_PRESET, check }, mainAuth(session, basic), shared);
  main.use(includeList, multipartOnly);

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

const fail = (issues: ValidationIssue[], context: string) => new EvaluagentValidationError(issues, context);

/** Query and path parameters, an update's `data.id` against the path, then the body, before the network. */
const check: RequestCheck = (call) => {
  const operation = `${call.method} ${call.path}`;
  const issues = validateParams(operation, call.params as never);
  const id = call.params.path?.id;
  const bodyId = (call.body as { data?: { id?: unknown } } | undefined)?.data?.id;
  if (call.method === "PATCH" && id !== undefined && bodyId !== undefined && bodyId !== id)
    issues.push({ field: "data.id", message: `must equal the id in the path (${JSON.stringify(id)})` });
  if (issues.length) throw fail(issues, `${operation} request`);
  bodyChecks(call);
};

/** `include` of getEvaluation is a comma-separated list (`include=contact,agent`), not a repeated key. */
const includeList: Middleware = {
  onRequest({ request, schemaPath }) {
    if (schemaPath !== "/quality/evaluations/{id}") return undefined;
    const url = new URL(request.url);
    const values = url.searchParams.getAll("include");
    if (values.length < 2) return undefined;
    url.searchParams.delete("include");
    const joined = `include=${values.map(encodeURIComponent).join(",")}`;
    url.search = url.search ? `${url.search}&${joined}` : joined;
    return new Request(url, request);
  },
};

/** The audio upload must be multipart with a non-empty `audio_file` part (see `uploadAudio`). */
const multipartOnly: Middleware = {
  async onRequest({ request, schemaPath }) {
    if (request.method !== "POST" || schemaPath !== "/quality/imported-contacts/upload-audio")
      return undefined;
    const context = `POST ${schemaPath} body`;
    if (!/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? ""))
      throw fail(
        [
          {
            field: "audio_file",
            message: "must be sent as multipart/form-data: use uploadAudio() or a FormData body",
          },
        ],
        context,
      );
    const file = (await request.clone().formData()).get("audio_file");
    if (!(file instanceof Blob) || file.size === 0)
      throw fail([{ field: "audio_file", message: "must be a non-empty file part" }], context);
    return undefined;
  },
};

/** Rejects invalid bodies before they leave the process. */
const bodyChecks = validateBodies(BODY_RULES, fail);
