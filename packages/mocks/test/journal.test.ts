// The request journal and verification on a running mock (Chatsight: its credential header,
// x-chatsight-api-auth, is named only by the spec's security scheme): what is recorded, the filters and
// paging of GET /__cxkit/requests, DELETE, the ring buffer, the JSON Lines file, verification with a diff,
// and a credential that appears nowhere (journal, file, logs).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { expectRequest, type JournalEntry, REDACTED, type RunningMock, startMock } from "../src/index.ts";
import { mockConfig } from "../src/vendors.ts";
import { exchange, waitFor } from "./support.ts";

// Budgets, not vitest's defaults: a Prism start-up and its answers on a machine that may be busy.
const STARTUP = 120_000;
const KEY = "cs-journal-key-4f9a1c";

describe("the request journal", { timeout: 30_000 }, () => {
  let mock: RunningMock;
  const logs: string[] = [];
  const file = join(mkdtempSync(join(tmpdir(), "cxkit-journal-")), "requests.jsonl");
  const auth = { "x-chatsight-api-auth": KEY };
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${mock.url}/text/moderation?trace=1`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
  const list = async (query = "") =>
    (await (await fetch(`${mock.url}/__cxkit/requests${query}`)).json()) as {
      total: number;
      requests: JournalEntry[];
    };

  beforeAll(async () => {
    const log = (line: string) => void logs.push(line);
    mock = await startMock(mockConfig("chatsight"), {
      port: 0,
      log,
      journal: { size: 5, file },
      limits: { maxBodyBytes: 65_536 },
    });
  }, STARTUP);
  afterAll(() => mock?.close());
  beforeEach(async () => {
    await fetch(`${mock.url}/__cxkit/requests`, { method: "DELETE" });
  });

  test("records each request as sent, credentials redacted, with its answer", async () => {
    expect((await post({ sample: "Hello World!" })).status).toBe(200);
    const refused = await post({ sample: 42 });
    expect(refused.status).toBe(422);
    await (
      await fetch(`${mock.url}/stats/moderation`, { headers: { ...auth, "x-cxkit-scenario": "status=503" } })
    ).text();
    const { total, requests } = await list();
    expect(total).toBe(3);
    const [faulted, bad, good] = requests as [JournalEntry, JournalEntry, JournalEntry];
    expect(good).toMatchObject({
      method: "POST",
      path: "/text/moderation",
      query: { trace: "1" },
      status: 200,
    });
    expect(good.body).toEqual({ sample: "Hello World!" });
    expect(good.headers["x-chatsight-api-auth"]).toBe(REDACTED);
    expect(bad.status).toBe(422);
    expect(bad.refused?.join(" ")).toMatch(/sample/);
    expect(faulted).toMatchObject({ status: 503, fault: { status: 503 } });
    expect(good.seq).toBeLessThan(faulted.seq);
  });

  test("a body refused before it is sent (Expect: 100-continue, 413) is journaled too", async () => {
    const port = Number(new URL(mock.url).port);
    const head = `POST /text/moderation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n`;
    expect((await exchange(port, [head])).status).toBe(413);
    const [entry] = (await list()).requests;
    expect(entry).toMatchObject({ method: "POST", path: "/text/moderation", status: 413 });
    expect(entry!.refused?.[0]).toMatch(/100000 bytes/);
  });

  test("filters, pages and clears", async () => {
    for (const sample of ["a", "b"]) await (await post({ sample })).text();
    await (await fetch(`${mock.url}/stats/moderation`, { headers: auth })).text();
    expect((await list("?method=post")).total).toBe(2);
    expect((await list("?path=/stats/*")).total).toBe(1);
    expect((await list("?status=2xx")).total).toBe(3);
    expect((await list(`?since=${Date.now() + 60_000}`)).total).toBe(0);
    const page = await list("?limit=1&offset=1");
    expect(page.requests.map((r) => r.body)).toEqual([{ sample: "b" }]);
    await fetch(`${mock.url}/__cxkit/requests`, { method: "DELETE" });
    expect((await list()).total).toBe(0);
  });

  test("keeps only the newest `size` requests", async () => {
    for (let i = 0; i < 8; i++) await (await post({ sample: `n${i}` })).text();
    const { requests } = await list();
    expect(requests.map((r) => (r.body as { sample: string }).sample)).toEqual([
      "n7",
      "n6",
      "n5",
      "n4",
      "n3",
    ]);
  });

  test("verifies, programmatically and over HTTP, with the closest request's diff", async () => {
    await (await post({ sample: "Ada" })).text();
    await expectRequest(
      mock,
      { method: "POST", path: "/text/moderation", body: { sample: "Ada" } },
      { times: 1 },
    );
    await expectRequest(
      mock.url,
      { method: "POST", query: { trace: 1 }, body: { sample: "Ada" } },
      { times: 1 },
    );
    const failed = expectRequest(mock.url, {
      method: "POST",
      path: "/text/moderation",
      body: { sample: "Bob" },
    });
    await expect(failed).rejects.toThrow(/got 0[\s\S]*body\.sample: expected "Bob", got "Ada"/);
    const res = await fetch(`${mock.url}/__cxkit/verify`, { method: "POST", body: '{"method":"GET"}' });
    expect(res.status).toBe(409);
  });

  test("the credential appears in no entry, line of the file or log line", async () => {
    await (await post({ sample: 42 }, { authorization: `Bearer ${KEY}`, "x-api-key": KEY })).text();
    await (await fetch(`${mock.url}/stats/moderation?api_key=${KEY}`, { headers: auth })).text();
    const { requests } = await list();
    expect(requests).toHaveLength(2);
    expect(requests[1]!.headers.authorization).toBe(REDACTED);
    expect(requests[0]!.query.api_key).toBe(REDACTED);
    expect(JSON.stringify(requests)).not.toContain(KEY);
    // The file is written asynchronously: wait until both entries are in it (a generous budget).
    const lines = await waitFor(() => {
      const text = readFileSync(file, "utf8");
      return text.includes(`"seq":${requests[0]!.seq},`) && text;
    }, "journal file has the entries");
    expect(lines).not.toContain(KEY);
    expect(logs.join("")).toContain("rejected POST");
    expect(logs.join("")).not.toContain(KEY);
  });
});
