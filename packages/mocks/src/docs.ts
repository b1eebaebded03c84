// The API reference server: a landing page listing every running mock with its URL, and each vendor's
// reference (rendered by Redocly build-docs from the same bundled spec Prism serves) at /<vendor>/.
// The landing page also shows each mock's recent requests, polled from /__cxkit/journal.json (journal-page.ts).
import { createReadStream, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { JOURNAL_JSON, journalJson, journalSection } from "./journal-page.ts";
import { bundledSpecPath } from "./response-check.ts";
import type { RunningMock } from "./server.ts";

/** What the pages need of a mock (a validating proxy has it too). */
export type Listed = Pick<RunningMock, "config" | "url" | "journal">;

export interface RunningDocs {
  url: string;
  close(): Promise<void>;
}

export interface Spec {
  info?: { version?: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: {
    securitySchemes?: Record<string, { type?: string; scheme?: string; in?: string; name?: string }>;
  };
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Headers with a placeholder credential in the vendor's own auth form, from the spec's first security scheme. */
export function sampleAuthHeaders(spec: Spec): Record<string, string> {
  const scheme = Object.values(spec.components?.securitySchemes ?? {})[0];
  if (scheme?.type === "http" && scheme.scheme === "basic")
    return { authorization: `Basic ${btoa("key-id:secret")}` };
  if (scheme?.type === "apiKey" && scheme.in === "header" && scheme.name) return { [scheme.name]: "any-key" };
  return { authorization: "Bearer any-key" };
}

/** A curl line that the mock accepts, with the vendor's own auth header form. */
function tryCommand(mock: Listed, spec: Spec): string {
  const headers = sampleAuthHeaders(spec);
  const auth = headers.authorization?.startsWith("Basic ")
    ? "-u key-id:secret "
    : Object.entries(headers)
        .map(([name, value]) => `-H '${name}: ${value}' `)
        .join("");
  return `curl ${auth}${mock.url}${mock.config.tryPath ?? "/"}`;
}

export function docsPage(mocks: Listed[]): string {
  const rows = mocks.map((mock) => {
    const spec = JSON.parse(readFileSync(bundledSpecPath(mock.config), "utf8")) as Spec;
    const operations = Object.values(spec.paths ?? {}).reduce(
      (n, item) => n + Object.keys(item).filter((m) => METHODS.has(m)).length,
      0,
    );
    const v = mock.config.vendor;
    return `<tr data-vendor="${v}">
  <td><a href="/${v}/">${escapeHtml(mock.config.title)}</a></td>
  <td><a href="${mock.url}${mock.config.tryPath ?? "/"}"><code>${mock.url}</code></a></td>
  <td>${operations}</td>
  <td>${escapeHtml(spec.info?.version ?? "")}</td>
  <td><a href="/${v}/openapi.json">openapi.json</a></td>
  <td><code>${escapeHtml(tryCommand(mock, spec))}</code></td>
</tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cxkit mocks</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem}p{color:#4a5468}table{border-collapse:collapse;width:100%;margin-top:1rem}
th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid #e3e6ec;vertical-align:top}th{background:#f5f7fa}
code{font:13px ui-monospace,monospace;background:#f5f7fa;padding:.1rem .3rem;border-radius:3px}a{color:#2b59c3}
</style></head><body>
<h1>cxkit mock servers</h1>
<p>Each mock is Prism serving the vendor's OpenAPI document with request validation on: a request that breaks the
spec gets a 4xx naming the problem, in the vendor's own error shape. Pick a documented response with
<code>Prefer: code=429</code> or <code>Prefer: example=&lt;name&gt;</code>; inject latency and faults with
<code>X-Cxkit-Scenario: status=503; delayMs=200</code> or <code>PUT /__cxkit/scenarios</code>.</p>
<table class="mocks"><thead><tr><th>vendor (API reference)</th><th>mock URL</th><th>operations</th><th>spec version</th><th>spec</th><th>try it</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
${journalSection(mocks)}
</body></html>
`;
}

/** Serves the landing page at / and, per vendor, its reference at /<vendor>/ and its spec at /<vendor>/openapi.json. */
export async function startDocs(mocks: Listed[], port: number, host = "127.0.0.1"): Promise<RunningDocs> {
  const landing = docsPage(mocks);
  const byVendor = new Map(mocks.map((m) => [m.config.vendor, m.config]));
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/favicon.ico") {
      res.writeHead(204);
      return res.end();
    }
    if (path === JOURNAL_JSON) return journalJson(mocks, res);
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(landing);
    }
    const [, vendor = "", file = ""] = path.split("/");
    const config = byVendor.get(vendor);
    if (config && file === "" && !path.endsWith("/")) {
      res.writeHead(301, { location: `/${vendor}/` });
      return res.end();
    }
    const target = !config
      ? undefined
      : file === ""
        ? config.reference
        : file === "openapi.json"
          ? bundledSpecPath(config)
          : undefined;
    if (!target) {
      res.writeHead(404, { "content-type": "text/plain" });
      return res.end("Not found. The landing page is at /\n");
    }
    res.writeHead(200, {
      "content-type": target.endsWith(".html") ? "text/html; charset=utf-8" : "application/json",
    });
    createReadStream(target)
      .on("error", () => res.end())
      .pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} (API reference) is already in use. Choose another: --docs-port <port>`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
