// The API reference as a person sees it: the built CLI serves every mock and the reference pages, and
// headless Chromium (Debian's, driven by playwright-core) loads the landing page and each vendor's
// reference without console errors or any request leaving 127.0.0.1, and finds an operation by search.
// The landing page's live journal shows requests as they come (refused ones and a proxy's violations
// highlighted), and a credential sent to a mock is in no page, journal, journal file or log line; a
// validating proxy serves that live journal at its own / too, and a violation appears on it as it happens.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium } from "../../../tools/testing/chromium.ts";
import { startDocs } from "../src/docs.ts";
import { startProxy } from "../src/proxy.ts";
import { mockConfig, mockConfigs } from "../src/vendors.ts";
import { waitFor } from "./support.ts";

const vendors = mockConfigs();
let cli: ChildProcess;
let browser: Browser;
let docsUrl = "";
const mockUrls = new Map<string, string>();
const journalFile = join(mkdtempSync(join(tmpdir(), "cxkit-browser-")), "journal.jsonl");
let cliLog = "";

beforeAll(async () => {
  // Port 0 everywhere, so the test never collides with a running `npm start`.
  const env: NodeJS.ProcessEnv = { ...process.env, CXKIT_DOCS_PORT: "0" };
  for (const v of vendors) env[`CXKIT_${v.vendor.toUpperCase()}_PORT`] = "0";
  cli = spawn(
    process.execPath,
    [join(import.meta.dirname, "../dist/cli.js"), "all", "--journal", journalFile],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env,
    },
  );
  cli.stderr!.on("data", (chunk) => {
    cliLog += chunk;
    process.stderr.write(chunk);
  });
  let text = "";
  for await (const chunk of cli.stdout!) {
    text += chunk;
    if (text.includes("Press Ctrl-C")) break;
  }
  docsUrl = /with a curl line each: (http:\/\/127\.0\.0\.1:\d+)\//.exec(text)![1]!;
  for (const v of vendors)
    mockUrls.set(v.vendor, new RegExp(`${v.title}\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(text)![1]!);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (cli && cli.exitCode === null) {
    cli.kill("SIGTERM");
    await once(cli, "exit");
  }
});

/** A page that records console errors, page errors and any request to a host other than 127.0.0.1. */
async function open(url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.route("**/*", (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1") return route.continue();
    problems.push(`request left loopback: ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}

test("the landing page lists every vendor with its mock URL and reference link", async () => {
  const { page, problems } = await open(`${docsUrl}/`);
  const rows = page.locator("table.mocks tbody tr");
  expect(await rows.count()).toBe(vendors.length);
  for (const v of vendors) {
    const row = page.locator(`tr[data-vendor="${v.vendor}"]`);
    expect(await row.locator("td").first().textContent()).toBe(v.title);
    expect(await row.textContent()).toContain(mockUrls.get(v.vendor));
    expect(await row.locator("a").first().getAttribute("href")).toBe(`/${v.vendor}/`);
  }
  await page.screenshot({ path: join(import.meta.dirname, "../../../.cxkit/landing.png"), fullPage: true });
  expect(problems).toEqual([]);
  await page.close();
});

describe("each vendor's API reference", () => {
  test.each(vendors.map((v) => [v.title, v] as const))(
    "%s loads and an operation can be found",
    async (_, v) => {
      const spec = (await (await fetch(`${docsUrl}/${v.vendor}/openapi.json`)).json()) as {
        info: { title: string };
        paths: Record<string, Record<string, { summary?: string }>>;
      };
      const summary = Object.values(spec.paths)
        .flatMap((item) => Object.values(item))
        .map((op) => op.summary)
        .find((s): s is string => typeof s === "string" && s.length > 3)!;
      const { page, problems } = await open(`${docsUrl}/${v.vendor}/`);
      const title = page.locator("h1").first();
      await title.waitFor({ timeout: 30_000 });
      expect(await title.textContent()).toContain(spec.info.title);
      // The search box reads "Loading..." until Redoc has indexed the spec; then Ctrl+K opens it (a
      // "Search" tag may be on the page too, so the shortcut is the unambiguous way in).
      await page.getByText("Loading...").waitFor({ state: "detached", timeout: 30_000 });
      await page.keyboard.press("Control+K");
      await page.getByPlaceholder("Search docs...").fill(summary);
      const hit = page.getByText(summary, { exact: true }).last();
      await hit.waitFor({ timeout: 10_000 });
      expect(await hit.isVisible()).toBe(true);
      expect(problems).toEqual([]);
      await page.close();
    },
    60_000,
  );
});

describe("the landing page's live journal", () => {
  const KEY = "qm-browser-key-93d1e7";

  test("shows requests as they come, refused ones highlighted, no credential anywhere", {
    timeout: 60_000,
  }, async () => {
    const qemotion = mockUrls.get("qemotion")!;
    await (await fetch(`${qemotion}/projects`, { headers: { authorization: `Bearer ${KEY}` } })).text();
    await (await fetch(`${qemotion}/projects`, { headers: { "x-api-key": KEY } })).text(); // refused: 401
    const { page, problems } = await open(`${docsUrl}/`);
    const table = page.locator('table[data-journal="qemotion"]');
    // Budgets: the page polls once a second; a busy machine may take longer.
    await table.locator("tr.refused").first().waitFor({ timeout: 30_000 });
    await (
      await fetch(`${qemotion}/projects?live=1`, { headers: { authorization: `Bearer ${KEY}` } })
    ).text();
    await table.getByText("GET /projects?live=1").waitFor({ timeout: 30_000 });
    expect(await table.locator("tr.refused").first().textContent()).toContain("401");
    expect(await page.content()).not.toContain(KEY);
    const journal = await (await fetch(`${qemotion}/__cxkit/requests`)).text();
    expect(journal).toContain("live");
    expect(journal).not.toContain(KEY);
    const file = await waitFor(() => {
      const text = readFileSync(journalFile, "utf8");
      return text.includes("live=1") || text.includes('"live":"1"') ? text : undefined;
    }, "the journal file has the last request");
    expect(file).not.toContain(KEY);
    expect(cliLog).toContain("rejected GET /projects (401)");
    expect(cliLog).not.toContain(KEY);
    expect(problems).toEqual([]);
    await page.close();
  });

  test("a validating proxy's violations are highlighted", { timeout: 60_000 }, async () => {
    const upstream = createServer((req, res) => {
      if (req.url === "/v1/teams")
        return res
          .writeHead(429, { "content-type": "application/json", "retry-after": "soon" })
          .end('{"message":"Rate limit exceeded"}');
      res.writeHead(200, { "content-type": "application/json" }).end('{"data":[{"id":"x"}]}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const proxy = await startProxy(mockConfig("dixa"), { upstream: upstreamUrl, log: () => {} });
    const docs = await startDocs([proxy], 0);
    try {
      await (await fetch(`${proxy.url}/v1/tags`, { headers: { authorization: "k" } })).text();
      const { page, problems } = await open(`${docs.url}/`);
      const row = page.locator('table[data-journal="dixa"] tr.violation').first();
      await row.waitFor({ timeout: 30_000 }); // the page polls once a second
      expect(await row.textContent()).toContain("response body.data[0].name: is required");
      expect(problems).toEqual([]);
      await page.close();
      // The proxy's own landing page: the same live journal, for the vendor it proxies; a violation that
      // happens while it is open appears, highlighted.
      const own = await open(`${proxy.url}/`);
      const table = own.page.locator('table[data-journal="dixa"]');
      await table.locator("tr.violation").first().waitFor({ timeout: 30_000 });
      await (await fetch(`${proxy.url}/v1/teams`, { headers: { authorization: "k" } })).text();
      const header = table.locator("tr.violation", { hasText: "GET /v1/teams" });
      await header.waitFor({ timeout: 30_000 }); // polled once a second
      expect(await header.textContent()).toContain(
        'response header.retry-after: must be an integer (got "soon")',
      );
      expect(await header.textContent()).toContain("429");
      expect(own.problems).toEqual([]);
      await own.page.close();
    } finally {
      await docs.close();
      await proxy.close();
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
