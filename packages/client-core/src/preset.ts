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
import { byRoute } from "./routes.js";
import type {
  LazyVendorSpec,
  RequestCheck,
  Rule,
  SpecRateLimit,
  VendorFacts,
  VendorSpec,
} from "./validation/index.js";

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
export function specRateLimiter(
  spec: { vendor: VendorFacts },
  overrides: Partial<RateLimitOptions> = {},
): RateLimiter {
  const base = spec.vendor.rateLimit;
  const first = base ? { ...rateLimitOf(base), ...overrides } : overrides;
  const global = [first, ...(base?.also ?? []).map(rateLimitOf)]
    .filter((o): o is RateLimitOptions => o.limit !== undefined && o.intervalMs !== undefined)
    .map(createRateLimiter);
  const limits = Object.entries(spec.vendor.operationRateLimits ?? {});
  const own = byRoute(Object.fromEntries(limits.map(([key, l]) => [key, createRateLimiter(rateLimitOf(l))])));
  return {
    acquire(req: RequestKey, now?: number) {
      let wait = 0;
      for (const l of global) wait = Math.max(wait, l.acquire(req, now));
      const op = own(req.method, req.path);
      return op ? Math.max(wait, op.acquire(req, now)) : wait;
    },
  };
}

/**
 * The preset of a vendor whose facts are all in its spec: first server, the spec's limits and checks.
 * Give the constraints lazily (`{ vendor, constraints: () => import("./generated/constraints.js") }`)
 * to keep them out of the client's first chunk.
 */
export function specPreset(spec: VendorSpec | LazyVendorSpec, rules?: Record<string, Rule>): VendorPreset {
  const limit = spec.vendor.rateLimit;
  return {
    vendor: spec.vendor.name,
    baseUrl: spec.vendor.servers[0]!.url,
    rateLimit: limit ? rateLimitOf(limit) : { limit: Number.MAX_SAFE_INTEGER, intervalMs: 1 },
    limiter: (overrides) => specRateLimiter(spec, overrides),
    ...(spec.vendor.requestIdHeaders && { requestIdHeaders: [...spec.vendor.requestIdHeaders] }),
    // Only when the spec has some: a client without them skips that stage on every call.
    ...(any(spec.vendor.constantHeaders) && { constantHeaders: spec.vendor.constantHeaders }),
    ...(any(spec.vendor.unexplodedQuery) && { unexplodedQuery: spec.vendor.unexplodedQuery }),
    check: lazyCheck(spec, rules),
  };
}

const any = <T extends object>(o: T | undefined): o is T => o !== undefined && Object.keys(o).length > 0;

/** The engine itself is loaded with the first call's check, so a client's first chunk carries none of it. */
function lazyCheck(spec: VendorSpec | LazyVendorSpec, rules?: Record<string, Rule>): RequestCheck {
  let ready: RequestCheck | undefined;
  let loading: Promise<RequestCheck> | undefined;
  return (call) => {
    if (ready) return ready(call);
    loading ??= import("./validation/index.js").then((engine) => {
      ready = engine.validateRequests(spec, rules);
      return ready;
    });
    return loading.then((check) => check(call));
  };
}
