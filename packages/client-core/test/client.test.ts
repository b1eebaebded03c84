import {
  AbortError,
  ApiError,
  authMiddleware,
  basicAuth,
  bearerAuth,
  type ClientOptions,
  CxkitError,
  createApiClient,
  createRateLimiter,
  headerAuth,
  NetworkError,
  perEndpoint,
  rawAuthorization,
  redactHeaders,
  redactUrl,
  retryAfterMs,
  TimeoutError,
  tokenAuth,
  unwrap,
} from "@cxkit/client-core";
import createClient from "openapi-fetch";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  type Call,
  captureLogger,
  fakeClock,
  json,
  type paths,
  preset,
  rejection,
  renderings,
  SECRET,
  settle,
  stubFetch,
  track,
} from "./support.ts";

// Tests that need time to pass use fakeClock(): timers fire only when the test advances the clock.
afterEach(() => {
  vi.useRealTimers();
});
/** vi.waitFor gives up after 1 s of wall-clock time by default: far more here, since a busy machine is slow. */
const WAIT = { timeout: 30_000 };

type Handler = Parameters<typeof stubFetch>[0];
const make = (handler: Handler, options: ClientOptions = {}, auth = bearerAuth(SECRET)) => {
  const stub = stubFetch(handler);
  const client = createApiClient<paths>(preset, auth, { fetch: stub.fetch, retryDelayMs: 1, ...options });
  return { ...stub, client };
};
const ok = () => json({ items: ["a"] });
const netErr = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: { code } });

