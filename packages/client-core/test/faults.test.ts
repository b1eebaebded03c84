import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ApiError,
  bearerAuth,
  type ClientOptions,
  CxkitError,
  createApiClient,
  NetworkError,
  TimeoutError,
  tokenAuth,
  unwrap,
} from "@cxkit/client-core";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import {
  captureLogger,
  fakeClock,
  type paths,
  preset,
  rejection,
  renderings,
  SECRET,
  track,
  until,
} from "./support.ts";

// Every request the server saw, per test route (the first path segment after /t/<name>).
const seen = new Map<string, { at: number; auth?: string; body: string }[]>();
type Route = (req: IncomingMessage, res: ServerResponse, n: number, body: string) => void;
const routes = new Map<string, Route>();
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);
let server: Server;
let base = "";

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
};

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = createServer((req, res) => {
    const name = req.url!.split("/")[2]!.split("?")[0]!;
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      const log = seen.get(name) ?? [];
      seen.set(name, log);
      log.push({ at: Date.now(), auth: req.headers.authorization, body });
      routes.get(name)!(req, res, log.length, body);
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  vi.useRealTimers(); // after a fake-clock test (those run alone), even a failed one
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled).toEqual([]);
});

/** A client on the loopback server, debug logging captured, tiny back-off. */
function setup(name: string, route: Route, options: ClientOptions = {}, auth = bearerAuth(SECRET)) {
  routes.set(name, route);
  const log = captureLogger();
  const client = createApiClient<paths>({ ...preset, baseUrl: `${base}/t/${name}` }, auth, {
    retryDelayMs: 5,
    logger: log.logger,
    logLevel: "debug",
    ...options,
  });
  const hits = () => seen.get(name) ?? [];
  /** Credential must appear nowhere: error renderings and every log line. */
  const assertNoLeak = (e?: unknown) => {
    expect(log.text()).not.toContain(SECRET);
    if (e !== undefined) for (const s of renderings(e)) expect(s).not.toContain(SECRET);
  };
  /** The retries the client has scheduled so far (one warn line each). */
  const retries = () => log.lines.filter((l) => l.level === "warn");
  return { client, hits, log, retries, assertNoLeak };
}

