// Hostile input, against every mock: each request below is answered 4xx (or its connection closed), the
// front's refusals are logged once, a valid request answers 2xx after every one, and Prism never had to
// be restarted. Several of these crashed or hung a bare Prism 5.16 (see src/guard.ts). The slow-client
// cases (header, body and keep-alive timeouts) are the front's alone, so they run on one mock.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { benchWireAuth, vendors } from "../../../tools/vendors.ts";
import { type RunningMock, startMock } from "../src/index.ts";
import { mockConfig, mockConfigs } from "../src/vendors.ts";
import { type Exchange, exchange, rawRequest } from "./support.ts";

interface Vendor {
  get: string;
  post: string;
  auth: Record<string, string>;
}

/** Each vendor's bench POST and credentials as sent on the wire, from the registry (mocks/<vendor>/mock.json). */
const VENDORS: Record<string, Omit<Vendor, "get">> = Object.fromEntries(
  await Promise.all(
    vendors().map(async ({ vendor, bench, basePaths }) => {
      const auth = await benchWireAuth(vendor, bench, "hostile-key");
      return [vendor, { post: (basePaths?.[0] ?? "") + bench.post.url, auth }];
    }),
  ),
);

interface Hostile {
  name: string;
  send: (v: Vendor) => (string | Buffer)[];
  /** The status the front (or Node's parser under it) answers; "4xx" when Prism's validation does. */
  expect: number | "4xx" | "4xx or closed";
  end?: boolean;
}

const MiB = 1024 * 1024;
const deepArrays = (n: number) => "[".repeat(n) + "]".repeat(n);
const json = { "content-type": "application/json" };
const get =
  (target: string, headers: Record<string, string> = {}) =>
  (v: Vendor) => [rawRequest("GET", target.replace("{get}", v.get), { ...v.auth, ...headers })];
const post =
  (body: string | Buffer, headers: Record<string, string> = json) =>
  (v: Vendor) => [rawRequest("POST", v.post, { ...v.auth, ...headers }, body)];
const raw = (text: string | Buffer) => () => [text];

