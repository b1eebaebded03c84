// The validating proxy against a small local upstream (node:http on 127.0.0.1) that answers some Dixa
// operations on-spec and others off it (a missing required field, an unknown enum value, an undocumented
// status, a wrong type; response headers: a Retry-After that is no integer or below its minimum, and —
// against a copy of the spec that requires it — one that is missing): each is reported precisely, the
// on-spec ones clean, a credential-like header's value never shown; credentials reach the
// upstream unchanged and appear in no journal entry, journal file, log line or report; the CLI prints the
// drift report on SIGTERM; the loopback guard lets exactly the configured upstream through.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { REDACTED } from "../src/journal.ts";
import { type RunningProxy, startProxy } from "../src/proxy.ts";
import { bundledSpecPath } from "../src/response-check.ts";
import { mockConfig } from "../src/vendors.ts";
import { waitFor } from "./support.ts";

const KEY = "dixa-proxy-key-7e21b0";
const ID = "4d2ab456-8510-4a35-b266-e502160d5177";
const agent = { id: ID, createdAt: "2020-12-16T09:41:43Z", displayName: "Ada", email: "ada@example.com" };
const tag = { id: ID, name: "vip", state: "Active" };

const COOKIE = "sid=cookie-secret-5f1c0a; Path=/";
const TOKEN = "tok-secret-98a7";
const limited = { message: "Rate limit exceeded" };
/** What the upstream answers, by path: [status, body, headers]. Dixa documents `Retry-After` (an integer,
 * at least 0, not required) on every 429. */
const ANSWERS: Record<string, [number, unknown, Record<string, string | string[]>?]> = {
  "/v1/agents": [200, { data: [agent] }],
  [`/v1/agents/${ID}`]: [200, { data: { ...agent, email: undefined } }],
  "/v1/tags": [200, { data: [{ ...tag, state: "Archived" }] }],
  [`/v1/tags/${ID}`]: [200, { data: { ...tag, name: 42 } }],
  "/v1/agents/presence": [418, { message: "teapot" }],
  "/v1/teams": [429, limited, { "retry-after": "2" }],
  "/v1/endusers": [429, limited, { "retry-after": "soon" }],
  "/v1/queues": [429, limited, { "retry-after": "-1" }],
  "/v1/templates": [429, limited],
  "/v1/contact-endpoints": [
    429,
    limited,
    { "retry-after": "3", "set-cookie": [COOKIE], "x-session-token": TOKEN },
  ],
};

let upstream: Server;
let upstreamUrl = "";
const received: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  upstream = createServer((req, res) => {
    received.push(req.headers);
    const [status, body, headers] = ANSWERS[(req.url ?? "/").split("?")[0]!] ?? [404, { message: "no" }];
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => upstream.close(resolve)));

