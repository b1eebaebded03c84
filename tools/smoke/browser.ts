// The browser smoke, for every vendor: a browser consumer of the client installed in a smoke project from
// its tarball, written from the registry (browserPlan: the bench's GET, and its POST broken in one
// place by the constraint-mutation suite), is bundled by esbuild for the browser, served with a page from
// a loopback HTTP server, and run in headless Chromium against the Prism mock. The page must show what
// the mock answers to the GET, and the client-side validation error must name the broken field, with no
// console error, no page error and no request to any host but 127.0.0.1. Reports the bundle's size.
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { launchChromium } from "../testing/chromium.ts";
import { constraintCases } from "../testing/mutations.ts";
import {
  benchCredentials,
  benchWireAuth,
  clientFactory,
  clientPackage,
  vendor as registryEntry,
} from "../vendors.ts";

const SECRET = "smoke-key";

/** What the page does and what it must show: the GET's URL and credentials, the field the POST breaks. */
interface Plan {
  source: string;
  /** The GET's path on the mock (its base path included). */
  getPath: string;
  headers: Record<string, string>;
  field: string;
}

/** The consumer (src/browser.ts of the smoke project, compiled strictly with the rest) and its checks. */
export async function browserPlan(vendor: string): Promise<Plan> {
  const { bench, basePaths } = registryEntry(vendor);
  const op = (await constraintCases(vendor)).find((c) => c.key === `POST ${bench.post.path}`);
  // A field inside the body if there is one (`body.lang`), else the body itself.
  const seen = op?.mutants.filter((m) => !m.unseen) ?? [];
  const mutant = seen.find((m) => m.field.startsWith("body.")) ?? seen.find((m) => m.field === "body");
  if (!mutant) throw new Error(`${vendor}: no body constraint of POST ${bench.post.path} to break`);
  const credentials = benchCredentials(bench, SECRET);
  const base = basePaths?.[0] ?? "";
  const source = `import { ${clientFactory(vendor)}, ValidationError } from "${clientPackage(vendor)}";

// Calls typed loosely: the same page serves every vendor (each client's types are checked by consumer.ts).
interface Loose {
  GET(path: string): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  POST(path: string, init: object): Promise<unknown>;
}
const out = document.getElementById("result")!;
try {
  const mock = new URLSearchParams(location.search).get("mock");
  if (!mock) throw new Error("no ?mock= URL");
  const options = { ...${JSON.stringify(credentials)}, baseUrl: mock + ${JSON.stringify(base)} };
  const client = ${clientFactory(vendor)}(options) as unknown as Loose;
  const { data, error, response } = await client.GET(${JSON.stringify(bench.get.path)});
  if (data === undefined) throw new Error(\`GET: \${response.status} \${JSON.stringify(error)}\`);
  let invalid: string[] = [];
  try {
    await client.POST(${JSON.stringify(bench.post.path)}, ${JSON.stringify(mutant.call)});
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    invalid = e.issues.map((issue) => issue.field);
  }
  out.textContent = JSON.stringify({ data, invalid });
  out.dataset.state = "ok";
} catch (e) {
  out.textContent = e instanceof Error ? \`\${e.name}: \${e.message}\` : String(e);
  out.dataset.state = "failed";
}
`;
  return {
    source,
    getPath: base + bench.get.url,
    headers: await benchWireAuth(vendor, bench, SECRET),
    field: mutant.field,
  };
}

/** Writes the consumer into the smoke project (before it is compiled); returns what to check. */
export async function writeBrowserConsumer(dir: string, vendor: string): Promise<Plan> {
  const plan = await browserPlan(vendor);
  writeFileSync(join(dir, "src/browser.ts"), plan.source);
  return plan;
}

export async function browserSmoke(dir: string, mockUrl: string, plan: Plan): Promise<string> {
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
    const answer = await fetch(mockUrl + plan.getPath, {
      headers: plan.headers,
      signal: AbortSignal.timeout(15_000),
    });
    const expected: unknown = await answer.json();
    const shown = JSON.parse(text) as { data: unknown; invalid: string[] };
    if (!answer.ok || JSON.stringify(shown.data) !== JSON.stringify(expected))
      throw new Error(`the page shows ${JSON.stringify(shown.data)}, the mock answered ${answer.status}`);
    if (!shown.invalid.includes(plan.field))
      throw new Error(`the validation error names ${JSON.stringify(shown.invalid)}, not "${plan.field}"`);
    const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
    return (
      `ok: esbuild bundle ${kB(bundle.length)} min, ${kB(gzipped)} min+gzip; Chromium showed the mock's ` +
      `answer to the GET and a validation error naming "${plan.field}"; no console error, no request off 127.0.0.1`
    );
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
