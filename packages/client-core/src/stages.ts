// The stages of a call, each a short function of the call's state (`Call`, one object per call) and the
// client's constants (`Pipeline`, one per client). `run` in client.ts strings them together:
//   check → constant headers → [rate-limit slot → credentials → attempt (deadline, classification)
//   → 401 replay → retry decision → back-off]* → result.
import { type Client, mergeHeaders } from "openapi-fetch";
import { type AuthHeaders, type AuthStrategy, assertAllowed } from "./auth.js";
import { AbortError, CxkitError, NetworkError, TimeoutError } from "./errors.js";
import type { RateLimiter, RequestKey } from "./rate-limit.js";
import { redactUrl } from "./redact.js";
import { type RetryDecision, type RetryOptions, retryDecision } from "./retry.js";
import { sleep } from "./sleep.js";
import type { Armed, Timeouts } from "./timeouts.js";

export type Result = { data?: unknown; error?: unknown; response: Response };

/** What the stages read from the client: built once by `createApiClient`. */
export interface Pipeline {
  // biome-ignore lint/suspicious/noExplicitAny: the untyped openapi-fetch client under the typed facade
  raw: Client<any>;
  auth: AuthStrategy;
  /** Constant credentials, sent as client-level headers (then never resolved per attempt). */
  fixed: AuthHeaders | undefined;
  limiter: RateLimiter | undefined;
  origins: string[];
  fetch: typeof fetch | undefined;
  timeoutMs: number;
  /** The per-attempt timeouts, on one timer (none when `timeoutMs` is 0). */
  timeouts: Timeouts<Call> | undefined;
  /** 0: no deadline for the whole call. */
  totalTimeoutMs: number;
  retry: RetryOptions;
  /** Lowest level logged (0 debug … 3 error), -1 when logging is off. */
  min: number;
  log(level: number, message: string, meta?: object): void;
}

type Fields = ConstructorParameters<typeof CxkitError>[1];

/** Per-call state: one object per call, read and advanced by the stages. */
export class Call {
  readonly p: Pipeline;
  readonly method: string;
  readonly path: string;
  #route: RequestKey | undefined = undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the typed openapi-fetch init, opaque here
  readonly init: any;
  readonly signal: AbortSignal | undefined;
  /** performance.now() at which the whole call times out (∞ without `totalTimeoutMs`). */
  readonly deadline: number;
  /** openapi-fetch's options for every attempt: the caller's, with our fetch and the credentials. */
  // biome-ignore lint/suspicious/noExplicitAny: as init
  readonly request: any;
  /** Requests started (retries and the 401 replay included). */
  attempt = 0;
  retries = 0;
  replayed = false;
  creds: AuthHeaders = {};
  /** Refreshed credentials for the 401 replay. */
  replay: AuthHeaders | undefined = undefined;
  /** Aborts the attempt in flight (caller's signal, attempt timeout, total deadline); none if nothing can. */
  ac: AbortController | undefined = undefined;
  /** The attempt's entry on the client's timer (bounded by `timeoutMs`)… */
  armed: Armed<Call> | undefined = undefined;
  /** …or its own timer (bounded by what is left of `totalTimeoutMs`). */
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Final URL of the attempt (after middlewares), for the debug log. */
  url: string;
  /** fetch was called: a later TypeError is a network failure (connect, reset, body cut short). */
  sent = false;
  queued = 0;
  started = 0;
  /** The attempt's error, classified, when it produced no response. */
  error: unknown = undefined;

  // biome-ignore lint/suspicious/noExplicitAny: as init
  constructor(p: Pipeline, method: string, path: string, init: any) {
    this.p = p;
    this.method = method;
    this.path = path;
    this.init = init;
    this.url = path;
    const signal: AbortSignal | undefined = init.signal ?? undefined;
    this.signal = signal;
    const send: typeof fetch = init.fetch ?? p.fetch ?? fetch;
    this.deadline = p.totalTimeoutMs > 0 ? performance.now() + p.totalTimeoutMs : Number.POSITIVE_INFINITY;
    // The caller's signal is not put on the Request: the attempt's signal (linked to it) goes to fetch.
    // No key openapi-fetch does not know either: it copies those onto every Request it builds.
    this.request = {
      ...("validate" in init ? withoutValidate(init) : init),
      ...(signal && { signal: undefined }),
      fetch: (req: Request, ext?: RequestInit) => transmit(this, send, req, ext),
    };
    // `this` is the listener (handleEvent): no closure per call.
    signal?.addEventListener("abort", this);
  }

