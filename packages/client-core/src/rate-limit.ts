/** What a limiter key function sees: the HTTP method and the OpenAPI path template. */
export interface RequestKey {
  method: string;
  path: string;
}

export interface RateLimitOptions {
  /** At most `limit` requests start in any window of `intervalMs` (exact sliding window). */
  limit: number;
  intervalMs: number;
  /**
   * Optional burst cap: at most `burst` requests back to back, after which requests are spaced
   * `intervalMs / limit` apart (GCRA / token bucket). Applies on top of the window.
   */
  burst?: number;
  /** Separate budgets per key, e.g. {@link perEndpoint}. Default: one budget per client. */
  key?: (req: RequestKey) => string;
}

export interface RateLimiter {
  /** Reserves the next slot for `req` and returns how many ms to wait before sending (0 = now). */
  acquire(req: RequestKey, now?: number): number;
}

/** Key function giving each `METHOD /path/{template}` its own budget. */
export const perEndpoint = (req: RequestKey): string => `${req.method} ${req.path}`;

/**
 * Client-side limiter: reserves slots instead of rejecting, so callers wait (see the client's
 * abortable sleep). O(1) per request; memory is `limit` numbers per key.
 */
export const createRateLimiter = ({ limit, intervalMs, burst, key }: RateLimitOptions): RateLimiter => {
  // Per key: start times of the last `limit` requests (ring buffer, `i` = oldest) and the GCRA
  // theoretical arrival time `tat`.
  const states = new Map<string, { r: number[]; i: number; tat: number }>();
  const step = intervalMs / limit;
  return {
    acquire(req, now = performance.now()) {
      const k = key ? key(req) : "";
      let s = states.get(k);
      if (!s) {
        s = { r: [], i: 0, tat: 0 };
        states.set(k, s);
      }
      let at = Math.max(now, (s.r[s.i] ?? -intervalMs) + intervalMs);
      if (burst) {
        at = Math.max(at, s.tat - (burst - 1) * step);
        s.tat = Math.max(s.tat, at) + step;
      }
      s.r[s.i] = at;
      s.i = (s.i + 1) % limit;
      return at - now;
    },
  };
};