describe("auth strategies", () => {
  test.each([
    ["bearerAuth", bearerAuth(SECRET), "authorization", `Bearer ${SECRET}`],
    ["rawAuthorization", rawAuthorization(SECRET), "authorization", SECRET],
    ["headerAuth", headerAuth("X-Chatsight-API-Auth", SECRET), "x-chatsight-api-auth", SECRET],
    [
      "basicAuth (UTF-8)",
      basicAuth("jörg", `p:${SECRET}`),
      "authorization",
      `Basic ${Buffer.from(`jörg:p:${SECRET}`).toString("base64")}`,
    ],
  ])("%s sets the credential header", async (_, auth, header, value) => {
    const { client, calls } = make(ok, {}, auth);
    await client.GET("/items");
    expect(calls[0]!.headers.get(header)).toBe(value);
    expect(calls[0]!.url).toBe("https://api.acme.test/v1/items");
  });

  test("client and per-request headers are merged with the credential", async () => {
    const { client, calls } = make(ok, { headers: { "x-client": "1", authorization: "ignored" } });
    await client.GET("/items", { headers: { "x-trace": "t1" } });
    expect(calls[0]!.headers.get("x-client")).toBe("1");
    expect(calls[0]!.headers.get("x-trace")).toBe("t1");
    expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${SECRET}`);
  });

  test.each([
    ["another host", "https://evil.test"],
    ["a look-alike suffix", "https://api.acme.test.evil.test"],
    ["userinfo trick", "https://api.acme.test@evil.test"],
    ["a scheme downgrade", "http://api.acme.test"],
    ["another port", "https://api.acme.test:8443"],
  ])("refuses %s before the network", async (_, baseUrl) => {
    const { client, calls } = make(ok);
    const e = await rejection(client.GET("/items", { baseUrl, params: { query: { api_key: SECRET } } }));
    expect(e).toBeInstanceOf(CxkitError);
    expect((e as CxkitError).kind).toBe("refused");
    expect((e as Error).message).toMatch(
      /^GET \/items: credentials refused for https?:\/\/[^/@]*: not the base URL's host/,
    );
    expect(calls).toHaveLength(0);
    for (const r of renderings(e)) expect(r).not.toContain(SECRET);
  });

  test("allowedHosts extends the pinned origins", async () => {
    const { client, calls } = make(ok, { allowedHosts: ["files.acme.test", "https://cdn.acme.test:8443"] });
    await client.GET("/items", { baseUrl: "https://files.acme.test" });
    await client.GET("/items", { baseUrl: "https://cdn.acme.test:8443" });
    expect(calls.map((c) => c.headers.get("authorization"))).toEqual([
      `Bearer ${SECRET}`,
      `Bearer ${SECRET}`,
    ]);
  });

  test("a user middleware rewriting the URL cannot redirect credentials", async () => {
    const { client, calls } = make(ok);
    client.use({ onRequest: ({ request }) => new Request("https://evil.test/steal", request) });
    expect(await rejection(client.GET("/items"))).toMatchObject({ kind: "refused" });
    expect(calls).toHaveLength(0);
  });

  test("authMiddleware works on a plain openapi-fetch client, with the same host guard", async () => {
    const stub = stubFetch(ok);
    const raw = createClient<paths>({ baseUrl: preset.baseUrl, fetch: stub.fetch });
    raw.use(authMiddleware(headerAuth("x-api-auth", SECRET), { baseUrl: preset.baseUrl }));
    await raw.GET("/items");
    expect(stub.calls[0]!.headers.get("x-api-auth")).toBe(SECRET);
    expect(await rejection(raw.GET("/items", { baseUrl: "https://evil.test" }))).toMatchObject({
      kind: "refused",
    });
    expect(stub.calls).toHaveLength(1);
  });
});

describe("tokenAuth", () => {
  /** A token provider; its refresh takes a few ms, or until `hold` resolves. */
  const provider = (hold?: Promise<void>) => {
    let token = "old-token-0000";
    const p = {
      getToken: vi.fn(() => token),
      refresh: vi.fn(async () => {
        await (hold ?? new Promise((r) => setTimeout(r, 5)));
        token = `new-token-${p.refresh.mock.calls.length}-abcdef`;
        return token;
      }),
    };
    return p;
  };
  const authOk = (c: Call) =>
    c.headers.get("authorization")?.startsWith("Bearer new-token")
      ? json({ id: "1", echo: c.body })
      : json({ message: "expired" }, 401);

  test("401 → refresh → exactly one replay that carries the original body", async () => {
    const p = provider();
    const { client, calls } = make(authOk, {}, tokenAuth(p));
    const { data, response } = await client.POST("/items", { body: { name: "x" } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ id: "1", echo: '{"name":"x"}' });
    expect(calls.map((c) => [c.headers.get("authorization"), c.body])).toEqual([
      ["Bearer old-token-0000", '{"name":"x"}'],
      ["Bearer new-token-1-abcdef", '{"name":"x"}'],
    ]);
    expect(p.refresh).toHaveBeenCalledTimes(1);
  });

  test("a second 401 is not replayed again", async () => {
    const p = provider();
    const { client, calls } = make(() => json({ message: "no" }, 401), {}, tokenAuth(p));
    const e = await rejection(unwrap(client.GET("/items")));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 401, attempts: 2 });
    expect(calls).toHaveLength(2);
    expect(p.refresh).toHaveBeenCalledTimes(1);
  });

  test("concurrent 401s share one refresh; later 401s with a stale token do not refresh again", async () => {
    const p = provider();
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { client, calls } = make(
      async (c, n) => {
        if (n <= 5) await gate; // all five are in flight with the old token
        return authOk(c);
      },
      {},
      tokenAuth(p),
    );
    const all = Promise.all(Array.from({ length: 5 }, () => unwrap(client.GET("/items"))));
    await vi.waitFor(() => expect(calls).toHaveLength(5), WAIT);
    release();
    expect(await all).toHaveLength(5);
    expect(p.refresh).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(10);
    expect(calls.slice(5).every((c) => c.headers.get("authorization") === "Bearer new-token-1-abcdef")).toBe(
      true,
    );
  });

  test("requests starting while a refresh is in flight wait for the new token", async () => {
    // The refresh stays in flight until released, however slow the machine: the second request surely
    // starts during it (a 5 ms refresh could be over before it starts, proving nothing).
    let release!: () => void;
    const p = provider(
      new Promise<void>((r) => {
        release = r;
      }),
    );
    const { client, calls } = make(authOk, {}, tokenAuth(p));
    const first = client.GET("/items");
    await vi.waitFor(() => expect(p.refresh).toHaveBeenCalledTimes(1), WAIT);
    const second = client.GET("/items");
    await new Promise((r) => setImmediate(r)); // everything the stub would do for a request is done by now
    expect(calls).toHaveLength(1); // the second request has not gone out with the old token
    release();
    await Promise.all([first, second]);
    expect(p.refresh).toHaveBeenCalledTimes(1);
    expect(calls.map((c) => c.headers.get("authorization"))).toEqual([
      "Bearer old-token-0000",
      "Bearer new-token-1-abcdef",
      "Bearer new-token-1-abcdef",
    ]);
  });

  test("a request sent with a token older than the latest refresh is replayed with the new one", async () => {
    const p = provider();
    const auth = tokenAuth(p);
    const first = await auth.headers();
    const fresh = await auth.refresh!(first);
    expect(p.refresh).toHaveBeenCalledTimes(1);
    // `first` is stale now: no second refresh, the latest headers come back.
    expect(await auth.refresh!(first)).toBe(fresh);
    expect(p.refresh).toHaveBeenCalledTimes(1);
    // The refreshed token itself failing triggers a new refresh.
    const second = await auth.headers();
    await auth.refresh!(second);
    expect(p.refresh).toHaveBeenCalledTimes(2);
  });

  test("a failing refresh rejects the call with the provider's error", async () => {
    const auth = tokenAuth({
      getToken: () => "t",
      refresh: () => Promise.reject(new Error("refresh token revoked")),
    });
    const { client } = make(() => json({}, 401), {}, auth);
    await expect(client.GET("/items")).rejects.toThrow("refresh token revoked");
  });

  test("static strategies do not replay a 401", async () => {
    const { client, calls } = make(() => json({}, 401));
    expect((await client.GET("/items")).response.status).toBe(401);
    expect(calls).toHaveLength(1);
  });
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2030, 0, 1, 12, 0, 0);
  const h = (o: Record<string, string>) => new Headers(o);
  test.each([
    [{ "retry-after-ms": "20" }, 20],
    [{ "retry-after-ms": "20", "retry-after": "5" }, 20],
    [{ "retry-after": "2" }, 2000],
    [{ "retry-after": "0" }, 0],
    [{ "retry-after": "1.5" }, 1500],
    [{ "retry-after": new Date(now + 3000).toUTCString() }, 3000],
    [{ "retry-after": new Date(now - 3000).toUTCString() }, 0],
    [{ "x-ratelimit-reset": String(now / 1000 + 7) }, 7000], // epoch seconds
    [{ "x-ratelimit-reset": String(now + 250) }, 250], // epoch milliseconds
    [{ "x-ratelimit-reset": "4" }, 4000], // seconds from now
    [{ "ratelimit-reset": "3" }, 3000],
    [{ "retry-after": "soon" }, undefined],
    [{ "retry-after-ms": "-5" }, 0],
    [{ "retry-after-ms": "soon" }, undefined],
    [{ "x-ratelimit-reset": "later" }, undefined],
    [{}, undefined],
  ])("%j → %s", (headers, expected) => {
    expect(retryAfterMs(h(headers), now)).toBe(expected);
  });
});

describe("retries", () => {
  test.each([408, 429, 500, 502, 503, 504])("GET is retried after %i", async (status) => {
    const { client, calls } = make((_, n) => (n === 1 ? json({}, status) : ok()));
    const { data } = await client.GET("/items");
    expect(data).toEqual({ items: ["a"] });
    expect(calls).toHaveLength(2);
  });

  test.each([400, 403, 404, 409, 422, 501])("%i is not retried", async (status) => {
    const { client, calls } = make(() => json({ message: "no" }, status));
    expect((await client.GET("/items")).response.status).toBe(status);
    expect(calls).toHaveLength(1);
  });

  test.each(["PUT", "DELETE"] as const)("%s is idempotent and retried", async (method) => {
    const { client, calls } = make((_, n) => (n === 1 ? json({}, 503) : json({ id: "1" })));
    const params = { path: { id: "1" } };
    const r =
      method === "PUT"
        ? await client.PUT("/items/{id}", { params, body: { name: "x" } })
        : await client.DELETE("/items/{id}", { params });
    expect(r.response.status).toBe(200);
    expect(calls.map((c) => c.method)).toEqual([method, method]);
  });

  test("HEAD and OPTIONS are retried (through request())", async () => {
    const { client, calls } = make((_, n) => (n % 2 ? json({}, 503) : new Response(null, { status: 204 })));
    // biome-ignore lint/suspicious/noExplicitAny: the test schema has no HEAD/OPTIONS operations
    const anyClient = client as any;
    expect((await anyClient.request("head", "/items")).response.status).toBe(204);
    expect((await anyClient.OPTIONS("/items")).response.status).toBe(204);
    expect(calls.map((c) => c.method)).toEqual(["HEAD", "HEAD", "OPTIONS", "OPTIONS"]);
  });

  test.each(["POST", "PATCH"] as const)(
    "%s is not retried on 503 or a reset, but is on 429",
    async (method) => {
      const send = (c: ReturnType<typeof make>["client"]) =>
        method === "POST"
          ? c.POST("/items", { body: { name: "x" } })
          : c.PATCH("/items/{id}", { params: { path: { id: "1" } }, body: { name: "x" } });
      const a = make(() => json({}, 503));
      expect((await send(a.client)).response.status).toBe(503);
      expect(a.calls).toHaveLength(1);

      const b = make(() => Promise.reject(netErr("ECONNRESET")));
      expect(await rejection(send(b.client))).toMatchObject({
        kind: "network",
        code: "ECONNRESET",
        attempts: 1,
      });
      expect(b.calls).toHaveLength(1);

      const c = make((_, n) => (n === 1 ? json({}, 429, { "retry-after-ms": "1" }) : json({ id: "1" }, 201)));
      expect((await send(c.client)).response.status).toBe(201);
      expect(c.calls.map((x) => x.body)).toEqual(['{"name":"x"}', '{"name":"x"}']);
    },
  );

  test("POST is retried when the connection was refused (never sent)", async () => {
    const { client, calls } = make((_, n) =>
      n < 3 ? Promise.reject(netErr("ECONNREFUSED")) : json({ id: "1" }, 201),
    );
    expect((await client.POST("/items", { body: { name: "x" } })).response.status).toBe(201);
    expect(calls).toHaveLength(3);
  });

  test("retryNonIdempotent retries POST on 503 with the same body", async () => {
    const { client, calls } = make((_, n) => (n < 3 ? json({}, 503) : json({ id: "1" }, 201)), {
      retryNonIdempotent: true,
    });
    expect((await client.POST("/items", { body: { name: "x" } })).data).toEqual({ id: "1" });
    expect(calls.map((c) => c.body)).toEqual(Array(3).fill('{"name":"x"}'));
  });

  test.each([0, 1, 2, 4])("maxRetries %i bounds the attempts and errors report them", async (maxRetries) => {
    const { client, calls } = make(() => json({ message: "down" }, 503), { maxRetries });
    const e = await rejection(unwrap(client.GET("/items")));
    expect(e).toMatchObject({ status: 503, attempts: maxRetries + 1 });
    expect(calls).toHaveLength(maxRetries + 1);
  });

  test("default maxRetries is 2", async () => {
    const { client, calls } = make(() => json({}, 500));
    await client.GET("/items");
    expect(calls).toHaveLength(3);
  });

  test("network errors are retried for GET and surface as NetworkError with the code", async () => {
    const { client, calls } = make(() => Promise.reject(netErr("ECONNRESET")));
    const e = await rejection(client.GET("/items"));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e).toMatchObject({ code: "ECONNRESET", attempts: 3, method: "GET", path: "/items" });
    expect(calls).toHaveLength(3);
  });

  test.each([
    ["random jitter", undefined],
    ["the lowest jitter", 0],
    ["the highest jitter", 1 - 2 ** -53],
  ])("exponential back-off with jitter stays within [cap/2, cap]: %s", async (_, random) => {
    if (random !== undefined) vi.spyOn(Math, "random").mockReturnValue(random);
    fakeClock(); // the clock moves only by the delays the client sleeps: the gaps between calls are those delays
    const { client, calls } = make(() => json({}, 503), { retryDelayMs: 20, maxRetries: 2 });
    await settle(client.GET("/items"));
    expect(calls).toHaveLength(3);
    const gaps = [calls[1]!.at - calls[0]!.at, calls[2]!.at - calls[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(10); // cap 20
    expect(gaps[0]).toBeLessThanOrEqual(20);
    expect(gaps[1]).toBeGreaterThanOrEqual(20); // cap 40
    expect(gaps[1]).toBeLessThanOrEqual(40);
    if (random === 0) expect(gaps).toEqual([10, 20]);
  });

  test("a server asking to wait longer than maxRetryDelayMs is not retried", async () => {
    const { client, calls } = make(() => json({}, 429, { "retry-after": "120" }), { maxRetryDelayMs: 1000 });
    expect((await client.GET("/items")).response.status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  test("each attempt re-runs the client's middlewares", async () => {
    const { client, calls } = make((_, n) => (n < 3 ? json({}, 502) : ok()));
    const seen: string[] = [];
    client.use({ onRequest: ({ schemaPath }) => void seen.push(schemaPath) });
    await client.GET("/items");
    expect(seen).toEqual(["/items", "/items", "/items"]);
    expect(calls).toHaveLength(3);
  });

  test("errors thrown by user middleware are neither wrapped nor retried", async () => {
    const { client, calls } = make(ok);
    const boom = new Error("boom");
    client.use({
      onRequest: () => {
        throw boom;
      },
    });
    expect(await rejection(client.GET("/items"))).toBe(boom);
    expect(calls).toHaveLength(0);
  });

  test("a body cut short is a NetworkError and GET is retried", async () => {
    const broken = () =>
      new Response(
        new ReadableStream({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"items":['));
            c.error(new TypeError("terminated"));
          },
        }),
        { headers: { "content-type": "application/json" } },
      );
    const { client, calls } = make((_, n) => (n === 1 ? broken() : ok()));
    expect((await client.GET("/items")).data).toEqual({ items: ["a"] });
    expect(calls).toHaveLength(2);
  });

  test("malformed JSON in a 2xx is a parse error, not retried", async () => {
    const { client, calls } = make(
      () => new Response("{not json", { headers: { "content-type": "application/json" } }),
    );
    const e = await rejection(client.GET("/items"));
    expect(e).toBeInstanceOf(CxkitError);
    expect(e).toMatchObject({ kind: "parse", attempts: 1, method: "GET", path: "/items" });
    expect(calls).toHaveLength(1);
  });
});

describe("timeouts and cancellation", () => {
  test("a hanging attempt times out and GET is retried", async () => {
    fakeClock();
    const { client, calls } = make((_, n) => (n === 1 ? "hang" : ok()), { timeoutMs: 30 });
    const t0 = performance.now();
    const p = client.GET("/items");
    const state = track(p);
    await vi.advanceTimersByTimeAsync(29);
    expect(state.settled).toBe(false); // not before the 30 ms attempt timeout
    expect(calls).toHaveLength(1);
    expect((await settle(p)).data).toEqual({ items: ["a"] });
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - t0).toBeGreaterThanOrEqual(30);
  });

  test("a hanging POST times out once and is not retried", async () => {
    fakeClock();
    const { client, calls } = make(() => "hang", { timeoutMs: 20 });
    const e = await rejection(settle(client.POST("/items", { body: { name: "x" } })));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ kind: "timeout", scope: "attempt", attempts: 1, timeoutMs: 20 });
    expect(calls).toHaveLength(1);
  });

  test("totalTimeoutMs caps a hanging request across retries", async () => {
    fakeClock();
    const { client, calls } = make(() => "hang", { timeoutMs: 1000, totalTimeoutMs: 40 });
    const p = client.GET("/items");
    const state = track(p);
    await vi.advanceTimersByTimeAsync(39);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.settled).toBe(true); // at 40 ms, long before the 1000 ms attempt timeout
    const e = await rejection(p);
    expect(e).toMatchObject({ kind: "timeout", scope: "total", attempts: 1, timeoutMs: 40 });
    expect(calls).toHaveLength(1);
  });

  test("a retry never waits past totalTimeoutMs: the last response is returned instead", async () => {
    fakeClock();
    const { client, calls } = make(() => json({}, 503, { "retry-after-ms": "50" }), {
      maxRetries: 10,
      totalTimeoutMs: 120,
    });
    const t0 = performance.now();
    const r = await settle(client.GET("/items"));
    expect(r.response.status).toBe(503);
    // Attempts at 0, 50 and 100 ms; one more 50 ms wait would end past 120 ms, so the client gives
    // back the last 503 at once, at 100 ms, instead of sleeping.
    expect(calls.map((c) => c.at - t0)).toEqual([0, 50, 100]);
    expect(performance.now() - t0).toBe(100);
  });

  test("an already aborted signal sends nothing", async () => {
    const { client, calls } = make(ok);
    const e = await rejection(client.GET("/items", { signal: AbortSignal.abort("user") }));
    expect(e).toBeInstanceOf(AbortError);
    expect(e).toMatchObject({ kind: "abort", attempts: 0, cause: "user" });
    expect(calls).toHaveLength(0);
  });

  test("aborting an in-flight request rejects with AbortError and is not retried", async () => {
    fakeClock();
    const { client, calls } = make(() => "hang");
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 10);
    const p = client.GET("/items", { signal: ac.signal });
    const state = track(p);
    await vi.advanceTimersByTimeAsync(10);
    expect(state.settled).toBe(true); // at the abort, not at the 60 s default attempt timeout
    const e = await rejection(p);
    expect(e).toMatchObject({ kind: "abort", attempts: 1 });
    expect(calls).toHaveLength(1);
  });

  test("aborting during the back-off sleep stops immediately", async () => {
    fakeClock();
    const { client, calls } = make(() => json({}, 503, { "retry-after": "30" }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const p = client.GET("/items", { signal: ac.signal });
    const state = track(p);
    await vi.advanceTimersByTimeAsync(20);
    // 20 ms into the 30 s the server asked for, the call has already settled: the sleep stopped.
    expect(state.settled).toBe(true);
    expect(await rejection(p)).toMatchObject({ kind: "abort", attempts: 1 });
    expect(calls).toHaveLength(1);
  });
});

describe("errors", () => {
  test("ApiError carries status, method, path template, vendor body, request id and attempts", async () => {
    const { client } = make((_, n) =>
      n === 1 ? json({}, 500) : json({ message: "No such item" }, 404, { "x-request-id": "req_123" }),
    );
    const e = await rejection(unwrap(client.GET("/items/{id}", { params: { path: { id: "42" } } })));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(CxkitError);
    expect(e).toMatchObject({
      kind: "api",
      status: 404,
      method: "GET",
      path: "/items/{id}",
      body: { message: "No such item" },
      requestId: "req_123",
      attempts: 2,
      message: "GET /items/{id}: failed with 404: No such item",
    });
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({
      name: "ApiError",
      message: expect.any(String),
      status: 404,
    });
  });

  test("requestIdHeaders from the preset", async () => {
    const stub = stubFetch(() => json({}, 400, { "x-dixa-request": "d-1", "x-request-id": "other" }));
    const client = createApiClient<paths>(
      { ...preset, requestIdHeaders: ["x-dixa-request"] },
      bearerAuth(SECRET),
      {
        fetch: stub.fetch,
      },
    );
    expect(await rejection(unwrap(client.GET("/items")))).toMatchObject({ requestId: "d-1" });
  });

  test("throwOnError throws ApiError and still returns typed data on success", async () => {
    const { client } = make((c) => (c.url.endsWith("/items") ? ok() : json("gone", 410)), {
      throwOnError: true,
    });
    const { data } = await client.GET("/items");
    expect(data?.items).toEqual(["a"]);
    const e = await rejection(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(e).toMatchObject({ status: 410, body: "gone", attempts: 1 });
  });

  test("unwrap works on a plain openapi-fetch client too", async () => {
    const stub = stubFetch(() => json({ message: "nope" }, 403));
    const raw = createClient<paths>({ baseUrl: preset.baseUrl, fetch: stub.fetch });
    expect(
      await rejection(unwrap(raw.GET("/items", { params: { query: { api_key: SECRET } } }))),
    ).toMatchObject({
      status: 403,
      body: { message: "nope" },
    });
  });

  test("a credential echoed by the API is scrubbed from error bodies and messages", async () => {
    const { client } = make(() =>
      json({ message: `invalid token ${SECRET}`, auth: `Bearer ${SECRET}` }, 401),
    );
    const r = await client.GET("/items");
    expect(JSON.stringify(r.error)).not.toContain(SECRET);
    const e = await rejection(unwrap(client.GET("/items")));
    expect((e as ApiError).body).toEqual({ message: "invalid token [REDACTED]", auth: "Bearer [REDACTED]" });
    for (const s of renderings(e)) expect(s).not.toContain(SECRET);
  });

  test("no error kind ever exposes the credential, the query string or the request", async () => {
    const cases: [string, Handler, ClientOptions][] = [
      ["api", () => json({ message: "bad" }, 400), { throwOnError: true }],
      ["network", () => Promise.reject(netErr("ECONNRESET")), {}],
      ["timeout", () => "hang", { timeoutMs: 5, maxRetries: 0 }],
      ["parse", () => new Response("<html>", { headers: { "content-type": "application/json" } }), {}],
    ];
    for (const [kind, handler, options] of cases) {
      const { client } = make(handler, options);
      const e = await rejection(client.GET("/items", { params: { query: { api_key: SECRET } } }));
      expect(e).toMatchObject({ kind });
      for (const s of renderings(e)) {
        expect(s).not.toContain(SECRET);
        expect(s).not.toContain("api_key");
      }
      expect(Object.values(e as object).some((v) => v instanceof Request || v instanceof Headers)).toBe(
        false,
      );
    }
  });
});

describe("rate limiting", () => {
  test("sliding window: at most `limit` starts per interval", () => {
    const rl = createRateLimiter({ limit: 3, intervalMs: 1000 });
    const k = { method: "GET", path: "/x" };
    expect([0, 0, 0, 0, 0, 0, 0].map(() => rl.acquire(k, 0))).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    // the oldest of the last three slots is 1000: the next start is at 2000
    expect(rl.acquire(k, 1500)).toBe(500);
    expect(rl.acquire(k, 5000)).toBe(0);
  });

  test("burst caps back-to-back requests and spaces the rest evenly", () => {
    const rl = createRateLimiter({ limit: 10, intervalMs: 1000, burst: 2 });
    const k = { method: "GET", path: "/x" };
    expect(Array.from({ length: 5 }, () => rl.acquire(k, 0))).toEqual([0, 0, 100, 200, 300]);
    expect(rl.acquire(k, 10_000)).toBe(0);
  });

  test("perEndpoint keeps separate budgets", () => {
    const rl = createRateLimiter({ limit: 1, intervalMs: 60_000, key: perEndpoint });
    expect(rl.acquire({ method: "GET", path: "/a" }, 0)).toBe(0);
    expect(rl.acquire({ method: "GET", path: "/b" }, 0)).toBe(0);
    expect(rl.acquire({ method: "POST", path: "/a" }, 0)).toBe(0);
    expect(rl.acquire({ method: "GET", path: "/a" }, 0)).toBe(60_000);
  });

  test("the client waits for its slot (shared by all its requests)", async () => {
    fakeClock(); // the limiter and the client's sleeps read the fake clock: exact start times
    const { client, calls } = make(ok, { rateLimit: { limit: 2, intervalMs: 100 } });
    const t0 = performance.now();
    await settle(Promise.all(Array.from({ length: 5 }, () => client.GET("/items"))));
    expect(calls.map((c) => c.at - t0).sort((a, b) => a - b)).toEqual([0, 0, 100, 100, 200]);
  });

  test("the preset limit applies by default, rateLimit: false disables it", async () => {
    const strict = { ...preset, rateLimit: { limit: 1, intervalMs: 60_000 } };
    const stub = stubFetch(ok);
    const ac = new AbortController();
    fakeClock();
    const limited = createApiClient<paths>(strict, bearerAuth(SECRET), { fetch: stub.fetch });
    await limited.GET("/items");
    setTimeout(() => ac.abort(), 20);
    const p = limited.GET("/items", { signal: ac.signal });
    const state = track(p);
    await vi.advanceTimersByTimeAsync(20);
    expect(state.settled).toBe(true); // aborted at 20 ms while queued for the slot 60 s away
    expect(await rejection(p)).toMatchObject({ kind: "abort", attempts: 0 });

    const free = createApiClient<paths>(strict, bearerAuth(SECRET), { fetch: stub.fetch, rateLimit: false });
    await Promise.all(Array.from({ length: 10 }, () => free.GET("/items")));
    expect(stub.calls).toHaveLength(11);
  });

  test("a limiter instance can be shared by several clients; waits count against totalTimeoutMs", async () => {
    const shared = createRateLimiter({ limit: 1, intervalMs: 60_000 });
    const a = make(ok, { rateLimit: shared });
    const b = make(ok, { rateLimit: shared, totalTimeoutMs: 50 });
    await a.client.GET("/items");
    expect(await rejection(b.client.GET("/items"))).toMatchObject({ kind: "timeout", scope: "total" });
    expect(b.calls).toHaveLength(0);
  });
});

describe("logging", () => {
  test("logs requests, retries and refreshes with credentials and sensitive query values redacted", async () => {
    const log = captureLogger();
    const p = { getToken: () => SECRET, refresh: async () => `${SECRET}-2` };
    const { client } = make(
      (c, n) =>
        n === 1
          ? json({}, 503, { "retry-after-ms": "1" })
          : c.headers.get("authorization") === `Bearer ${SECRET}`
            ? json({ message: `bad token ${SECRET}` }, 401)
            : ok(),
      { logger: log.logger, logLevel: "debug" },
      tokenAuth(p),
    );
    await client.GET("/items", {
      params: { query: { api_key: SECRET, page: 2 } },
      headers: { cookie: SECRET },
    });
    const messages = log.lines.map((l) => `${l.level} ${l.message}`);
    const url = "https://api.acme.test/v1/items?api_key=[REDACTED]&page=2";
    expect(messages).toEqual([
      `debug GET ${url} → 503`,
      "warn GET /items: 503, retry 1/2 in 1 ms",
      `debug GET ${url} → 401`,
      "info GET /items: 401, replaying with refreshed credentials",
      `debug GET ${url} → 200`,
    ]);
    expect(log.lines[0]!.meta).toMatchObject({
      vendor: "acme",
      attempt: 1,
      ms: expect.any(Number),
      queuedMs: 0,
    });
    expect(log.lines[1]!.meta).toMatchObject({ vendor: "acme", attempt: 1, delayMs: 1 });
    expect(log.lines[4]!.meta).toMatchObject({ attempt: 3 });
    expect(log.text()).not.toContain(SECRET);
  });

  test("logLevel filters, 'off' silences, a level alone logs to console", async () => {
    const warn = captureLogger();
    await make(() => json({}, 503), { logger: warn.logger, logLevel: "warn", maxRetries: 1 }).client.GET(
      "/items",
    );
    expect(warn.lines.map((l) => l.level)).toEqual(["warn"]);

    const off = captureLogger();
    await make(() => json({}, 503), { logger: off.logger, logLevel: "off", maxRetries: 1 }).client.GET(
      "/items",
    );
    expect(off.lines).toEqual([]);

    const spy = vi.spyOn(console, "warn").mockImplementation(() => {});
    await make(() => json({}, 503), { logLevel: "warn", maxRetries: 1 }).client.GET("/items");
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test("redactUrl and redactHeaders", () => {
    expect(
      redactUrl(
        "https://u:pw@x.test/a?api_key=1&token=2&page=3&client_secret=4&X-Amz-Signature=5&q=key#frag",
      ),
    ).toBe(
      "https://x.test/a?api_key=[REDACTED]&token=[REDACTED]&page=3&client_secret=[REDACTED]&X-Amz-Signature=[REDACTED]&q=key#frag",
    );
    expect(
      redactHeaders({
        Authorization: "a",
        Cookie: "b",
        "x-chatsight-api-auth": "c",
        "x-api-key": "d",
        "x-access-token": "e",
        "x-webhook-secret": "f",
        accept: "json",
      }),
    ).toEqual({
      authorization: "[REDACTED]",
      cookie: "[REDACTED]",
      "x-chatsight-api-auth": "[REDACTED]",
      "x-api-key": "[REDACTED]",
      "x-access-token": "[REDACTED]",
      "x-webhook-secret": "[REDACTED]",
      accept: "json",
    });
  });
});
