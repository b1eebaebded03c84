// The retry policy, table by table: status × method × headers × attempt → retry after how long, or stop.
// `retryDecision` is pure (no clock, no randomness unless defaulted), so every row is exact.
import { AbortError, CxkitError, NetworkError, retryDecision, TimeoutError } from "@cxkit/client-core";
import { describe, expect, test } from "vitest";

const now = Date.UTC(2030, 0, 1, 12, 0, 0);
/** jitter 1 → the full capped back-off; 0 → half of it. */
const base = { retries: 2, retryDelayMs: 500, maxRetryDelayMs: 60_000, now, jitter: 1 };
const stop = { retry: false };
const after = (delayMs: number) => ({ retry: true, delayMs });
const h = (o: Record<string, string>) => new Headers(o);
const net = (code?: string) => new NetworkError("network error", { kind: "network", code });
const timeout = (scope: "attempt" | "total") =>
  new TimeoutError(`${scope} timeout`, { kind: "timeout", scope, timeoutMs: 10 });

describe("statuses × methods (first attempt, no header)", () => {
  const statuses = [200, 201, 204, 301, 400, 401, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504, 505];
  const retried = new Set([408, 429, 500, 502, 503, 504]);
  for (const method of ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"])
    test.each(statuses)(`${method} %i`, (status) => {
      expect(retryDecision({ ...base, method, status, attempt: 1 })).toEqual(
        retried.has(status) ? after(500) : stop,
      );
    });
  for (const method of ["POST", "PATCH", "post"])
    test.each(statuses)(`${method} %i: only 429 (the server did not process it)`, (status) => {
      expect(retryDecision({ ...base, method, status, attempt: 1 })).toEqual(
        status === 429 ? after(500) : stop,
      );
    });
  test.each(statuses)("POST %i with retryNonIdempotent: like GET", (status) => {
    const d = retryDecision({ ...base, method: "POST", status, attempt: 1, retryNonIdempotent: true });
    expect(d).toEqual(retried.has(status) ? after(500) : stop);
  });
});

describe("attempts: exponential back-off, capped, then stop", () => {
  test.each([
    // attempt, retries, retryDelayMs, maxRetryDelayMs, jitter → decision
    [1, 2, 500, 60_000, 1, after(500)],
    [2, 2, 500, 60_000, 1, after(1000)],
    [3, 2, 500, 60_000, 1, stop], // retries spent
    [3, 5, 500, 60_000, 1, after(2000)],
    [6, 5, 500, 60_000, 1, stop],
    [1, 0, 500, 60_000, 1, stop], // maxRetries 0: never
    [5, 10, 500, 3000, 1, after(3000)], // 500·2⁴ = 8000, capped
    [1, 2, 500, 60_000, 0, after(250)], // equal jitter: 50 %…
    [2, 2, 500, 60_000, 0.5, after(750)], // …to 100 %
    [4, 5, 100, 60_000, 0, after(400)],
  ])(
    "attempt %i of retries %i (base %i, cap %i, jitter %d)",
    (attempt, retries, retryDelayMs, maxRetryDelayMs, jitter, d) => {
      expect(
        retryDecision({
          method: "GET",
          status: 503,
          attempt,
          retries,
          retryDelayMs,
          maxRetryDelayMs,
          jitter,
          now,
        }),
      ).toEqual(d);
    },
  );
  test("defaults: 2 retries, 500 ms base, random jitter within [50 %, 100 %]", () => {
    for (let i = 0; i < 50; i++) {
      const d = retryDecision({ method: "GET", status: 503, attempt: 1 });
      expect(d.retry).toBe(true);
      const ms = (d as { delayMs: number }).delayMs;
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThanOrEqual(500);
    }
    expect(retryDecision({ method: "GET", status: 503, attempt: 3 })).toEqual(stop);
  });
});

describe("headers: the server's delay wins over the back-off", () => {
  test.each([
    [{ "retry-after": "2" }, after(2000)],
    [{ "retry-after": "0" }, after(0)],
    [{ "retry-after": "1.5" }, after(1500)],
    [{ "retry-after": new Date(now + 3000).toUTCString() }, after(3000)],
    [{ "retry-after": new Date(now - 3000).toUTCString() }, after(0)], // a date in the past: now
    [{ "retry-after-ms": "20" }, after(20)],
    [{ "retry-after-ms": "20", "retry-after": "5" }, after(20)], // retry-after-ms first
    [{ "x-ratelimit-reset": String(now / 1000 + 7) }, after(7000)], // epoch seconds
    [{ "x-ratelimit-reset": String(now + 250) }, after(250)], // epoch milliseconds
    [{ "x-ratelimit-reset": "4" }, after(4000)], // seconds from now
    [{ "ratelimit-reset": "3" }, after(3000)],
    [{ "retry-after": "soon" }, after(500)], // unreadable: back-off
    [{ "retry-after": "61" }, stop], // longer than maxRetryDelayMs: not retried
    [{ "retry-after-ms": "60001" }, stop],
    [{ "retry-after-ms": "60000" }, after(60_000)],
    [{ "x-ratelimit-reset": String(now / 1000 + 3600) }, stop],
    [{}, after(500)],
  ])("429 with %j", (headers, d) => {
    expect(retryDecision({ ...base, method: "GET", status: 429, headers: h(headers), attempt: 1 })).toEqual(
      d,
    );
  });
  test("a header does not make a status retryable, nor a POST 503", () => {
    const headers = h({ "retry-after": "1" });
    expect(retryDecision({ ...base, method: "GET", status: 400, headers, attempt: 1 })).toEqual(stop);
    expect(retryDecision({ ...base, method: "POST", status: 503, headers, attempt: 1 })).toEqual(stop);
    expect(retryDecision({ ...base, method: "POST", status: 429, headers, attempt: 1 })).toEqual(after(1000));
  });
  test("the server's delay is not capped, jittered nor grown with the attempt", () => {
    const headers = h({ "retry-after": "2" });
    const d = retryDecision({ ...base, method: "GET", status: 503, headers, attempt: 2, jitter: 0 });
    expect(d).toEqual(after(2000));
  });
});

describe("errors × methods", () => {
  test.each([
    // error, GET, POST, POST with retryNonIdempotent
    ["ECONNRESET", net("ECONNRESET"), true, false, true],
    ["UND_ERR_SOCKET", net("UND_ERR_SOCKET"), true, false, true],
    ["no code (body cut short)", net(), true, false, true],
    ["ECONNREFUSED (nothing sent)", net("ECONNREFUSED"), true, true, true],
    ["ENOTFOUND (nothing sent)", net("ENOTFOUND"), true, true, true],
    ["EAI_AGAIN (nothing sent)", net("EAI_AGAIN"), true, true, true],
    ["attempt timeout", timeout("attempt"), true, false, true],
    ["total timeout", timeout("total"), false, false, false],
    ["abort", new AbortError("aborted", { kind: "abort" }), false, false, false],
    ["parse", new CxkitError("bad JSON", { kind: "parse" }), false, false, false],
    ["refused host", new CxkitError("refused", { kind: "refused" }), false, false, false],
    ["a middleware's own error", new Error("mine"), false, false, false],
    ["a plain TypeError (before sending)", new TypeError("bad init"), false, false, false],
  ])("%s", (_, error, get, post, postOptIn) => {
    const at = (method: string, retryNonIdempotent = false) =>
      retryDecision({ ...base, method, error, attempt: 1, retryNonIdempotent }).retry;
    expect([at("GET"), at("DELETE"), at("POST"), at("PATCH"), at("POST", true)]).toEqual([
      get,
      get,
      post,
      post,
      postOptIn,
    ]);
  });
  test("errors back off like statuses and stop when retries are spent", () => {
    expect(retryDecision({ ...base, method: "GET", error: net("ECONNRESET"), attempt: 2 })).toEqual(
      after(1000),
    );
    expect(retryDecision({ ...base, method: "GET", error: net("ECONNRESET"), attempt: 3 })).toEqual(stop);
  });
  test("no status and no error: stop", () => {
    expect(retryDecision({ ...base, method: "GET", attempt: 1 })).toEqual(stop);
  });
});

describe("the deadline (time left of totalTimeoutMs)", () => {
  test.each([
    [{}, 1000, after(500)],
    [{}, 500, after(500)], // exactly reaches it
    [{}, 499, stop], // the wait would pass it: stop (return the response, throw the error)
    [{ "retry-after": "2" }, 1999, stop],
    [{ "retry-after": "2" }, 2000, after(2000)],
    [{}, 0, stop],
    [{ "retry-after": "0" }, 0, after(0)],
  ])("%j with %i ms left", (headers, timeLeftMs, d) => {
    expect(
      retryDecision({ ...base, method: "GET", status: 503, headers: h(headers), attempt: 1, timeLeftMs }),
    ).toEqual(d);
    const error = net("ECONNRESET");
    if (!Object.keys(headers).length)
      expect(retryDecision({ ...base, method: "GET", error, attempt: 1, timeLeftMs })).toEqual(d);
  });
});
