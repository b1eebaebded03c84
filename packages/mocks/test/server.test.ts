// The mock front: scenarios (header, control endpoint, file), the stateful Chatsight job behind Prism's
// validation, a clear error for a port in use, and the CLI's start/stop lifecycle.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChatsightClient, runCommunityQuery, toUtcDateTime } from "@cxkit/client-chatsight";
import { createQemotionClient } from "@cxkit/client-qemotion";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { parseHeader, type RunningMock, ScenarioBook, startMock } from "../src/index.ts";
import { statefulHandlers } from "../src/stateful.ts";
import { mockConfig } from "../src/vendors.ts";

const quiet = { port: 0, log: () => {} };

describe("ScenarioBook", () => {
  test("rules fire by match, count and period; the header wins", () => {
    const book = new ScenarioBook({
      dixa: [
        { match: "GET /v1/agents*", status: 429, retryAfter: 1, every: 2 },
        { match: "/v1/tags", status: 503, times: 1 },
      ],
      "*": [{ delayMs: 5 }],
    });
    const pick = (method: string, url: string, header?: string) => book.pick("dixa", method, url, header);
    expect(pick("GET", "/v1/agents?pageLimit=1")).toEqual({ delayMs: 5 });
    expect(pick("GET", "/v1/agents/42")).toEqual({ status: 429, retryAfter: 1 });
    expect(pick("POST", "/v1/agents")).toEqual({ delayMs: 5 });
    expect(pick("DELETE", "/v1/tags")).toEqual({ status: 503 });
    expect(pick("DELETE", "/v1/tags")).toEqual({ delayMs: 5 });
    expect(pick("GET", "/v1/agents", "reset")).toEqual({ reset: true });
    expect(book.pick("qemotion", "GET", "/projects")).toEqual({ delayMs: 5 });
  });

  test("a bad document or header is refused, naming what is wrong", () => {
    expect(() => new ScenarioBook({ dixa: {} } as never)).toThrow("scenarios.dixa: expected a list of rules");
    expect(() => new ScenarioBook({ dixa: [{ status: 42 }] })).toThrow("scenarios.dixa[0].status");
    expect(() => new ScenarioBook({ dixa: [{ delay: 5 }] } as never)).toThrow('unknown setting "delay"');
    expect(() => parseHeader("status=abc")).toThrow("X-Cxkit-Scenario.status: expected a number");
    expect(() => parseHeader("teapot=1")).toThrow('unknown setting "teapot"');
  });
});

// Budgets, not vitest's defaults: a Prism start-up and its answers on a machine that may be busy.
const STARTUP = 120_000;