  /** What the auth strategy sees: the method and the OpenAPI path template (made when first asked). */
  get route(): RequestKey {
    this.#route ??= { method: this.method, path: this.path };
    return this.#route;
  }

  /** The caller aborted: abort the attempt in flight. */
  handleEvent(): void {
    this.ac?.abort(aborted(this));
  }

  /** Unlinks the caller's signal, except from a streamed body, which is read after the call returns. */
  close(): void {
    if (this.signal && this.init.parseAs !== "stream") this.signal.removeEventListener("abort", this);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: as Call.init
const withoutValidate = ({ validate: _, ...init }: any) => init;

const fail = <E extends CxkitError>(
  c: Call,
  E: new (d: string, f: Fields) => E,
  detail: string,
  fields: Fields,
): E => new E(detail, { method: c.method, path: c.path, attempts: c.attempt, ...fields });
export const aborted = (c: Call): AbortError =>
  fail(c, AbortError, "aborted", { kind: "abort", cause: c.signal?.reason });
const timeout = (c: Call, scope: string, ms: number) =>
  fail(c, TimeoutError, `${scope} timeout (${ms} ms)`, { kind: "timeout", scope, timeoutMs: ms });

/** Sleeps `ms` unless that passes the deadline (total timeout) or the caller aborts. */
async function pause(c: Call, ms: number): Promise<void> {
  if (performance.now() + ms > c.deadline) throw timeout(c, "total", c.p.totalTimeoutMs);
  await sleep(ms, c.signal).catch(() => {
    throw aborted(c);
  });
}

/** Stage: reserve a rate-limit slot; a promise only when the call must wait for it. */
export function slot(c: Call): Promise<void> | undefined {
  c.queued = c.p.limiter ? c.p.limiter.acquire(c) : 0; // a RequestKey: method and path template
  return c.queued > 0 ? pause(c, c.queued) : undefined;
}

/** Stage: this attempt's credentials: the replay's refreshed ones, the constant ones or the strategy's. */
export function credentials(c: Call): AuthHeaders | Promise<AuthHeaders> {
  const replay = c.replay;
  if (!replay) return c.p.fixed ?? c.p.auth.headers(c.route);
  c.replay = undefined;
  return replay;
}

/** Puts the credentials on the attempt (constant ones already are, as client-level headers). */
export function useCredentials(c: Call, creds: AuthHeaders): void {
  c.creds = creds;
  if (!c.p.fixed) c.request.headers = c.init.headers ? mergeHeaders(creds, c.init.headers) : creds;
}

/**
 * Stage: one attempt under its own AbortController, linked to the caller's signal and to one timer for
 * `min(timeoutMs, time left)`; throws when no time is left. The caller awaits `c.p.raw.request` itself
 * (no extra promise per attempt), then classifies a failure and disarms the timer.
 */
export function begin(c: Call): void {
  const left = c.p.totalTimeoutMs > 0 ? c.deadline - performance.now() : Number.POSITIVE_INFINITY;
  if (left <= 0) throw timeout(c, "total", c.p.totalTimeoutMs);
  c.attempt++;
  c.url = c.path;
  c.sent = false;
  c.error = undefined;
  arm(c, left);
  if (!c.p.min) c.started = performance.now();
}

/** The attempt's controller (when something can abort it) and its timer (when its time is bounded). */
function arm(c: Call, left: number): void {
  const timeoutMs = c.p.timeoutMs;
  const perAttempt = timeoutMs > 0 && timeoutMs <= left;
  const ms = perAttempt ? timeoutMs : left;
  const bounded = ms < Number.POSITIVE_INFINITY;
  c.ac = bounded || c.signal ? new AbortController() : undefined;
  c.armed = perAttempt ? c.p.timeouts!.add(c) : undefined;
  c.timer = !perAttempt && bounded ? setTimeout(expire, ms, c, false) : undefined;
}

export function expire(c: Call, perAttempt: boolean): void {
  c.ac!.abort(perAttempt ? timeout(c, "attempt", c.p.timeoutMs) : timeout(c, "total", c.p.totalTimeoutMs));
}

/** The attempt is over: its timeout no longer applies. */
export function disarm(c: Call): void {
  if (c.armed) c.p.timeouts!.settle(c.armed);
  if (c.timer !== undefined) clearTimeout(c.timer);
  c.armed = undefined;
  c.timer = undefined;
}

/** openapi-fetch's fetch: pins the final URL (after every middleware) to the allowed origins. */
function transmit(c: Call, send: typeof fetch, req: Request, ext?: RequestInit): Promise<Response> {
  c.url = req.url;
  assertAllowed(c.url, c.p.origins, c.method, c.path);
  c.sent = true;
  return send(req, c.ac ? { ...ext, signal: c.ac.signal } : ext);
}

/**
 * Stage: what a failed attempt means. An abort (timeout or the caller's) is its reason; our own errors and
 * errors before fetch (a middleware's, request building) pass through; after fetch, a SyntaxError is a
 * malformed body and a TypeError or low-level code a network failure.
 */
export function classify(c: Call, e: unknown): unknown {
  if (c.ac?.signal.aborted) return c.ac.signal.reason;
  if (!c.sent || e instanceof CxkitError) return e;
  if (e instanceof SyntaxError)
    return fail(c, CxkitError, "response body is not valid JSON", { kind: "parse" });
  const code = codeOf(e);
  if (!(e instanceof TypeError || code)) return e;
  return fail(c, NetworkError, `network error${code ? ` (${code})` : ""}`, { kind: "network", code });
}

/** Low-level error code (ECONNRESET, UND_ERR_SOCKET, …) of a fetch failure, if any. */
const codeOf = (e: unknown): string | undefined => {
  const x = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = x?.cause?.code ?? x?.code;
  return typeof code === "string" ? code : undefined;
};

/** The debug line of every attempt. */
export function logAttempt(c: Call, r: Result | undefined): void {
  c.p.log(0, `${c.method} ${redactUrl(c.url)} → ${r?.response.status ?? (c.error as CxkitError).kind}`, {
    attempt: c.attempt,
    ms: Math.round(performance.now() - c.started),
    queuedMs: Math.round(c.queued),
  });
}

/** Stage: after a 401 with a refreshing strategy, one (shared) refresh; true to replay exactly once. */
export async function refreshed(c: Call): Promise<boolean> {
  c.replayed = true;
  c.replay = await c.p.auth.refresh!(c.creds, c.route);
  if (!c.replay) return false;
  c.p.log(1, `${c.method} ${c.path}: 401, replaying with refreshed credentials`);
  return true;
}

/** Stage: the retry policy on this attempt's outcome. */
export const decide = (c: Call, r: Result | undefined): RetryDecision =>
  retryDecision({
    ...c.p.retry,
    status: r?.response.status,
    headers: r?.response.headers,
    error: c.error,
    method: c.method,
    attempt: c.retries + 1,
    timeLeftMs: c.deadline - performance.now(),
  });

/** Stage: log the retry and wait its delay (abortable, within the deadline). */
export function backoff(c: Call, delayMs: number, r: Result | undefined): Promise<void> {
  c.retries++;
  const err = c.error as TimeoutError & NetworkError;
  const ms = Math.round(delayMs);
  c.p.log(
    2,
    `${c.method} ${c.path}: ${r?.response.status ?? err.code ?? err.kind}, retry ${c.retries}/${c.p.retry.retries} in ${ms} ms`,
    { attempt: c.attempt, delayMs: ms },
  );
  return pause(c, delayMs);
}
