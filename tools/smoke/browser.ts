// The browser smoke: src/browser.ts of a smoke project (tools/smoke/browser/<vendor>.ts, a consumer of the
// client installed there from its tarball) is bundled by esbuild for the browser, served with a page from
// a loopback HTTP server, and run in headless Chromium against the Prism mock. The page must write the
// mock's projects and the client-side validation error's field into the DOM, with no console error, no
// page error and no request to any host but 127.0.0.1. Reports the bundle's size, minified and gzipped.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { launchChromium } from "../testing/chromium.ts";

export async function browserSmoke(dir: string, mockUrl: string): Promise<string> {
  // Resolved from the smoke project's node_modules only: the entry point lives there, outside the repo.
  const bundled = await build({
    entryPoints: [join(dir, "src/browser.ts")],
    absWorkingDir: dir,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  const bundle = bundled.outputFiles[0]!.contents;
  const gzipped = gzipSync(bundle, { level: 9 }).length;

  const page = `<!doctype html><html><head><meta charset="utf-8"><title>cxkit smoke</title>
<link rel="icon" href="data:,"></head><body><pre id="result"></pre>
<script type="module" src="/bundle.js"></script></body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (path === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    else if (path === "/bundle.js")
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(bundle);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const problems: string[] = [];
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      problems.push(`request off loopback: ${url.href}`);
      return route.abort();
    });
    const tab = await context.newPage();
    tab.setDefaultTimeout(30_000);
    tab.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    tab.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    await tab.goto(`${pageUrl}?mock=${encodeURIComponent(mockUrl)}`);
    const result = tab.locator("#result[data-state]");
    await result.waitFor();
    const state = await result.getAttribute("data-state");
    const text = (await result.textContent()) ?? "";
    if (state !== "ok") throw new Error(`the page failed: ${text}`);
    if (problems.length) throw new Error(problems.join("\n"));

    // What the page shows must be what the mock answers.
    const expected = (
      (await (
        await fetch(`${mockUrl}/projects`, {
          headers: { authorization: "Bearer smoke-key" },
          signal: AbortSignal.timeout(15_000),
        })
      ).json()) as { name: string }[]
    ).map((p) => p.name);
    const shown = JSON.parse(text) as { projects: string[]; invalid?: string };
    if (expected.length === 0 || JSON.stringify(shown.projects) !== JSON.stringify(expected))
      throw new Error(`the page shows projects ${JSON.stringify(shown.projects)}, the mock ${expected}`);
    if (shown.invalid !== "body.lang")
      throw new Error(`the validation error names "${shown.invalid}", not "body.lang"`);
    const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
    return (
      `ok: esbuild bundle ${kB(bundle.length)} min, ${kB(gzipped)} min+gzip; Chromium showed ` +
      `${JSON.stringify(shown.projects)} from GET /projects and a validation error naming "body.lang"; ` +
      "no console error, no request off 127.0.0.1"
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
