// A vendor preset read off the generated vendor module: base URL, rate limits, request-id headers and
// request validation all come from the spec; a vendor adds only rules a schema cannot say.
import type { VendorPreset } from "./client.js";
import {
  createRateLimiter,
  perEndpoint,
  type RateLimiter,
  type RateLimitOptions,
  type RequestKey,
} from "./rate-limit.js";
import { type Rule, type SpecRateLimit, type VendorSpec, validateRequests } from "./validation/index.js";

/** A spec's `x-cxkit-rate-limit` as limiter options (per endpoint when its scope says so). */
export const rateLimitOf = (r: SpecRateLimit): RateLimitOptions => ({
  limit: r.requests,
  intervalMs: r.perSeconds * 1000,
  ...(r.burst && { burst: r.burst }),
  ...(r.scope === "endpoint" && { key: perEndpoint }),
});

/**
 * Every limit the spec states, as one limiter: the API-wide limit (merged with `overrides`), the limits
 * it lists under `also`, and each operation's own `x-cxkit-rate-limit`. A call waits for the slowest.
 */
export function specRateLimiter(spec: VendorSpec, overrides: Partial<RateLimitOptions> = {}): RateLimiter {
  const base = spec.vendor.rateLimit;
  const global = [base && { ...rateLimitOf(base), ...overrides }, ...(base?.also ?? []).map(rateLimitOf)]
    .filter((o): o is RateLimitOptions => !!o)
    .map(createRateLimiter);
  const own = new Map<string, RateLimiter>();
  for (const [key, op] of Object.entries(spec.operations))
    if (op.rateLimit) own.set(key, createRateLimiter(rateLimitOf(op.rateLimit)));
  return {
    acquire(req: RequestKey, now?: number) {
      let wait = 0;
      for (const l of global) wait = Math.max(wait, l.acquire(req, now));
      const op = own.get(`${req.method} ${req.path}`);
      return op ? Math.max(wait, op.acquire(req, now)) : wait;
    },
  };
}

/** The preset of a vendor whose facts are all in its spec: first server, spec's limits, spec's checks. */
export function specPreset(spec: VendorSpec, rules?: Record<string, Rule>): VendorPreset {
  const limit = spec.vendor.rateLimit;
  return {
    vendor: spec.vendor.name,
    baseUrl: spec.vendor.servers[0]!.url,
    rateLimit: limit ? rateLimitOf(limit) : { limit: Number.MAX_SAFE_INTEGER, intervalMs: 1 },
    limiter: (overrides) => specRateLimiter(spec, overrides),
    ...(spec.vendor.requestIdHeaders && { requestIdHeaders: [...spec.vendor.requestIdHeaders] }),
    check: validateRequests(spec, rules),
  };
}