describe("scenarios on a running mock", { timeout: 30_000 }, () => {
  let mock: RunningMock;
  const auth = { authorization: "Bearer qm-key" };
  beforeAll(async () => {
    mock = await startMock(mockConfig("qemotion"), quiet);
  }, STARTUP);
  afterAll(() => mock?.close());
  beforeEach(() => mock.scenarios.set({}));

  test("a header asks for a documented status: its example body, with Retry-After", async () => {
    const res = await fetch(`${mock.url}/projects`, {
      headers: { ...auth, "x-cxkit-scenario": "status=429; retryAfter=3" },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    const body = (await res.json()) as { errors: unknown[] };
    expect(body.errors.length).toBeGreaterThan(0);
  });

  test("a status the operation does not document comes in the vendor's error shape", async () => {
    const res = await fetch(`${mock.url}/projects`, {
      headers: { ...auth, "x-cxkit-scenario": "status=418" },
    });
    expect(res.status).toBe(418);
    expect(await res.json()).toEqual({ errors: ["Injected fault: 418 I'm a Teapot"] });
  });

  test("a bad header is a 400 naming the setting", async () => {
    const res = await fetch(`${mock.url}/projects`, {
      headers: { ...auth, "x-cxkit-scenario": "sttaus=503" },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('unknown setting \\"sttaus\\"');
  });

  test("PUT /__cxkit/scenarios switches faults on at run time; the client retries through them", async () => {
    const put = await fetch(`${mock.url}/__cxkit/scenarios`, {
      method: "PUT",
      body: JSON.stringify({ qemotion: [{ match: "GET /projects", status: 503, times: 2 }] }),
    });
    expect(put.status).toBe(200);
    const attempts: number[] = [];
    const client = createQemotionClient({
      apiKey: "qm-key",
      baseUrl: mock.url,
      retryDelayMs: 1,
      rateLimit: false,
    });
    client.use({ onResponse: ({ response }) => void attempts.push(response.status) });
    const { data, response } = await client.GET("/projects");
    expect(response.status).toBe(200);
    expect(Array.isArray(data)).toBe(true);
    expect(attempts).toEqual([503, 503, 200]);
    expect(await (await fetch(`${mock.url}/__cxkit/scenarios`, { method: "DELETE" })).json()).toEqual({});
  });

  test("a bad document over PUT is refused and the previous scenarios stay", async () => {
    mock.scenarios.set({ qemotion: [{ delayMs: 1 }] });
    const put = await fetch(`${mock.url}/__cxkit/scenarios`, {
      method: "PUT",
      body: '{"qemotion":[{"status":"x"}]}',
    });
    expect(put.status).toBe(400);
    expect(((await put.json()) as { message: string }).message).toContain("scenarios.qemotion[0].status");
    expect(mock.scenarios.rules).toEqual({ qemotion: [{ delayMs: 1 }] });
  });

  test("reset drops the connection; delay holds the answer back", async () => {
    await expect(
      fetch(`${mock.url}/projects`, { headers: { ...auth, "x-cxkit-scenario": "reset" } }),
    ).rejects.toThrow();
    mock.scenarios.set({ "*": [{ match: "GET /projects", delayMs: 300 }] });
    const controller = new AbortController();
    const pending = fetch(`${mock.url}/projects`, { headers: auth, signal: controller.signal });
    const raced = await Promise.race([
      pending.then(() => "answered"),
      new Promise((r) => setTimeout(r, 50, "held")),
    ]);
    expect(raced).toBe("held");
    expect((await pending).status).toBe(200);
  });

  test("a malformed JSON body, an unknown route: clear reasons in the vendor's error shape", async () => {
    const bad = await fetch(`${mock.url}/projects/1/verbatims`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: '{"text": "unterminated',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: string[] }).errors[0]).toMatch(/^Request body is not valid JSON/);
    const unknown = await fetch(`${mock.url}/no/such/route`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: string[] }).errors).toHaveLength(1);
  });

  test("a request breaking hundreds of rules gets every reason, from the spec's engine", async () => {
    const res = await fetch(`${mock.url}/projects/1/verbatims/bulk`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify(Array.from({ length: 300 }, () => ({}))),
    });
    expect([400, 422]).toContain(res.status);
    const { errors } = (await res.json()) as { errors: string[] };
    expect(errors).toHaveLength(300 * 4);
    expect(errors[0]).toBe("body[0].text is required");
    expect(errors.at(-1)).toBe("body[299].configuration_id is required");
  });

  test(
    "Prism alone (validate: prism): a list it cuts short still gets the reasons",
    async () => {
      const prism = await startMock(mockConfig("qemotion"), { ...quiet, validate: "prism" });
      try {
        const res = await fetch(`${prism.url}/projects/1/verbatims/bulk`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify(Array.from({ length: 300 }, () => ({}))),
        });
        const { errors } = (await res.json()) as { errors: string[] };
        expect(errors[0]).toMatch(/required property/);
        expect(errors.at(-1)).toBe("… (Prism cut the list short)");
      } finally {
        await prism.close();
      }
    },
    STARTUP,
  );

  test("the auth scheme is case-insensitive, as HTTP says", async () => {
    expect(
      (await fetch(`${mock.url}/projects`, { headers: { authorization: "bearer qm-key" } })).status,
    ).toBe(200);
    expect((await fetch(`${mock.url}/projects`)).status).toBe(401);
  });

  test("validation still applies: a request breaking the spec gets the vendor's error", async () => {
    const res = await fetch(`${mock.url}/projects/1/verbatims`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ text: "x", lang: "de", creation_date: "2023-02-17", configuration_id: 1 }),
    });
    expect([400, 422]).toContain(res.status);
    expect(JSON.stringify(await res.json())).toMatch(/lang/);
  });
});