const HOSTILE: Hostile[] = [
  { name: "malformed percent-escapes (%ff%fe)", send: get("{get}/%ff%fe"), expect: 400 },
  { name: "a lone % in the path", send: get("{get}/%"), expect: 400 },
  { name: "a lone % in the query", send: get("{get}?q=%"), expect: 400 },
  { name: "a truncated UTF-8 escape (%E2%82)", send: get("{get}/%E2%82"), expect: 400 },
  { name: "an encoded NUL byte (%00)", send: get("{get}/a%00b"), expect: 400 },
  {
    name: "raw non-ASCII bytes in the target",
    send: (v) => [
      Buffer.concat([
        Buffer.from(`GET ${v.get}/`),
        Buffer.from([0xc3, 0xff]),
        Buffer.from(" HTTP/1.1\r\n\r\n"),
      ]),
    ],
    expect: 400,
  },
  { name: "an absolute-form target", send: get("http://example.com{get}"), expect: 400 },
  { name: "an asterisk target", send: (v) => [rawRequest("OPTIONS", "*", v.auth)], expect: 400 },
  { name: "a 9,000-character target", send: get(`{get}?q=${"a".repeat(9000)}`), expect: 414 },
  {
    name: "300 query parameters",
    send: get(`{get}?${Array.from({ length: 300 }, (_, i) => `p${i}=1`).join("&")}`),
    expect: 400,
  },
  {
    name: "150 header fields",
    send: get("{get}", Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-h${i}`, "1"]))),
    expect: 431,
  },
  { name: "a 20 KiB header block", send: get("{get}", { "x-big": "a".repeat(20 * 1024) }), expect: 431 },
  { name: "a NUL byte in a header value", send: get("{get}", { "x-nul": "a\u0000b" }), expect: 400 },
  { name: "a malformed Accept (*/*;q=abc;;=)", send: get("{get}", { accept: "*/*;q=abc;;=" }), expect: 400 },
  { name: "an Accept that is no media type (///)", send: get("{get}", { accept: "///" }), expect: 400 },
  {
    name: "a malformed Content-Type",
    send: post("{}", { "content-type": "application/json; ;" }),
    expect: 400,
  },
  {
    name: "a UTF-16 charset",
    send: post("{}", { "content-type": "application/json; charset=utf-16" }),
    expect: 415,
  },
  {
    name: "Content-Encoding: gzip",
    send: post("garbage", { ...json, "content-encoding": "gzip" }),
    expect: 415,
  },
  {
    name: "Transfer-Encoding: gzip, chunked",
    send: (v) => [
      rawRequest("POST", v.post, { ...v.auth, ...json, "transfer-encoding": "gzip, chunked" }),
      "0\r\n\r\n",
    ],
    expect: 400,
  },
  { name: "JSON nested 200,000 deep", send: post(deepArrays(200_000)), expect: 400 },
  {
    name: "JSON objects nested 10,000 deep",
    send: post(`${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`),
    expect: 400,
  },
  {
    name: "invalid UTF-8 in a JSON body",
    send: post(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
    expect: 400,
  },
  { name: "malformed JSON", send: post('{"text": "unterminated'), expect: 400 },
  {
    name: "a declared body over 10 MiB",
    send: (v) => [rawRequest("POST", v.post, { ...v.auth, ...json, "content-length": String(11 * MiB) })],
    expect: 413,
  },
  {
    name: "a chunked body over 10 MiB",
    send: (v) => [
      rawRequest("POST", v.post, { ...v.auth, ...json, "transfer-encoding": "chunked" }),
      `${(11 * MiB).toString(16)}\r\n`,
      Buffer.alloc(11 * MiB, 0x20),
      "\r\n0\r\n\r\n",
    ],
    expect: 413,
  },
  {
    name: "a body that stops half-way (the client closes)",
    send: (v) => [rawRequest("POST", v.post, { ...v.auth, ...json, "content-length": "1000" }), '{"text":'],
    end: true,
    expect: "4xx or closed",
  },
  {
    name: "non-HTTP bytes (a TLS ClientHello)",
    send: raw(Buffer.from([0x16, 3, 1, 0, 0xa5, 1, 0, 0, 0xa1, 3, 3])),
    expect: 400,
  },
  { name: "an HTTP/2 preface", send: raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), expect: 400 },
  {
    name: "Content-Length and Transfer-Encoding together",
    send: (v) => [
      `POST ${v.post} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    expect: 400,
  },
  {
    name: "two Content-Lengths",
    send: (v) => [`POST ${v.post} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab`],
    expect: 400,
  },
  {
    name: "an invalid chunk size",
    send: (v) => [
      rawRequest("POST", v.post, { ...v.auth, ...json, "transfer-encoding": "chunked" }),
      "zz\r\n\r\n",
    ],
    expect: 400,
  },
  { name: "bare LF line endings", send: (v) => [`GET ${v.get} HTTP/1.1\nHost: x\n\n`], expect: 400 },
  {
    name: "an obsolete folded header",
    send: (v) => [`GET ${v.get} HTTP/1.1\r\nHost: x\r\nX: a\r\n b\r\n\r\n`],
    expect: 400,
  },
  { name: "an unknown method", send: (v) => [rawRequest("BREW", v.get, v.auth)], expect: 400 },
  { name: "blank lines, then the client closes", send: raw("\r\n\r\n"), end: true, expect: "4xx or closed" },
  {
    name: "prototype-polluting keys",
    send: post('{"__proto__":{"admin":true},"constructor":{"prototype":{}}}'),
    expect: "4xx",
  },
  {
    name: "a number beyond double range",
    send: post(`{"n":1e999999,"m":${"9".repeat(5000)}}`),
    expect: "4xx",
  },
  { name: "a JSON null body", send: post("null"), expect: "4xx" },
];

const frontAnswers = (h: Hostile) => typeof h.expect === "number";

// Every test talks to a real Prism on a machine that may be busy: the budgets are generous on purpose
// (a mock's start-up, Dixa's the slowest, and each exchange's own 30 s budget in support.ts).
describe.each(mockConfigs().map((c) => c.vendor))(
  "hostile input to the %s mock",
  { timeout: 90_000 },
  (name) => {
    let mock: RunningMock;
    const lines: string[] = [];
    const vendor = { get: mockConfig(name).tryPath ?? "/", ...VENDORS[name]! };
    const port = () => Number(new URL(mock.url).port);
    beforeAll(async () => {
      mock = await startMock(mockConfig(name), { port: 0, log: (line) => lines.push(line) });
    }, 120_000);
    afterAll(() => mock?.close());

    test.each(HOSTILE)("$name", async (hostile) => {
      const logged = lines.length;
      const reply: Exchange = await exchange(port(), hostile.send(vendor), { end: hostile.end });
      if (typeof hostile.expect === "number") expect(reply.status).toBe(hostile.expect);
      else if (hostile.expect === "4xx") expect(String(reply.status)).toMatch(/^4\d\d$/);
      else expect(reply.closed || /^4\d\d$/.test(String(reply.status))).toBe(true);
      if (frontAnswers(hostile)) {
        const refusals = lines.slice(logged).filter((line) => /^rejected /.test(line));
        expect(refusals).toHaveLength(1);
        expect(refusals[0]).toContain(`(${hostile.expect})`);
        if (reply.body.startsWith("{")) expect(JSON.stringify(JSON.parse(reply.body))).not.toBe("{}");
      }
      const valid = await fetch(`${mock.url}${vendor.get}`, { headers: vendor.auth });
      expect(valid.status).toBeLessThan(300);
      await valid.body?.cancel();
    });

    test("Prism was never restarted", () => {
      expect(mock.health().backends[0]).toMatchObject({ state: "up", restarts: 0 });
    });
  },
);

describe("slow clients", { timeout: 90_000 }, () => {
  let mock: RunningMock;
  const lines: string[] = [];
  // Short limits so the test waits seconds, not the defaults' 10–30 s; still far above the time a
  // request written at once takes to arrive on loopback, even on a busy machine.
  const timeouts = { headersMs: 2000, requestMs: 3000, keepAliveMs: 1000 };
  const { auth } = VENDORS.qemotion!;
  beforeAll(async () => {
    mock = await startMock(mockConfig("qemotion"), { port: 0, timeouts, log: (line) => lines.push(line) });
  }, 120_000);
  afterAll(() => mock?.close());

  test("an idle connection, unfinished headers and a half-sent body get 408; an idle keep-alive closes", async () => {
    const port = Number(new URL(mock.url).port);
    const [idle, headers, body, keptAlive] = await Promise.all([
      exchange(port, []),
      exchange(port, ["GET /projects HTTP/1.1\r\nHost: x\r\n"]),
      exchange(port, [
        rawRequest("POST", "/projects/1/verbatims", { ...auth, ...json, "content-length": "100" }),
        "{",
      ]),
      keepAliveThenIdle(port, rawRequest("GET", "/projects", auth)),
    ]);
    expect([idle.status, headers.status, body.status]).toEqual([408, 408, 408]);
    expect(keptAlive).toEqual({ first: 200, thenClosed: true });
    expect(lines.filter((line) => line.startsWith("rejected connection (408)"))).toHaveLength(3);
    const valid = await fetch(`${mock.url}/projects`, { headers: auth });
    expect(valid.status).toBe(200);
  });
});

/** Sends one request, reads its answer, then waits (within 30 s) for the server to close the idle connection. */
async function keepAliveThenIdle(port: number, request: Buffer) {
  return new Promise<{ first?: number; thenClosed: boolean }>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let first: number | undefined;
    const timer = setTimeout(() => resolve({ first, thenClosed: false }), 30_000);
    socket.on("data", (chunk) => {
      first ??= Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString("latin1"))?.[1]);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ first, thenClosed: true });
    });
    socket.on("error", () => {});
    socket.write(request);
  });
}
