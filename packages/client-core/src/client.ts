import createClient, { type Client, mergeHeaders } from "openapi-fetch";
import { type AuthHeaders, type AuthStrategy, allowedOrigins, assertAllowed } from "./auth.js";
import { AbortError, type ApiError, apiError, CxkitError, NetworkError, TimeoutError } from "./errors.js";
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { type Logger, type LogLevel, redactUrl, scrub } from "./redact.js";
import type { RequestCheck } from "./validation/index.js";

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
  /** Builds the limiter from the preset's limits and the caller's overrides (several limits at once, say). */
  limiter?: (overrides: Partial<RateLimitOptions>) => RateLimiter;
  /** The vendor's checks of a call's inputs against its documented limits, run once before anything is sent. */
  check?: RequestCheck;
}

/** The plain openapi-fetch client type: typed GET/POST/… by path, `use`/`eject` middlewares. */
export type ApiClient<Paths extends {}> = Client<Paths>;

type Result = { data?: unknown; error?: unknown; response: Response };

const NON_IDEMPOTENT = /^P(OST|ATCH)$/;
const RETRY_STATUS = [408, 429, 500, 502, 503, 504];
/** Connection-level failures proving the request never reached the server. */
const NOT_SENT = /^E(CONNREFUSED|NOTFOUND|AI_AGAIN)$/;
const REQUEST_ID = ["x-request-id", "request-id", "x-correlation-id"];
const errors = new WeakMap<Response, () => ApiError>();

/** Resolves after `ms`, or rejects with `signal.reason` as soon as `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    if (signal?.aborted) stop();
    else signal?.addEventListener("abort", stop, { once: true });
  });

/**
 * Server-advised delay in ms from `retry-after-ms`, `Retry-After` (seconds or HTTP date) or
 * `X-RateLimit-Reset` / `RateLimit-Reset`. The reset value is read as epoch milliseconds above
 * 1e12, epoch seconds above 1e9 (after 2001-09-09) and as seconds from now otherwise.
 */