describe("stateful Chatsight job behind Prism", { timeout: 30_000 }, () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock(mockConfig("chatsight"), { ...quiet, handlers: statefulHandlers.chatsight });
  }, STARTUP);
  afterAll(() => mock?.close());

  test("runCommunityQuery sees the job move from In Progress to Finished and gets typed rows", async () => {
    const client = createChatsightClient({ apiKey: "cs-key", baseUrl: mock.url, rateLimit: false });
    const seen: string[] = [];
    const now = Date.now();
    const { job, rows } = await runCommunityQuery(
      client,
      {
        timefrom: toUtcDateTime(new Date(now - 3600_000)),
        timeto: toUtcDateTime(new Date(now)),
        maxresults: 10,
        metric: "sentiment",
      },
      { pollIntervalMs: 1, onStatus: (j) => void seen.push(j.status) },
    );
    expect(seen).toEqual(["In Progress"]); // onStatus reports the states before the final one
    expect(job.status).toBe("Finished");
    expect(rows.length).toBeGreaterThan(0);
    expect(typeof rows[0]?.SENTIMENT).toBe("number");
  });

  test("an unknown job is 404 like an expired one; invalid requests are still Prism's to refuse", async () => {
    const headers = { "x-chatsight-api-auth": "cs-key", "content-type": "application/json" };
    const unknown = await fetch(`${mock.url}/insights/community/query/nosuchjob?view=status`, { headers });
    expect(unknown.status).toBe(404);
    const invalid = await fetch(`${mock.url}/insights/community/query`, {
      method: "POST",
      headers,
      body: JSON.stringify({ timefrom: "yesterday", timeto: "now", maxresults: 9000, metric: "sentiment" }),
    });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { response: string }).response).toMatch(/maxresults|timefrom/);
  });
});

test("a port in use is named, with how to choose another", { timeout: 30_000 }, async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const { port } = blocker.address() as AddressInfo;
  try {
    await expect(startMock(mockConfig("qemotion"), { ...quiet, port })).rejects.toThrow(
      `Port ${port} (Q°emotion mock) is already in use`,
    );
    await expect(startMock(mockConfig("qemotion"), { ...quiet, port })).rejects.toThrow(
      "CXKIT_QEMOTION_PORT=<port>",
    );
  } finally {
    blocker.close();
  }
});

describe("cxkit-mocks CLI (built)", () => {
  const cli = join(import.meta.dirname, "../dist/cli.js");
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const start = (args: string[]) => {
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env },
    });
    children.push(child);
    return child;
  };
  const output = async (child: ChildProcess, until: RegExp) => {
    let text = "";
    for await (const chunk of child.stdout!) {
      text += chunk;
      if (until.test(text)) break;
    }
    return text;
  };

  // Starts a Prism and renders nothing, but a start-up on a busy machine can take seconds: an explicit
  // budget instead of vitest's 5 s default. Q°emotion is the cheapest Prism to start.
  test("serves a vendor from its bundled spec, applies a scenarios file, and SIGTERM stops it all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cxkit-mocks-"));
    const file = join(dir, "scenarios.json");
    writeFileSync(
      file,
      JSON.stringify({ qemotion: [{ match: "GET /projects/1", status: 429, retryAfter: 7 }] }),
    );
    const child = start(["qemotion", "--port", "0", "--docs-port", "0", "--scenarios", file]);
    const text = await output(child, /Press Ctrl-C/);
    const url = /Q°emotion\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    const docs = /All of them, with a curl line each: (http:\/\/127\.0\.0\.1:\d+)\//.exec(text)?.[1];
    expect(url).toBeDefined();
    const headers = { authorization: "Bearer qm-key" };
    const projects = await fetch(`${url}/projects`, { headers });
    expect(projects.status).toBe(200);
    const project = await fetch(`${url}/projects/1`, { headers });
    expect([project.status, project.headers.get("retry-after")]).toEqual([429, "7"]);
    const landing = await (await fetch(`${docs}/`)).text();
    expect(landing).toContain(url);
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(`${url}/projects`)).rejects.toThrow();
  }, 60_000);

  test("an unknown vendor or a bad flag exits 2 with the usage", async () => {
    const child = start(["nosuchvendor"]);
    let err = "";
    child.stderr!.on("data", (c) => (err += c));
    const [code] = await once(child, "exit");
    expect(code).toBe(2);
    expect(err).toContain("no mock named nosuchvendor");
    expect(err).toContain("Usage: cxkit-mocks");
  }, 30_000);
});