describe("startProxy", { timeout: 30_000 }, () => {
  let proxy: RunningProxy;
  const logs: string[] = [];
  const file = join(mkdtempSync(join(tmpdir(), "cxkit-proxy-")), "journal.jsonl");
  const get = async (path: string) => {
    const res = await fetch(`${proxy.url}${path}`, { headers: { authorization: KEY } });
    return { status: res.status, body: await res.text() };
  };
  const violationsOf = async (path: string) =>
    (await proxy.requests({ path }))[0]?.violations?.map((v) =>
      `${v.side} ${v.field} ${v.message}`.replace("  ", " "),
    );

  beforeAll(async () => {
    const log = (line: string) => void logs.push(line);
    proxy = await startProxy(mockConfig("dixa"), { upstream: upstreamUrl, log, journal: { file } });
  });
  afterAll(() => proxy?.close());

  test("on-spec answers pass through unchanged and clean; credentials reach the upstream as sent", async () => {
    const answer = await get("/v1/agents");
    expect(answer).toEqual({ status: 200, body: JSON.stringify(ANSWERS["/v1/agents"]![1]) });
    expect(received.at(-1)!.authorization).toBe(KEY);
    expect(await violationsOf("/v1/agents")).toBeUndefined();
    expect((await proxy.requests({ path: "/v1/agents" }))[0]).toMatchObject({ operation: "GET /agents" });
  });

  test("each off-spec answer is reported precisely", async () => {
    for (const path of Object.keys(ANSWERS)) await get(path);
    expect(await violationsOf(`/v1/agents/${ID}`)).toEqual(["response body.data.email is required"]);
    expect(await violationsOf("/v1/tags")).toEqual([
      'response body.data[0].state must be one of: Active, Inactive (got "Archived")',
    ]);
    expect(await violationsOf(`/v1/tags/${ID}`)).toEqual([
      "response body.data.name must be a string (got integer)",
    ]);
    const [status] = (await violationsOf("/v1/agents/presence"))!;
    expect(status).toMatch(/^response status 418 is not a documented response \(documented: 200, 400/);
    expect((await get("/v1/agents/presence")).status).toBe(418); // passed on as it came
  });

  test("response headers: a wrongly typed or out-of-range one is reported, on-spec and optional ones clean", async () => {
    for (const path of ["/v1/teams", "/v1/endusers", "/v1/queues", "/v1/templates"]) {
      const answer = await get(path);
      expect(answer.status).toBe(429); // passed on as it came
    }
    expect(await violationsOf("/v1/teams")).toBeUndefined();
    expect(await violationsOf("/v1/templates")).toBeUndefined(); // Retry-After is optional in the spec
    expect(await violationsOf("/v1/endusers")).toEqual([
      'response header.retry-after must be an integer (got "soon")',
    ]);
    expect(await violationsOf("/v1/queues")).toEqual([
      "response header.retry-after must be at least 0 (got -1)",
    ]);
    const report = proxy.drift.text();
    expect(report).toMatch(
      /✖ GET \/endusers → 429 \(\d+×\)\n {4}response header\.retry-after: must be an integer \(got "soon"\)/,
    );
    expect(report).toContain("✔ GET /teams → 429");
  });

  test("GET / is the proxy's own landing page, and its journal poll; neither reaches the upstream", async () => {
    const before = received.length;
    const page = await fetch(`${proxy.url}/`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<table class="journal" data-journal="dixa">');
    expect(html).toContain(upstreamUrl);
    const polled = (await (await fetch(`${proxy.url}/__cxkit/journal.json`)).json()) as Record<
      string,
      { path: string; violations?: unknown[] }[]
    >;
    expect(Object.keys(polled)).toEqual(["dixa"]);
    expect(polled.dixa!.some((e) => e.violations?.length)).toBe(true);
    expect(received.length).toBe(before);
  });

  test("a request that breaks the spec is forwarded, its violations noted", async () => {
    await get("/v1/agents?email=a@b.c&phone=%2B4512345678");
    const [entry] = await proxy.requests({ path: "/v1/agents" });
    expect(entry!.violations?.some((v) => v.side === "request" && /email|phone/.test(v.message))).toBe(true);
  });

  test("the drift report names operation, status, field and rule; no credential anywhere", async () => {
    const report = proxy.drift.text();
    expect(report).toMatch(/✖ GET \/agents → 200 \(\d+×\)\n {4}request: /); // the test above
    expect(report).not.toMatch(/response body\.data\[0\]\.(id|email|displayName)/);
    expect(report).toContain("✖ GET /tags → 200");
    expect(report).toContain(
      'response body.data[0].state: must be one of: Active, Inactive (got "Archived")',
    );
    expect(report).toContain("✖ GET /agents/presence → 418");
    const entries = await proxy.requests();
    expect(entries.every((e) => e.headers.authorization === REDACTED)).toBe(true);
    // The file is written asynchronously: wait until the newest entry is in it (a generous budget).
    const text = await waitFor(() => {
      const t = readFileSync(file, "utf8");
      return t.includes(`"seq":${entries[0]!.seq},`) && t;
    }, "journal file has the entries");
    for (const where of [JSON.stringify(entries), text, logs.join(""), report])
      expect(where).not.toContain(KEY);
    expect(logs.join("")).toContain("drift: GET /tags → 200");
  });
});

describe("response headers against a spec that requires and constrains more of them", {
  timeout: 30_000,
}, () => {
  // A copy of Dixa's bundled spec where Retry-After is required and a 429 also documents a cookie and a
  // token header: what the real spec does not (yet) say, to check the rules the proxy applies.
  let proxy: RunningProxy;
  const logs: string[] = [];
  beforeAll(async () => {
    const config = mockConfig("dixa");
    const doc = JSON.parse(readFileSync(bundledSpecPath(config), "utf8"));
    doc.components.headers.RetryAfter.required = true;
    doc.components.responses.TooManyRequests.headers = {
      ...doc.components.responses.TooManyRequests.headers,
      "Set-Cookie": { schema: { type: "string", pattern: "^session=" } },
      "X-Session-Token": { schema: { type: "string", minLength: 40 } },
    };
    const spec = join(mkdtempSync(join(tmpdir(), "cxkit-proxy-spec-")), "openapi.json");
    writeFileSync(spec, JSON.stringify(doc));
    const log = (line: string) => void logs.push(line);
    proxy = await startProxy({ ...config, spec }, { upstream: upstreamUrl, log });
  });
  afterAll(() => proxy?.close());
  const violationsOf = async (path: string) => {
    await (await fetch(`${proxy.url}${path}`, { headers: { authorization: KEY } })).text();
    return (await proxy.requests({ path }))[0]?.violations?.map((v) => `${v.side} ${v.field} ${v.message}`);
  };

  test("a missing required header is reported; present and valid, it is clean", async () => {
    expect(await violationsOf("/v1/templates")).toEqual(["response header.retry-after is required"]);
    expect(await violationsOf("/v1/teams")).toBeUndefined();
  });

  test("a credential-like header breaking its schema is named, its value never shown", async () => {
    expect(await violationsOf("/v1/contact-endpoints")).toEqual([
      "response header.set-cookie must match the pattern ^session=",
      "response header.x-session-token must have at least 40 characters",
    ]);
    const everywhere = JSON.stringify(await proxy.requests()) + logs.join("") + proxy.drift.text();
    for (const secret of [COOKIE, "cookie-secret-5f1c0a", TOKEN]) expect(everywhere).not.toContain(secret);
  });
});

describe("cxkit-mocks proxy", () => {
  let cli: ChildProcess | undefined;
  afterAll(async () => {
    if (cli && cli.exitCode === null && cli.signalCode === null) {
      cli.kill("SIGKILL");
      await once(cli, "exit");
    }
  });

  // Budget: a CLI start-up on a machine that may be busy.
  test("forwards, and prints the drift report on SIGTERM", { timeout: 60_000 }, async () => {
    const bin = join(import.meta.dirname, "../dist/cli.js");
    cli = spawn(process.execPath, [bin, "proxy", "dixa", "--upstream", upstreamUrl, "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    cli.stdout!.on("data", (c) => (out += c));
    cli.stderr!.on("data", (c) => (err += c));
    const url = await waitFor(() => /: (http:\/\/127\.0\.0\.1:\d+) →/.exec(out)?.[1], "the proxy's URL");
    for (const path of ["/v1/agents", "/v1/tags"])
      await (await fetch(`${url}${path}`, { headers: { authorization: KEY } })).text();
    cli.kill("SIGTERM");
    const [code] = await once(cli, "exit");
    expect(code, err).toBe(0);
    expect(out).toContain("Drift report: dixa spec against");
    expect(out).toMatch(/✖ GET \/tags → 200 \(1×\)\n {4}response body\.data\[0\]\.state: must be one of/);
    expect(out + err).not.toContain(KEY);
  });
});

test("the loopback guard lets exactly the configured upstream through", () => {
  const { isAllowed } = createRequire(import.meta.url)("../src/loopback-guard.cjs") as {
    isAllowed: (host: string, port: number) => boolean;
  };
  const before = process.env.CXKIT_ALLOWED_UPSTREAM;
  process.env.CXKIT_ALLOWED_UPSTREAM = "api.dixa.io:443";
  try {
    expect(isAllowed("api.dixa.io", 443)).toBe(true);
    expect(isAllowed("API.dixa.io", 443)).toBe(true);
    expect(isAllowed("api.dixa.io", 80)).toBe(false);
    expect(isAllowed("dev.dixa.io", 443)).toBe(false);
    expect(isAllowed("127.0.0.1", 9)).toBe(true);
  } finally {
    if (before === undefined) delete process.env.CXKIT_ALLOWED_UPSTREAM;
    else process.env.CXKIT_ALLOWED_UPSTREAM = before;
  }
});
