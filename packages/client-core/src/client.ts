import createClient, { type Client, createQuerySerializer, type Middleware } from "openapi-fetch";
import { type AuthStrategy, allowedOrigins, assertAllowed } from "./auth.js";
import { type ApiError, apiError } from "./errors.js";
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { type Logger, type LogLevel, scrub } from "./redact.js";
import { byRoute, type RouteLookup } from "./routes.js";
import {
  aborted,
  backoff,
  begin,
  Call,
  classify,
  credentials,
  decide,
  disarm,
  expire,
  logAttempt,
  type Pipeline,
  type Result,
  refreshed,
  slot,
  useCredentials,
} from "./stages.js";
import { Timeouts } from "./timeouts.js";
import type { RequestCheck } from "./validation/index.js";

export { retryAfterMs } from "./retry.js";

/** What every vendor factory accepts (vendors extend it with their auth fields). */
export interface ClientOptions {
  /** Overrides the preset's base URL (e.g. a mock server). Credentials only ever go to its origin. */
  baseUrl?: string;
  /** Custom fetch. Must honour `init.signal` (the per-attempt signal is passed there). */
  fetch?: typeof fetch;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in ms, covering headers and body. Default 60 000; 0 disables. */
  timeoutMs?: number;
  /** Deadline for the whole call: retries, back-off, rate-limit waits. Default: none. */
  totalTimeoutMs?: number;
  /** Overrides merged onto the preset's limits, a shared limiter instance, or `false` to disable. */
  rateLimit?: Partial<RateLimitOptions> | RateLimiter | false;
  logger?: Logger;
  /** Default "info" when a logger is given; setting only a level logs to `console`. */
  logLevel?: LogLevel;
  /** Extra hosts (`host[:port]` or origins) that may receive credentials. */
  allowedHosts?: string[];
  /** Also retry POST/PATCH on 5xx, 408, timeouts and network errors. Default false. */
  retryNonIdempotent?: boolean;
  /** Headers sent with every request (lower priority than per-request headers and auth). */
  headers?: Record<string, string>;
  /** Throw {@link ApiError} for non-2xx responses instead of returning `{ error }`. */
  throwOnError?: boolean;
  /**
   * Check every call against the spec's request constraints (and the vendor's own rules) before the
   * network, throwing {@link ValidationError}. Default true; `false` here or in one call's options
   * (`{ validate: false }`) sends the request as given, for when our spec is stricter than the API.
   */
  validate?: boolean;
  /**
   * Middlewares for some operations only, keyed `"METHOD /path"` (the path template): they run for those
   * calls alone (openapi-fetch's per-request `middleware`), so the other calls pay nothing for them.
   */
  operationMiddleware?: Record<string, Middleware[]>;
  /** Base of the exponential back-off (ms). Default 500. */
  retryDelayMs?: number;
  /** Cap for computed back-off; a server asking to wait longer is not retried. Default 60 000. */
  maxRetryDelayMs?: number;
}

export interface VendorPreset {
  vendor: string;
  baseUrl: string;
  rateLimit: RateLimitOptions;
  /** Response headers carrying a request id, first match wins. */
  requestIdHeaders?: string[];
  /** Header parameters an operation requires with one allowed value (`"METHOD /path"` → name → value). */
  constantHeaders?: Record<string, Record<string, string>>;
  /** Query lists an operation sends as one comma-separated value (`explode: false`), per `"METHOD /path"`. */
  unexplodedQuery?: Record<string, readonly string[]>;
  /** Builds the limiter from the preset's limits and the caller's overrides (several limits at once, say). */
  limiter?: (overrides: Partial<RateLimitOptions>) => RateLimiter;
  /** The vendor's checks of a call's inputs against its documented limits, run once before anything is sent. */
  check?: RequestCheck;
}

/** The plain openapi-fetch client type: typed GET/POST/… by path, `use`/`eject` middlewares. */
export type ApiClient<Paths extends {}> = Client<Paths>;

const REQUEST_ID = ["x-request-id", "request-id", "x-correlation-id"];
const LEVELS = ["debug", "info", "warn", "error"] as const;
const errors = new WeakMap<Response, () => ApiError>();
/** A call without options or parameters: one shared empty object, not a new one per call. */
const NONE = Object.freeze({});

/** What one operation adds to its calls (the spec's constant headers and unexploded lists, its middlewares). */
interface OperationExtras {
  headers?: Record<string, string>;
  querySerializer?: (query: Record<string, unknown>) => string;
  middleware?: Middleware[];
}

