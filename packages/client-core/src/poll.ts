import { AbortError, TimeoutError } from "./errors.js";
import { sleep } from "./sleep.js";

export interface PollOptions<T> {
  /** Stop polling when this returns true; the value is returned. */
  isDone: (value: T) => boolean;
  /** Delay before the second call. Default 1000 ms. */
  intervalMs?: number;
  /** Multiplier applied to the delay after each call (1 = fixed interval). Default 1. */
  backoff?: number;
  /** Upper bound for the delay. Default 30 000 ms. */
  maxIntervalMs?: number;
  /** Overall deadline; throws {@link TimeoutError} (scope "poll"). Default: none. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with every value that is not done yet (progress reporting). */
  onStatus?: (value: T, attempt: number) => void;
}

/**
 * Calls `fn` until `isDone(value)`. `fn` receives a signal that aborts on the caller's signal and at
 * the deadline: pass it to the request (`client.GET(..., { signal })`) so an in-flight call stops too.
 * Errors from `fn` propagate unchanged (the client already retries transient failures).
 */
export async function pollUntil<T>(
  fn: (signal: AbortSignal, attempt: number) => Promise<T> | T,
  {
    isDone,
    intervalMs = 1000,
    backoff = 1,
    maxIntervalMs = 30_000,
    timeoutMs,
    signal,
    onStatus,
  }: PollOptions<T>,
): Promise<T> {
  const ac = new AbortController();
  const expired = () =>
    new TimeoutError(`poll timeout (${timeoutMs} ms)`, { kind: "timeout", scope: "poll", timeoutMs });
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => ac.abort(expired()), timeoutMs);
  const onAbort = () => ac.abort(new AbortError("aborted", { kind: "abort", cause: signal?.reason }));
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort);
  try {
    for (let attempt = 1, delay = intervalMs; ; attempt++, delay = Math.min(delay * backoff, maxIntervalMs)) {
      if (ac.signal.aborted) throw ac.signal.reason;
      let value: T;
      try {
        value = await fn(ac.signal, attempt);
      } catch (e) {
        throw ac.signal.aborted ? ac.signal.reason : e;
      }
      if (isDone(value)) return value;
      onStatus?.(value, attempt);
      await sleep(delay, ac.signal);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