// Real I/O on a machine that may be busy: a generous explicit limit instead of vitest's 5 s default.
// Tests with a fake clock run one at a time (concurrent: false): the clock is global.
describe.concurrent("fault injection over loopback HTTP", { timeout: 30_000 }, () => {
  test("429 + Retry-After (seconds)", async () => {
    const { client, hits, assertNoLeak } = setup("ra-seconds", (_, res, n) =>
      n === 1
        ? send(res, 429, { message: "slow down" }, { "retry-after": "0.05" })
        : send(res, 200, { items: ["ok"] }),
    );
    const t0 = Date.now();
    expect(await unwrap(client.GET("/items"))).toEqual({ items: ["ok"] });
    expect(hits()).toHaveLength(2);
    expect(hits()[1]!.at - t0).toBeGreaterThanOrEqual(45);
    assertNoLeak();
  });

  test("429 + Retry-After (HTTP date)", async () => {
    const retryAt = Math.ceil((Date.now() + 1) / 1000) * 1000; // next whole second: ≤ 1 s away
    const { client, hits, assertNoLeak } = setup("ra-date", (_, res, n) =>
      n === 1
        ? send(res, 429, {}, { "retry-after": new Date(retryAt).toUTCString() })
        : send(res, 200, { items: ["ok"] }),
    );
    expect(await unwrap(client.GET("/items"))).toEqual({ items: ["ok"] });
    expect(hits()).toHaveLength(2);
    expect(hits()[1]!.at).toBeGreaterThanOrEqual(retryAt - 1);
    assertNoLeak();
  });

  test("429 + retry-after-ms", async () => {
    const { client, hits, log, assertNoLeak } = setup("ra-ms", (_, res, n) =>
      n <= 2 ? send(res, 429, {}, { "retry-after-ms": "20" }) : send(res, 200, { items: ["ok"] }),
    );
    const t0 = Date.now();
    expect(await unwrap(client.GET("/items"))).toEqual({ items: ["ok"] });
    expect(hits()).toHaveLength(3);
    expect(hits()[2]!.at - t0).toBeGreaterThanOrEqual(38);
    expect(log.lines.filter((l) => l.level === "warn").map((l) => l.meta?.delayMs)).toEqual([20, 20]);
    assertNoLeak();
  });

  test("429 + X-RateLimit-Reset (epoch seconds) on a POST", async () => {
    const resetAt = Math.ceil((Date.now() + 1) / 1000); // next whole second
    const { client, hits, assertNoLeak } = setup("ra-reset", (_, res, n) =>
      n === 1
        ? send(res, 429, {}, { "x-ratelimit-reset": String(resetAt), "x-ratelimit-remaining": "0" })
        : send(res, 201, { id: "7" }),
    );
    expect(await unwrap(client.POST("/items", { body: { name: "n" } }))).toEqual({ id: "7" });
    expect(hits().map((h) => h.body)).toEqual(['{"name":"n"}', '{"name":"n"}']);
    expect(hits()[1]!.at).toBeGreaterThanOrEqual(resetAt * 1000 - 1);
    assertNoLeak();
  });

  test("503 storm: gives up after maxRetries + 1 attempts with a typed error", async () => {
    const { client, hits, assertNoLeak } = setup(
      "storm",
      (_, res) => send(res, 503, { error: "overloaded" }, { "x-request-id": "r-503" }),
      { maxRetries: 3, throwOnError: true },
    );
    const t0 = Date.now();
    const e = await rejection(client.GET("/items/{id}", { params: { path: { id: "9" } } }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 503, attempts: 4, path: "/items/{id}", requestId: "r-503" });
    expect((e as Error).message).toBe("GET /items/{id}: failed with 503: overloaded");
    expect(hits()).toHaveLength(4);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2.5 + 5 + 10); // back-off lower bounds: 5/2 + 10/2 + 20/2
    assertNoLeak(e);
  });

  test("503 storm that clears: succeeds on the third attempt", async () => {
    const { client, hits } = setup("storm-clears", (_, res, n) =>
      n < 3 ? send(res, 503, "busy") : send(res, 200, { items: ["back"] }),
    );
    expect(await unwrap(client.GET("/items"))).toEqual({ items: ["back"] });
    expect(hits()).toHaveLength(3);
  });

  test("connection reset mid-body: retried, then NetworkError after the last attempt", async () => {
    const reset: Route = (_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"items":["partial');
      setTimeout(() => res.socket?.destroy(), 5);
    };
    const { client, hits, assertNoLeak } = setup("reset", reset);
    const e = await rejection(client.GET("/items", { params: { query: { api_key: SECRET } } }));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e).toMatchObject({ kind: "network", attempts: 3, method: "GET", path: "/items" });
    expect(hits()).toHaveLength(3);
    assertNoLeak(e);

    const once = setup("reset-once", (req, res, n) =>
      n === 1 ? reset(req, res, n, "") : send(res, 200, { items: [] }),
    );
    expect(await unwrap(once.client.GET("/items"))).toEqual({ items: [] });
    expect(once.hits()).toHaveLength(2);
  });

  // The timeout tests below run on a fake clock (timers, Date, performance; I/O stays real): the
  // client's timers fire only when the test advances the clock, which it does once the server holds
  // the attempt. However slow the machine, no attempt can time out before the server has it.
  test("a server that never answers: per-attempt timeout, retried, TimeoutError", {
    concurrent: false,
  }, async () => {
    const { client, hits, retries, assertNoLeak } = setup("hang", () => {}, { timeoutMs: 40, maxRetries: 1 });
    fakeClock();
    const t0 = performance.now();
    const p = client.GET("/items");
    const state = track(p);
    await until(() => hits().length === 1);
    await vi.advanceTimersByTimeAsync(39);
    expect(state.settled).toBe(false); // not before the 40 ms attempt timeout
    await vi.advanceTimersByTimeAsync(1);
    await until(() => retries().length === 1); // attempt 1 timed out: retry scheduled
    await vi.advanceTimersByTimeAsync(5); // the back-off: at most retryDelayMs
    await until(() => hits().length === 2);
    await vi.advanceTimersByTimeAsync(40);
    const e = await rejection(p);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ scope: "attempt", attempts: 2, timeoutMs: 40 });
    expect(hits()).toHaveLength(2);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(80);
    assertNoLeak(e);
  });

  test("a never-answering server and totalTimeoutMs", { concurrent: false }, async () => {
    const { client, hits } = setup("hang-total", () => {}, {
      timeoutMs: 0,
      totalTimeoutMs: 60,
      maxRetries: 5,
    });
    fakeClock();
    const p = client.GET("/items");
    const state = track(p);
    await until(() => hits().length === 1);
    await vi.advanceTimersByTimeAsync(59);
    expect(state.settled).toBe(false); // not before the 60 ms total
    await vi.advanceTimersByTimeAsync(1);
    expect(await rejection(p)).toMatchObject({
      kind: "timeout",
      scope: "total",
      attempts: 1,
    });
    expect(hits()).toHaveLength(1);
  });

  test("a slow body is covered by the attempt timeout", { concurrent: false }, async () => {
    // Headers, then a real drip of items (setInterval is not faked): the body keeps arriving, and would
    // end only after 2 s of the fake clock, which the test never reaches.
    const slow: Route = (_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"items":[');
      const t = setInterval(() => res.write('"x",'), 20);
      res.on("close", () => clearInterval(t));
      setTimeout(() => {
        clearInterval(t);
        if (!res.writableEnded && !res.destroyed) res.end('"end"]}');
      }, 2000);
    };
    const headers: number[] = []; // fake times at which each attempt's response headers arrived
    const { client, hits, retries, assertNoLeak } = setup("slow-body", slow, {
      timeoutMs: 80,
      maxRetries: 1,
      fetch: async (input, init) => {
        const r = await fetch(input, init);
        headers.push(performance.now());
        return r;
      },
    });
    fakeClock();
    const t0 = performance.now();
    const p = client.GET("/items");
    const state = track(p);
    await until(() => headers.length === 1); // the body is being read now
    await vi.advanceTimersByTimeAsync(79);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // attempt 1's timeout, mid-body
    await until(() => retries().length === 1);
    await vi.advanceTimersByTimeAsync(5); // the back-off: at most retryDelayMs
    await until(() => headers.length === 2);
    await vi.advanceTimersByTimeAsync(80);
    const e = await rejection(p);
    expect(e).toMatchObject({ kind: "timeout", scope: "attempt", attempts: 2, timeoutMs: 80 });
    expect(hits()).toHaveLength(2);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(160);
    assertNoLeak(e);
  });

  // Independent of speed: only setTimeout is faked (I/O stays real), so the attempt timer can fire only
  // when the test advances the clock, which it does far past timeoutMs once the headers are in. Not run
  // concurrently with the others, which need real timers.
  test('parseAs "stream": no timeout after the headers, the caller\'s signal still cancels the body', {
    concurrent: false,
    timeout: 30_000,
  }, async () => {
    let attempt: AbortSignal | undefined;
    const { client } = setup(
      "stream",
      (_, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("first");
        // never ends on its own; closed by the client (or afterAll)
      },
      {
        timeoutMs: 30,
        fetch: (input, init) => {
          attempt = init?.signal ?? undefined; // the per-attempt signal client-core hands to fetch
          return fetch(input, init);
        },
      },
    );
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const ac = new AbortController();
      const { data } = await client.GET("/items", { parseAs: "stream", signal: ac.signal });
      const reader = (data as ReadableStream<Uint8Array>).getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toBe("first");
      vi.advanceTimersByTime(60_000); // 2,000 × timeoutMs: an attempt timer still armed would fire now
      expect(attempt?.aborted).toBe(false);
      vi.useRealTimers();
      const next = reader.read().then(
        () => "resolved",
        (e: unknown) => e,
      );
      ac.abort();
      expect(attempt?.aborted).toBe(true);
      const outcome = await Promise.race([next, new Promise((r) => setTimeout(r, 10_000, "not cancelled"))]);
      expect(outcome).toBeInstanceOf(CxkitError);
      expect(outcome).toMatchObject({ kind: "abort" });
    } finally {
      vi.useRealTimers();
    }
  });

  test("malformed JSON: 2xx is a parse error (1 attempt), an error body stays text", async () => {
    const { client, hits, assertNoLeak } = setup("malformed", (req, res) =>
      req.url!.includes("/items/") ? send(res, 400, "<html>oops") : send(res, 200, '{"items": [tru'),
    );
    const e = await rejection(client.GET("/items"));
    expect(e).toBeInstanceOf(CxkitError);
    expect(e).toMatchObject({ kind: "parse", attempts: 1 });
    const r = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(r.error).toBe("<html>oops");
    expect(hits()).toHaveLength(2);
    assertNoLeak(e);
  });

  test("401 → token refresh → success, one refresh for concurrent requests, body replayed", async () => {
    let refreshes = 0;
    const provider = {
      getToken: () => `${SECRET}-old`,
      refresh: async () => {
        refreshes++;
        await new Promise((r) => setTimeout(r, 10));
        return `${SECRET}-new`;
      },
    };
    const { client, hits, assertNoLeak } = setup(
      "refresh",
      (req, res, _, body) =>
        req.headers.authorization === `Bearer ${SECRET}-new`
          ? send(res, 201, { id: body })
          : send(res, 401, { message: `token ${req.headers.authorization} expired` }),
      {},
      tokenAuth(provider),
    );
    const results = await Promise.all(
      [1, 2, 3].map((i) => unwrap(client.POST("/items", { body: { name: `n${i}` } }))),
    );
    expect(results).toEqual([1, 2, 3].map((i) => ({ id: `{"name":"n${i}"}` })));
    expect(refreshes).toBe(1);
    expect(hits()).toHaveLength(6);
    expect(hits().filter((h) => h.auth === `Bearer ${SECRET}-new`)).toHaveLength(3);
    assertNoLeak();

    // When the new token is rejected too: exactly one replay, then ApiError without the echoed token.
    const denied = setup(
      "refresh-denied",
      (req, res) => send(res, 401, { message: `token ${req.headers.authorization} expired` }),
      {},
      tokenAuth(provider),
    );
    const e = await rejection(unwrap(denied.client.GET("/items")));
    expect(e).toMatchObject({ status: 401, attempts: 2 });
    expect(denied.hits()).toHaveLength(2);
    denied.assertNoLeak(e);
  });

  test("connection refused: POST is retried (never reached the server)", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    const log = captureLogger();
    const client = createApiClient<paths>(
      { ...preset, baseUrl: `http://127.0.0.1:${port}` },
      bearerAuth(SECRET),
      {
        retryDelayMs: 1,
        logger: log.logger,
        logLevel: "debug",
      },
    );
    const e = await rejection(client.POST("/items", { body: { name: "x" } }));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e).toMatchObject({ code: "ECONNREFUSED", attempts: 3 });
    for (const s of [...renderings(e), log.text()]) expect(s).not.toContain(SECRET);
  });
});