/** What `run` reads besides the stages' pipeline. */
interface ClientState extends Pipeline {
  preset: VendorPreset;
  /** Absent when no operation has extras: then the stage costs nothing. */
  extras: RouteLookup<OperationExtras> | undefined;
  check: RequestCheck | undefined;
  idHeaders: string[];
  throwOnError: boolean | undefined;
}

/**
 * An openapi-fetch client with auth, host pinning, rate limiting, timeouts, retries and typed errors.
 * Each attempt re-runs openapi-fetch (serialisation and your middlewares), so replays carry the
 * original body without cloning streams.
 */
export function createApiClient<Paths extends {}>(
  preset: VendorPreset,
  auth: AuthStrategy,
  options: ClientOptions = {},
): ApiClient<Paths> {
  const baseUrl = options.baseUrl ?? preset.baseUrl;
  // Constant credentials are set once as client-level headers (per-request headers still override
  // them); the others are resolved per attempt.
  const fixed = auth.refresh ? undefined : auth.fixed;
  const raw = createClient<Paths>({ baseUrl, headers: { ...options.headers, ...fixed } });
  const timeoutMs = options.timeoutMs ?? 60_000;
  const p: ClientState = {
    raw,
    auth,
    fixed,
    limiter: limiterOf(preset, options.rateLimit),
    origins: allowedOrigins(baseUrl, options.allowedHosts),
    fetch: options.fetch,
    timeoutMs,
    timeouts: timeoutMs > 0 ? new Timeouts<Call>(timeoutMs, (c) => expire(c, true)) : undefined,
    totalTimeoutMs: options.totalTimeoutMs ?? 0,
    retry: {
      retries: options.maxRetries ?? 2,
      retryNonIdempotent: options.retryNonIdempotent,
      retryDelayMs: options.retryDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    },
    ...logging(preset.vendor, options),
    preset,
    extras: operationExtras(preset, options.operationMiddleware),
    check: (options.validate ?? true) ? preset.check : undefined,
    idHeaders: preset.requestIdHeaders ?? REQUEST_ID,
    throwOnError: options.throwOnError,
  };
  // biome-ignore lint/suspicious/noExplicitAny: methods are typed by the ApiClient return type
  const client: any = {
    use: raw.use,
    eject: raw.eject,
    request: (m: string, path: string, i: unknown) => run(p, m.toUpperCase(), path, i),
  };
  for (const m of "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE".split(" "))
    client[m] = (path: string, i: unknown) => run(p, m, path, i);
  return client;
}

/** The limiter: none (`false`), the caller's instance, or the preset's limits with the caller's overrides. */
function limiterOf(preset: VendorPreset, rateLimit: ClientOptions["rateLimit"]): RateLimiter | undefined {
  if (rateLimit === false) return undefined;
  if (rateLimit && "acquire" in rateLimit) return rateLimit;
  return preset.limiter?.(rateLimit || {}) ?? createRateLimiter({ ...preset.rateLimit, ...rateLimit });
}

/** The log function and its lowest level (-1: off); every line's meta carries the vendor. */
function logging(vendor: string, options: ClientOptions): Pick<Pipeline, "min" | "log"> {
  const logger = options.logger ?? (options.logLevel ? console : undefined);
  const min = logger ? LEVELS.indexOf((options.logLevel ?? "info") as "info") : -1;
  const log = (level: number, message: string, meta?: object) => {
    if (min >= 0 && level >= min) logger![LEVELS[level]!](message, { vendor, ...meta });
  };
  return { min, log };
}

/**
 * One call, stage by stage: the spec's check, constant headers, then per attempt a rate-limit slot,
 * credentials and the attempt itself, a 401 replay, the retry decision and its back-off.
 */
