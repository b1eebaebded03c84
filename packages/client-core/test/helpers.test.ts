import { createHmac } from "node:crypto";
import {
  AbortError,
  bearerAuth,
  CxkitError,
  createApiClient,
  hmacSha256,
  linkQuery,
  paginate,
  paginateCursor,
  paginateJsonApi,
  paginateNextLink,
  paginatePageNumber,
  pollUntil,
  TimeoutError,
  timingSafeEqual,
  unwrap,
  verifyHmacSignature,
  verifyTimestampedSignature,
} from "@cxkit/client-core";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  fakeClock,
  json,
  type paths,
  preset,
  rejection,
  SECRET,
  settle,
  stubFetch,
  track,
} from "./support.ts";

// The pollUntil tests run on fakeClock(): its sleeps and deadline fire only as the test advances the clock.
afterEach(() => {
  vi.useRealTimers();
});

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe("pagination", () => {
  test("page number + totalPages, through a typed client and unwrap()", async () => {
    const stub = stubFetch((c) => {
      const page = Number(new URL(c.url).searchParams.get("page"));
      return json({ items: [`p${page}a`, `p${page}b`], totalPages: 3 });
    });
    const client = createApiClient<paths>(preset, bearerAuth(SECRET), { fetch: stub.fetch });
    const items = paginatePageNumber(
      (page) =>
        unwrap(client.GET("/items", { params: { query: { page } } })) as Promise<{
          items: string[];
          totalPages: number;
        }>,
      { items: (p) => p.items, totalPages: (p) => p.totalPages },
    );
    expect(await collect(items)).toEqual(["p1a", "p1b", "p2a", "p2b", "p3a", "p3b"]);
    expect(stub.calls.map((c) => new URL(c.url).search)).toEqual(["?page=1", "?page=2", "?page=3"]);
  });

  test("page number without a total stops at the first empty page; firstPage 0", async () => {
    const data = [["a"], ["b"], []];
    const fetchPage = vi.fn(async (n: number) => ({ results: data[n] ?? [] }));
    const it = paginatePageNumber(fetchPage, {
      items: (p) => p.results,
      totalPages: () => undefined,
      firstPage: 0,
    });
    expect(await collect(it)).toEqual(["a", "b"]);
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([0, 1, 2]);
  });

  test("cursor `next`: items and pages()", async () => {
    const pages: Record<string, { data: number[]; next: string | null }> = {
      start: { data: [1, 2], next: "c2" },
      c2: { data: [3], next: "c3" },
      c3: { data: [], next: null },
    };
    const fetchPage = vi.fn(async (cursor?: string) => pages[cursor ?? "start"]!);
    const it = paginateCursor(fetchPage, { items: (p) => p.data, next: (p) => p.next });
    expect(await collect(it)).toEqual([1, 2, 3]);
    expect((await collect(it.pages())).map((p) => p.data)).toEqual([[1, 2], [3], []]);
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([undefined, "c2", "c3", undefined, "c2", "c3"]);
  });

  test("JSON:API links.next with page[number]: only the query is used, never another host", async () => {
    const stub = stubFetch((c) => {
      const n = Number(new URL(c.url).searchParams.get("page[number]") ?? "1");
      return json({
        data: [{ id: `s${n}` }],
        links: { next: n < 3 ? `https://evil.test/v1/surveys?page[number]=${n + 1}&page[size]=1` : null },
      });
    });
    const client = createApiClient<paths>(preset, bearerAuth(SECRET), { fetch: stub.fetch });
    type Page = { data: { id: string }[]; links: { next: string | null } };
    const it = paginateJsonApi(
      (query) => unwrap(client.GET("/items", { params: { query } })) as unknown as Promise<Page>,
    );
    expect((await collect(it)).map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
    expect(stub.calls.map((c) => decodeURIComponent(c.url))).toEqual([
      "https://api.acme.test/v1/items",
      "https://api.acme.test/v1/items?page[number]=2&page[size]=1",
      "https://api.acme.test/v1/items?page[number]=3&page[size]=1",
    ]);
  });

  test("relative meta.next", async () => {
    const pages = new Map<string | undefined, { rows: string[]; meta: { next?: string } }>([
      [undefined, { rows: ["a"], meta: { next: "/v1/tickets?cursor=b&per_page=1" } }],
      ["b", { rows: ["b"], meta: { next: "?cursor=c&per_page=1" } }],
      ["c", { rows: ["c"], meta: {} }],
    ]);
    const seen: (Record<string, string> | undefined)[] = [];
    const it = paginateNextLink(
      async (q) => {
        seen.push(q);
        return pages.get(q?.cursor)!;
      },
      { items: (p) => p.rows, next: (p) => p.meta.next },
    );
    expect(await collect(it)).toEqual(["a", "b", "c"]);
    expect(seen).toEqual([undefined, { cursor: "b", per_page: "1" }, { cursor: "c", per_page: "1" }]);
    expect(linkQuery("https://x.test/a?page%5Bnumber%5D=2")).toEqual({ "page[number]": "2" });
  });

  test("maxPages throws a clear error when more pages remain, not when exactly exhausted", async () => {
    const endless = paginate(async (n?: number) => ({ n: n ?? 0 }), {
      items: (p) => [p.n],
      next: (p) => p.n + 1,
      maxPages: 3,
    });
    const seen: number[] = [];
    const e = await rejection(
      (async () => {
        for await (const x of endless) seen.push(x);
      })(),
    );
    expect(e).toBeInstanceOf(CxkitError);
    expect(e).toMatchObject({ kind: "pagination", message: expect.stringContaining("maxPages (3)") });
    expect(seen).toEqual([0, 1, 2]);

    const exact = paginate(async (n?: number) => ({ n: n ?? 0 }), {
      items: (p) => [p.n],
      next: (p) => (p.n < 2 ? p.n + 1 : null),
      maxPages: 3,
    });
    expect(await collect(exact)).toEqual([0, 1, 2]);
  });

  test("a cursor that does not advance is an error, not an endless loop", async () => {
    const it = paginateCursor(async () => ({ items: [1], next: "same" }), {
      items: (p) => p.items,
      next: (p) => p.next,
    });
    expect(await rejection(collect(it))).toMatchObject({
      kind: "pagination",
      message: expect.stringContaining("repeats"),
    });
  });

  test("breaking out early stops fetching", async () => {
    const fetchPage = vi.fn(async (c?: string) => ({ items: [c ?? "0"], next: `${Number(c ?? 0) + 1}` }));
    for await (const x of paginateCursor(fetchPage, { items: (p) => p.items, next: (p) => p.next })) {
      if (x === "1") break;
    }
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });
});

describe("pollUntil", () => {
  test("polls until done with back-off and reports each status", async () => {
    fakeClock();
    const states = ["queued", "running", "running", "done"];
    const t0 = performance.now();
    const at: number[] = [];
    const fn = vi.fn(async (_signal: AbortSignal, attempt: number) => {
      at.push(performance.now() - t0);
      return { state: states[attempt - 1]! };
    });
    const onStatus = vi.fn();
    const result = await settle(
      pollUntil(fn, {
        isDone: (v) => v.state === "done",
        intervalMs: 5,
        backoff: 2,
        onStatus,
      }),
    );
    expect(result).toEqual({ state: "done" });
    expect(fn).toHaveBeenCalledTimes(4);
    expect(onStatus.mock.calls.map((c) => [c[0].state, c[1]])).toEqual([
      ["queued", 1],
      ["running", 2],
      ["running", 3],
    ]);
    expect(at).toEqual([0, 5, 5 + 10, 5 + 10 + 20]); // waits of 5, 10, 20 ms
  });

  test("maxIntervalMs caps the back-off", async () => {
    fakeClock();
    const t0 = performance.now();
    const at: number[] = [];
    await settle(
      pollUntil(
        async (_s, n) => {
          at.push(performance.now() - t0);
          return n;
        },
        { isDone: (n) => n === 4, intervalMs: 10, backoff: 100, maxIntervalMs: 20 },
      ),
    );
    expect(at).toEqual([0, 10, 30, 50]); // 10, then 1000 capped to 20, twice
  });

  test("timeout: throws TimeoutError and aborts the in-flight call", async () => {
    fakeClock();
    let inner: AbortSignal | undefined;
    const p = pollUntil(
      (signal) => {
        inner = signal;
        return new Promise<never>((_, reject) =>
          signal.addEventListener("abort", () => reject(new Error("aborted"))),
        );
      },
      { isDone: () => false, timeoutMs: 30 },
    );
    const state = track(p);
    await vi.advanceTimersByTimeAsync(29);
    expect(state.settled).toBe(false);
    expect(inner?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.settled).toBe(true);
    const e = await rejection(p);
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ scope: "poll", timeoutMs: 30 });
    expect(inner?.aborted).toBe(true);
  });

  test("timeout while sleeping between polls", async () => {
    fakeClock();
    const fn = vi.fn(async () => "pending");
    const p = pollUntil(fn, { isDone: () => false, intervalMs: 10_000, timeoutMs: 30 });
    const state = track(p);
    await vi.advanceTimersByTimeAsync(30);
    expect(state.settled).toBe(true); // at the 30 ms deadline, not at the end of the 10 s sleep
    expect(await rejection(p)).toBeInstanceOf(TimeoutError);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  test("cancellation via signal, before and during polling", async () => {
    expect(
      await rejection(pollUntil(async () => 1, { isDone: () => false, signal: AbortSignal.abort() })),
    ).toBeInstanceOf(AbortError);
    fakeClock();
    const t0 = performance.now();
    const ac = new AbortController();
    setTimeout(() => ac.abort("stop"), 15);
    const fn = vi.fn(async () => 1);
    const e = await rejection(
      settle(pollUntil(fn, { isDone: () => false, intervalMs: 5, signal: ac.signal })),
    );
    expect(e).toMatchObject({ kind: "abort", cause: "stop" });
    // Polled at 0, 5 and 10 ms; at 15 ms the abort (the earlier timer) wins over the third sleep's end.
    expect(fn).toHaveBeenCalledTimes(3);
    expect(performance.now() - t0).toBe(15);
  });

  test("errors from fn propagate unchanged", async () => {
    const boom = new Error("boom");
    expect(
      await rejection(
        pollUntil(
          async () => {
            throw boom;
          },
          { isDone: () => true },
        ),
      ),
    ).toBe(boom);
  });
});

describe("webhook signatures", () => {
  const body = '{"event_fqn":"CONVERSATION_CREATED","data":{"id":"é✓"}}';
  const hexSecret = "8f1d3a6b9c0e2f4a5b7c9d1e3f5a7b9c";
  const t = 1_700_000_000;
  const now = t * 1000 + 5_000;
  const dixa = (secret: string | Buffer = Buffer.from(hexSecret, "hex"), ts = t, payload = body) =>
    createHmac("sha256", secret).update(`${ts}.${payload}`).digest("hex");

  test("timestamped (Dixa style): valid header", async () => {
    expect(await verifyTimestampedSignature(body, `t=${t},v1=${dixa()}`, hexSecret, { now })).toBe(true);
    expect(
      await verifyTimestampedSignature(new TextEncoder().encode(body), `t=${t}, v1=${dixa()}`, hexSecret, {
        now,
      }),
    ).toBe(true);
  });

  test("timestamped: rotation (several v1), uppercase hex, unknown keys", async () => {
    const header = `t=${t},v0=zzz,v1=${"0".repeat(64)},v1=${dixa().toUpperCase()}`;
    expect(await verifyTimestampedSignature(body, header, hexSecret, { now })).toBe(true);
  });

  test.each([
    ["tampered body", body.replace("é", "e"), `t=${t},v1=${dixa()}`, {}],
    ["wrong secret", body, `t=${t},v1=${dixa(Buffer.from("00".repeat(16), "hex"))}`, {}],
    ["secret used as utf8 instead of hex-decoded", body, `t=${t},v1=${dixa(hexSecret)}`, {}],
    ["timestamp swapped", body, `t=${t + 1},v1=${dixa()}`, {}],
    ["too old", body, `t=${t},v1=${dixa()}`, { now: (t + 301) * 1000 }],
    ["too far in the future", body, `t=${t},v1=${dixa()}`, { now: (t - 301) * 1000 }],
    ["tight tolerance", body, `t=${t},v1=${dixa()}`, { toleranceSeconds: 1 }],
    ["missing t", body, `v1=${dixa()}`, {}],
    ["missing v1", body, `t=${t}`, {}],
    ["non-hex v1", body, `t=${t},v1=${dixa().replace(/^../, "zz")}`, {}],
    ["truncated v1", body, `t=${t},v1=${dixa().slice(0, 62)}`, {}],
    ["garbage", body, "nonsense", {}],
    ["empty", body, "", {}],
  ])("timestamped: rejects %s", async (_, payload, header, opts) => {
    expect(await verifyTimestampedSignature(payload, header, hexSecret, { now, ...opts })).toBe(false);
  });

  test("timestamped: utf8 secrets and tolerance boundary", async () => {
    const sig = dixa("plain-secret");
    expect(
      await verifyTimestampedSignature(body, `t=${t},v1=${sig}`, "plain-secret", {
        now,
        secretEncoding: "utf8",
      }),
    ).toBe(true);
    expect(
      await verifyTimestampedSignature(body, `t=${t},v1=${dixa()}`, hexSecret, { now: (t + 300) * 1000 }),
    ).toBe(true);
  });

  test("a malformed hex secret is a configuration error", async () => {
    await expect(verifyTimestampedSignature(body, `t=${t},v1=${dixa()}`, "not-hex", { now })).rejects.toThrow(
      "Webhook secret is not valid hex",
    );
  });

  test("raw HMAC: hex, base64, prefix, binary secret", async () => {
    const secret = "whsec_raw_secret";
    const hex = createHmac("sha256", secret).update(body).digest("hex");
    const b64 = createHmac("sha256", secret).update(body).digest("base64");
    expect(await verifyHmacSignature(body, hex, secret)).toBe(true);
    expect(await verifyHmacSignature(body, `sha256=${hex}`, secret, { prefix: "sha256=" })).toBe(true);
    expect(await verifyHmacSignature(body, b64, secret, { encoding: "base64" })).toBe(true);
    expect(
      await verifyHmacSignature(body, b64.replace(/\+/g, "-").replace(/\//g, "_"), secret, {
        encoding: "base64",
      }),
    ).toBe(true);
    const key = Buffer.from("0102ff", "hex");
    const binSig = createHmac("sha256", key).update(body).digest("hex");
    expect(await verifyHmacSignature(body, binSig, new Uint8Array(key))).toBe(true);
    expect(await verifyHmacSignature(body, binSig, "AQL/", { secretEncoding: "base64" })).toBe(true);

    expect(await verifyHmacSignature(`${body} `, hex, secret)).toBe(false);
    expect(await verifyHmacSignature(body, hex, `${secret}x`)).toBe(false);
    expect(await verifyHmacSignature(body, b64, secret)).toBe(false); // base64 read as hex
    expect(await verifyHmacSignature(body, "", secret)).toBe(false);
    expect(await verifyHmacSignature(body, null, secret)).toBe(false);
    expect(await verifyHmacSignature(body, "%%%", secret, { encoding: "base64" })).toBe(false);
  });

  test("hmacSha256 known answer and timingSafeEqual", async () => {
    const mac = await hmacSha256("data", "key");
    expect(Buffer.from(mac).toString("hex")).toBe(createHmac("sha256", "key").update("data").digest("hex"));
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
