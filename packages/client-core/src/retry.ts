// The retry policy as one pure function: what happened to an attempt (status and headers, or the error)
// and where the call stands (method, attempt, options, time left) → retry after how long, or stop.
import { CxkitError, NetworkError, type TimeoutError } from "./errors.js";

/** Statuses worth another attempt: the server timed out, throttled or failed transiently. */
const RETRY_STATUS: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const NON_IDEMPOTENT = /^P(OST|ATCH)$/i;
/** Connection-level failures proving the request never reached the server. */
const NOT_SENT = /^E(CONNREFUSED|NOTFOUND|AI_AGAIN)$/;

/** The client options the policy reads (defaults as in `ClientOptions`). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** Also retry POST/PATCH on 408/5xx, attempt timeouts and network errors. Default false. */
  retryNonIdempotent?: boolean;
  /** Base of the exponential back-off (ms). Default 500. */
  retryDelayMs?: number;
  /** Cap for the computed back-off; a server asking to wait longer is not retried. Default 60 000. */
  maxRetryDelayMs?: number;
}

/** What one attempt ended with, and where the call stands. */
export interface RetryInput extends RetryOptions {
  /** The response's status, when a response arrived. */
  status?: number;
  /** The response's headers (`retry-after-ms`, `Retry-After`, `X-RateLimit-Reset`, `RateLimit-Reset`). */
  headers?: Headers;
  /** The attempt's error as the client classified it (`NetworkError`, `TimeoutError`, …), when none did. */
  error?: unknown;
  /** The HTTP method. */
  method: string;
  /** The attempt that just ended: 1 for the first (the 401 replay does not count). */
  attempt: number;
  /** ms left before the call's deadline (`totalTimeoutMs`); a retry that would wait longer stops. Default ∞. */
  timeLeftMs?: number;
  /** `Date.now()`, for HTTP-date and epoch headers. */
  now?: number;
  /** A uniform sample in [0, 1) for the jitter. Default `Math.random()`. */
  jitter?: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

const STOP: RetryDecision = Object.freeze({ retry: false });

/**
 * The retry policy. Retried: 408, 429 and 5xx gateway/unavailable statuses, network errors and attempt
 * timeouts; POST and PATCH only with `retryNonIdempotent`, on a 429, or when nothing was sent. The delay is
 * the server's (above `maxRetryDelayMs`: stop), else `min(retryDelayMs·2ⁿ, maxRetryDelayMs)` with equal
 * jitter; a delay past the deadline stops.
 */
export function retryDecision(input: RetryInput): RetryDecision {
  const { attempt, retries = 2, maxRetryDelayMs = 60_000 } = input;
  if (attempt > retries || !retryable(input)) return STOP;
  const advised = input.headers ? retryAfterMs(input.headers, input.now) : undefined;
  if (advised !== undefined && advised > maxRetryDelayMs) return STOP;
  const delayMs =
    advised ??
    backoffMs(attempt - 1, input.retryDelayMs ?? 500, maxRetryDelayMs, input.jitter ?? Math.random());
  if (delayMs > (input.timeLeftMs ?? Number.POSITIVE_INFINITY)) return STOP;
  return { retry: true, delayMs };
}

/** Whether this outcome may be retried at all, whatever the counts and delays. */
function retryable({ status, error, method, retryNonIdempotent }: RetryInput): boolean {
  const idempotent = retryNonIdempotent || !NON_IDEMPOTENT.test(method);
  if (status !== undefined) return RETRY_STATUS.has(status) && (idempotent || status === 429);
  if (!(error instanceof CxkitError)) return false; // a middleware's own error, an abort reason
  if (error instanceof NetworkError) return idempotent || NOT_SENT.test(`${error.code}`);
  return (error as TimeoutError).scope === "attempt" && idempotent;
}

/** Capped exponential back-off with equal jitter: 50–100 % of `min(base·2ⁿ, cap)`. */
const backoffMs = (n: number, base: number, cap: number, jitter: number): number =>
  Math.min(base * 2 ** n, cap) * (0.5 + jitter / 2);

/**
 * Server-advised delay in ms from `retry-after-ms`, `Retry-After` (seconds or HTTP date) or
 * `X-RateLimit-Reset` / `RateLimit-Reset`. The reset value is read as epoch milliseconds above
 * 1e12, epoch seconds above 1e9 (after 2001-09-09) and as seconds from now otherwise. A time in the
 * past is 0; an unreadable value is `undefined`.
 */
export const retryAfterMs = (headers: Headers, now = Date.now()): number | undefined => {
  const delay = advisedMs(headers, now);
  if (delay < 0) return 0;
  return Number.isNaN(delay) ? undefined : delay;
};

/** The first retry header present, as ms from `now` (NaN when absent or unreadable). */
function advisedMs(headers: Headers, now: number): number {
  const ms = headers.get("retry-after-ms");
  if (ms) return +ms;
  const after = headers.get("retry-after");
  if (after) return +after >= 0 ? +after * 1000 : Date.parse(after) - now;
  const reset = Number(headers.get("x-ratelimit-reset") ?? headers.get("ratelimit-reset") ?? Number.NaN);
  if (reset > 1e12) return reset - now; // epoch milliseconds
  if (reset > 1e9) return reset * 1000 - now; // epoch seconds
  return reset * 1000; // seconds from now
}