// biome-ignore lint/suspicious/noExplicitAny: init is the typed openapi-fetch init, opaque here
async function run(p: ClientState, method: string, path: string, given: any = NONE): Promise<Result> {
  const init = perOperation(p, method, path, given);
  if (p.check && init.validate !== false) {
    // Once the constraints are loaded the check is synchronous: no await (a microtask) then.
    const checking = p.check({
      method,
      path,
      params: init.params ?? NONE,
      body: init.body,
      headers: init.headers,
      bodySerializer: init.bodySerializer,
    });
    if (checking) await checking;
  }
  if (init.baseUrl) assertAllowed(`${init.baseUrl.replace(/\/$/, "")}/`, p.origins, method, path);
  const c = new Call(p, method, path, init);
  try {
    for (;;) {
      if (c.signal?.aborted) throw aborted(c);
      const queued = slot(c);
      if (queued) await queued;
      const creds = credentials(c);
      useCredentials(c, creds instanceof Promise ? await creds : creds);
      begin(c);
      let r: Result | undefined;
      try {
        r = await p.raw.request(method as "get", path as never, c.request);
      } catch (e) {
        c.error = classify(c, e);
      } finally {
        disarm(c);
      }
      if (!p.min) logAttempt(c, r);
      if (r?.response.ok) return r;
      if (r?.response.status === 401 && p.auth.refresh && !c.replayed && (await refreshed(c))) continue;
      const next = decide(c, r);
      if (!next.retry) {
        if (r) return finish(p, c, r);
        throw c.error;
      }
      await backoff(c, next.delayMs, r);
    }
  } finally {
    c.close();
  }
}

/**
 * Stage: what applies to this operation only, where the call does not say it itself: the spec's constant
 * header parameters and `explode: false` query lists (`include=a,b`, not `include=a&include=b`), and the
 * client's `operationMiddleware`.
 */
// biome-ignore lint/suspicious/noExplicitAny: init is the typed openapi-fetch init, opaque here
function perOperation(p: ClientState, method: string, path: string, init: any): any {
  const op = p.extras?.(method, path);
  if (!op) return init;
  const out = { ...init };
  if (op.headers) out.params = { ...init.params, header: constantHeaders(op.headers, init) };
  if (op.querySerializer && !init.querySerializer) out.querySerializer = op.querySerializer;
  if (op.middleware)
    out.middleware = init.middleware ? [...op.middleware, ...init.middleware] : op.middleware;
  return out;
}

/** Each operation's extras, built once per client; undefined when there are none. */
function operationExtras(
  preset: VendorPreset,
  middleware: Record<string, Middleware[]> | undefined,
): RouteLookup<OperationExtras> | undefined {
  const { constantHeaders: headers = {}, unexplodedQuery: lists = {} } = preset;
  const table: Record<string, OperationExtras> = {};
  const at = (key: string) => {
    table[key] ??= {};
    return table[key];
  };
  for (const [key, h] of Object.entries(headers)) at(key).headers = h;
  for (const [key, names] of Object.entries(lists)) at(key).querySerializer = unexplodedBy(names);
  for (const [key, mw] of Object.entries(middleware ?? {})) at(key).middleware = mw;
  return Object.keys(table).length ? byRoute(table) : undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: as above
function constantHeaders(add: Record<string, string>, init: any): Record<string, unknown> {
  const given = new Headers(init.headers);
  const header = { ...init.params?.header };
  const named = new Set(Object.keys(header).map((n) => n.toLowerCase()));
  for (const [name, value] of Object.entries(add))
    if (!named.has(name) && !given.has(name)) header[name] = value;
  return header;
}

const exploded = createQuerySerializer();
const joined = createQuerySerializer({ array: { style: "form", explode: false } });
/** openapi-fetch's query serialiser, with the lists `names` comma-separated and every other value as usual. */
const unexplodedBy =
  (names: readonly string[]) =>
  (query: Record<string, unknown>): string => {
    const lists: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const k in query) (names.includes(k) ? lists : rest)[k] = query[k];
    return [exploded(rest), joined(lists)].filter(Boolean).join("&");
  };

/** Stage: a non-2xx result: scrub echoed credentials from its body; throw or remember the ApiError. */
function finish(p: ClientState, c: Call, r: Result): Result {
  const res = r.response;
  const secrets = Object.values(c.creds)
    .join(" ")
    .split(" ")
    .filter((s) => s.length > 7);
  r.error = scrub(r.error, secrets);
  const make = () => {
    const requestId = p.idHeaders.map((h) => res.headers.get(h)).find(Boolean) ?? undefined;
    return Object.assign(apiError(res.status, c.method, c.path, r.error, requestId), { attempts: c.attempt });
  };
  if (p.throwOnError) throw make();
  errors.set(res, make);
  return r;
}

/**
 * Awaits an openapi-fetch call and returns its typed `data`, or throws {@link ApiError} (with
 * method, path template, attempts and request id when the call came from {@link createApiClient}).
 */
export const unwrap = async <R extends Result>(
  call: R | Promise<R>,
): Promise<Extract<R, { data: unknown }>["data"]> => {
  const r = await call;
  if (r.response.ok) return r.data;
  throw errors.get(r.response)?.() ?? apiError(r.response.status, "", "", r.error);
};