export const retryAfterMs = (headers: Headers, now = Date.now()): number | undefined => {
  const ms = headers.get("retry-after-ms");
  const after = headers.get("retry-after");
  const reset = Number(headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset") ?? Number.NaN);
  const delay = ms
    ? +ms
    : after
      ? +after >= 0
        ? +after * 1000
        : Date.parse(after) - now
      : reset > 1e12
        ? reset - now
        : reset > 1e9
          ? reset * 1000 - now
          : reset * 1000;
  return delay >= 0 ? delay : delay < 0 ? 0 : undefined;
};

const LEVELS = ["debug", "info", "warn", "error"] as const;
type Fields = ConstructorParameters<typeof CxkitError>[1];

/** Per-call state, shared by the helpers below (one object per call instead of a set of closures). */
interface Call {
  method: string;
  path: string;
  signal?: AbortSignal;
  attempt: number;
  /** Aborts the attempt in flight (caller's signal, attempt timeout, total deadline); none if nothing can. */
  ac?: AbortController;
  /** Final URL of the attempt (after middlewares), for the debug log. */
  url: string;
  /** fetch was called: a later TypeError is a network failure (connect, reset, body cut short). */
  sent: boolean;
}

const fail = <E extends CxkitError>(
  c: Call,
  E: new (d: string, f: Fields) => E,
  detail: string,
  fields: Fields,
): E => new E(detail, { method: c.method, path: c.path, attempts: c.attempt, ...fields });
const aborted = (c: Call) => fail(c, AbortError, "aborted", { kind: "abort", cause: c.signal?.reason });
const timeout = (c: Call, scope: string, ms: number) =>
  fail(c, TimeoutError, `${scope} timeout (${ms} ms)`, { kind: "timeout", scope, timeoutMs: ms });
/** Low-level error code (ECONNRESET, UND_ERR_SOCKET, …) of a fetch failure, if any. */
const codeOf = (e: unknown): string | undefined => {
  const x = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = x?.cause?.code ?? x?.code;
  return typeof code === "string" ? code : undefined;
};

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
  const {
    baseUrl = preset.baseUrl,
    fetch: customFetch,
    maxRetries = 2,
    timeoutMs = 60_000,
    totalTimeoutMs = 0,
    rateLimit,
    logLevel = "info",
    retryNonIdempotent,
    throwOnError,
    retryDelayMs = 500,
    maxRetryDelayMs = 60_000,
    validate = true,
  } = options;
  const check = validate ? preset.check : undefined;
  const vendor = preset.vendor;
  const origins = allowedOrigins(baseUrl, options.allowedHosts);
  // Constant credentials are set once as client-level headers (per-request headers still override
  // them); the others are resolved per attempt.
  const fixed = auth.refresh ? undefined : auth.fixed;
  const raw = createClient<Paths>({ baseUrl, headers: { ...options.headers, ...fixed } });
  const logger = options.logger ?? (options.logLevel ? console : undefined);
  /** Lowest level logged (0 debug … 3 error), -1 when logging is off. */
  const min = logger ? LEVELS.indexOf(logLevel as "info") : -1;
  const log = (level: number, message: string, meta?: object) =>
    min >= 0 && level >= min && logger![LEVELS[level]!](message, { vendor, ...meta });
  const limiter =
    rateLimit === false
      ? undefined
      : rateLimit && "acquire" in rateLimit
        ? rateLimit
        : (preset.limiter?.(rateLimit || {}) ?? createRateLimiter({ ...preset.rateLimit, ...rateLimit }));
  const idHeaders = preset.requestIdHeaders ?? REQUEST_ID;

  /** Sleeps `ms` unless that passes the deadline (total timeout) or the caller aborts. */
  const wait = async (c: Call, ms: number, deadline: number) => {
    if (performance.now() + ms > deadline) throw timeout(c, "total", totalTimeoutMs);
    await sleep(ms, c.signal).catch(() => {
      throw aborted(c);
    });
  };

  /** Final result: scrub echoed credentials from error bodies; throw or remember the ApiError. */
  const finish = (c: Call, r: Result, creds: AuthHeaders): Result => {
    const res = r.response;
    if (!res.ok) {
      r.error = scrub(
        r.error,
        Object.values(creds)
          .join(" ")
          .split(" ")
          .filter((s) => s.length > 7),
      );
      const make = () =>
        Object.assign(
          apiError(
            res.status,
            c.method,
            c.path,
            r.error,
            idHeaders.map((h) => res.headers.get(h)).find(Boolean) ?? undefined,
          ),
          { attempts: c.attempt },
        );
      if (throwOnError) throw make();
      errors.set(res, make);
    }
    return r;
  };

  // biome-ignore lint/suspicious/noExplicitAny: init is the typed openapi-fetch init, opaque here
  async function run(method: string, path: string, given: any = {}): Promise<Result> {
    const constants = preset.constantHeaders?.[`${method} ${path}`];
    const init = constants ? withHeaders(given, constants) : given;
    if (check && init.validate !== false)
      await check({
        method,
        path,
        params: init.params ?? {},
        body: init.body,
        headers: init.headers,
        bodySerializer: init.bodySerializer,
      });
    const signal: AbortSignal | undefined = init.signal ?? undefined;
    if (init.baseUrl) assertAllowed(`${init.baseUrl.replace(/\/$/, "")}/`, origins, method, path);
    const send: typeof fetch = init.fetch ?? customFetch ?? fetch;
    const deadline = totalTimeoutMs > 0 ? performance.now() + totalTimeoutMs : Number.POSITIVE_INFINITY;
    const idempotent = retryNonIdempotent || !NON_IDEMPOTENT.test(method);
    const c: Call = { method, path, signal, attempt: 0, url: path, sent: false };
    let retries = 0;
    let replayed = false;
    let creds: AuthHeaders = {};
    let replay: AuthHeaders | undefined;
    const onAbort = signal && (() => c.ac?.abort(aborted(c)));
    // The caller's signal is not put on the Request: the per-attempt signal (linked to it) goes to fetch.
    const request = {
      ...init,
      validate: undefined,
      ...(signal && { signal: undefined }),
      fetch: (req: Request, ext?: RequestInit) => {
        c.url = req.url;
        assertAllowed(c.url, origins, method, path);
        c.sent = true;
        return send(req, c.ac ? { ...ext, signal: c.ac.signal } : ext);
      },
    };
    if (onAbort) signal.addEventListener("abort", onAbort);
    try {
      for (;;) {
        if (signal?.aborted) throw aborted(c);
        const queued = limiter?.acquire(c) ?? 0;
        if (queued > 0) await wait(c, queued, deadline);
        const h = replay ?? fixed ?? auth.headers();
        creds = h instanceof Promise ? await h : h;
        replay = undefined;
        if (!fixed) request.headers = init.headers ? mergeHeaders(creds, init.headers) : creds;
        const left = deadline < Number.POSITIVE_INFINITY ? deadline - performance.now() : deadline;
        if (left <= 0) throw timeout(c, "total", totalTimeoutMs);
        c.attempt++;
        c.url = path;
        c.sent = false;
        const perAttempt = timeoutMs > 0 && timeoutMs <= left;
        const ms = perAttempt ? timeoutMs : left;
        const ac = ms < Number.POSITIVE_INFINITY || signal ? new AbortController() : undefined;
        c.ac = ac;
        const timer =
          ac && ms < Number.POSITIVE_INFINITY
            ? setTimeout(
                () =>
                  ac.abort(timeout(c, perAttempt ? "attempt" : "total", perAttempt ? ms : totalTimeoutMs)),
                ms,
              )
            : undefined;
        const started = min ? 0 : performance.now();
        let result: Result | undefined;
        let error: unknown;
        try {
          result = await raw.request(method as "get", path as never, request);
        } catch (e) {
          const code = codeOf(e);
          error = ac?.signal.aborted
            ? ac.signal.reason
            : !c.sent || e instanceof CxkitError
              ? e // our own errors, or a middleware's / request-building error: passed through
              : e instanceof SyntaxError
                ? fail(c, CxkitError, "response body is not valid JSON", { kind: "parse" })
                : e instanceof TypeError || code
                  ? fail(c, NetworkError, `network error${code ? ` (${code})` : ""}`, {
                      kind: "network",
                      code,
                    })
                  : e;
        } finally {
          clearTimeout(timer);
        }

        const status = result?.response.status;
        const err = error as TimeoutError & NetworkError;
        if (!min)
          log(0, `${method} ${redactUrl(c.url)} → ${status ?? err.kind}`, {
            attempt: c.attempt,
            ms: Math.round(performance.now() - started),
            queuedMs: Math.round(queued),
          });
        let delay: number | undefined;
        if (result) {
          if (status === 401 && auth.refresh && !replayed) {
            replayed = true;
            replay = await auth.refresh(creds);
            if (replay) {
              log(1, `${method} ${path}: 401, replaying with refreshed credentials`);
              continue;
            }
          }
          if (!RETRY_STATUS.includes(status!) || !(idempotent || status === 429) || retries >= maxRetries)
            return finish(c, result, creds);
          delay = retryAfterMs(result.response.headers);
          if (delay! > maxRetryDelayMs) return finish(c, result, creds);
        } else if (
          !(error instanceof CxkitError) ||
          retries >= maxRetries ||
          !(error instanceof NetworkError
            ? idempotent || NOT_SENT.test(`${err.code}`)
            : err.scope === "attempt" && idempotent)
        )
          throw error;
        delay ??= Math.min(retryDelayMs * 2 ** retries, maxRetryDelayMs) * (0.5 + Math.random() / 2);
        if (performance.now() + delay > deadline) {
          if (result) return finish(c, result, creds);
          throw error;
        }
        retries++;
        log(
          2,
          `${method} ${path}: ${status ?? err.code ?? err.kind}, retry ${retries}/${maxRetries} in ${Math.round(delay)} ms`,
          {
            attempt: c.attempt,
            delayMs: Math.round(delay),
          },
        );
        await wait(c, delay, deadline);
      }
    } finally {
      // A streamed body is read after we return: keep the caller's signal wired to it.
      if (onAbort && init.parseAs !== "stream") signal.removeEventListener("abort", onAbort);
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: methods are typed by the ApiClient return type
  const client: any = {
    use: raw.use,
    eject: raw.eject,
    request: (m: string, p: string, i: unknown) => run(m.toUpperCase(), p, i),
  };
  for (const m of "GET PUT POST DELETE OPTIONS HEAD PATCH TRACE".split(" "))
    client[m] = (p: string, i: unknown) => run(m, p, i);
  return client;
}

/** The call's options with header parameters added where neither `params.header` nor `headers` has them. */
// biome-ignore lint/suspicious/noExplicitAny: init is the typed openapi-fetch init, opaque here
function withHeaders(init: any, add: Record<string, string>): any {
  const given = new Headers(init.headers);
  const header = { ...init.params?.header };
  const named = new Set(Object.keys(header).map((n) => n.toLowerCase()));
  for (const [name, value] of Object.entries(add))
    if (!named.has(name) && !given.has(name)) header[name] = value;
  return { ...init, params: { ...init.params, header } };
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
