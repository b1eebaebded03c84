// Serves a vendor's spec with Prism behind a thin front on one port.
// Prism does the mocking and request validation (`--errors`). The front adds what Prism lacks:
// - a validation failure's body is the vendor's own error shape carrying Prism's messages (Prism would
//   answer with the spec's fixed error example and put the reasons only in its `sl-violations` header);
// - optional trailing-slash tolerance, for vendors whose docs write paths both ways.
// Prism runs with tools/loopback-guard.cjs preloaded, so callbacks never leave 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  STATUS_CODES,
} from "node:http";
import { createRequire } from "node:module";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "..");
const require = createRequire(import.meta.url);

export interface MockConfig {
  vendor: string;
  title: string;
  port: number;
  spec: string;
  /** A path worth trying first, printed by `npm start`. */
  tryPath?: string;
  stripTrailingSlash?: boolean;
  /** Version prefixes the API is served under (e.g. Dixa's `/v1` and `/beta`); the spec's paths omit them. */
  basePaths?: string[];
  validationErrorBody?: unknown;
}

export interface RunningMock {
  config: MockConfig;
  url: string;
  close(): Promise<void>;
}

export interface StartMockOptions {
  /** Port of the front; 0 picks a free one. Defaults to the vendor's fixed port. */
  port?: number;
  host?: string;
  /** Prism's log level; `error` keeps it fast (its info logging costs ~2.5× throughput). */
  logLevel?: "error" | "warn" | "info" | "debug";
  dynamic?: boolean;
  /** Where Prism's output goes; defaults to this process's stderr. */
  log?: (line: string) => void;
}

export function mockConfigs(): MockConfig[] {
  const dir = join(repoRoot, "mocks");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      try {
        return [JSON.parse(readFileSync(join(dir, entry.name, "mock.json"), "utf8")) as MockConfig];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.port - b.port);
}

export function mockConfig(vendor: string): MockConfig {
  const config = mockConfigs().find((c) => c.vendor === vendor);
  if (!config) throw new Error(`no mocks/${vendor}/mock.json`);
  return config;
}

export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startMock(vendor: string, options: StartMockOptions = {}): Promise<RunningMock> {
  const config = mockConfig(vendor);
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => process.stderr.write(`[${vendor}] ${line}`));

  // Listen on the public port first, so a port in use fails fast and clearly.
  const front = createServer();
  await listen(front, options.port ?? config.port, host, config);
  const prismPort = await freePort();
  const prism = spawnPrism(config, prismPort, options);
  // Start-up chatter (and the readiness probes' "no path matched") is kept back unless start-up fails.
  const startup: string[] = [];
  let ready = false;
  const onOutput = (chunk: Buffer) => (ready ? log(chunk.toString()) : startup.push(chunk.toString()));
  prism.stdout?.on("data", onOutput);
  prism.stderr?.on("data", onOutput);
  front.on("request", (req, res) => forward(config, prismPort, req, res));
  try {
    await waitUntilUp(prismPort, prism);
    ready = true;
  } catch (error) {
    front.close();
    prism.kill();
    throw new Error(`${config.title} mock: ${(error as Error).message}\n${startup.join("")}`);
  }
  const { port } = front.address() as AddressInfo;
  return {
    config,
    url: `http://${host}:${port}`,
    close: async () => {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      if (prism.exitCode === null) {
        const exited = new Promise((resolve) => prism.once("exit", resolve));
        prism.kill("SIGTERM");
        await exited;
      }
    },
  };
}

function listen(server: Server, port: number, host: string, config: MockConfig) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} (${config.title} mock) is already in use. Stop whatever holds it, or choose ` +
                `another port: CXKIT_${config.vendor.toUpperCase()}_PORT=<port> npm start`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
}

function spawnPrism(config: MockConfig, port: number, options: StartMockOptions): ChildProcess {
  const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const args = ["--require", join(repoRoot, "tools/loopback-guard.cjs"), prismBin, "mock"];
  args.push(
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--errors",
    "--verboseLevel",
    options.logLevel ?? "error",
  );
  if (options.dynamic) args.push("--dynamic");
  args.push(join(repoRoot, config.spec));
  // Prism 5.16 needs Node ≥ 24.18: run it on the same (project-pinned) Node as this process.
  return spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SCARF_ANALYTICS: "false" },
  });
}

async function waitUntilUp(port: number, prism: ChildProcess) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (prism.exitCode !== null)
      throw new Error(`Prism exited with code ${prism.exitCode} before it was ready`);
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error("Prism did not answer within 30 s");
}

function forward(
  config: MockConfig,
  prismPort: number,
  req: IncomingMessage,
  res: import("node:http").ServerResponse,
) {
  let path = req.url ?? "/";
  if (config.stripTrailingSlash) path = path.replace(/(?<=.)\/(?=\?|$)/, "");
  const base = config.basePaths?.find(
    (b) => path === b || path.startsWith(`${b}/`) || path.startsWith(`${b}?`),
  );
  if (base) path = path.slice(base.length) || "/";
  else if (config.basePaths) {
    // Like the API: nothing is served outside its version prefixes.
    const body = JSON.stringify(
      fill(
        config.validationErrorBody ?? { message: "$message" },
        [`Not found: paths start with ${config.basePaths.join(" or ")}`],
        404,
      ),
    );
    res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
    req.resume();
    return;
  }
  path = bracketKeysForPrism(path);
  const upstream = httpRequest(
    { host: "127.0.0.1", port: prismPort, method: req.method, path, headers: req.headers },
    (prismRes) => {
      const violations = prismRes.headers["sl-violations"];
      const status = prismRes.statusCode ?? 502;
      if (
        config.validationErrorBody === undefined ||
        typeof violations !== "string" ||
        status < 400 ||
        status >= 500
      ) {
        res.writeHead(status, prismRes.headers);
        prismRes.pipe(res);
        return;
      }
      prismRes.resume();
      const messages = (JSON.parse(violations) as { message: string; severity?: string }[])
        .filter((v) => v.severity !== "Warning")
        .map((v) => v.message);
      const body = JSON.stringify(fill(config.validationErrorBody, messages, status));
      const headers = {
        ...prismRes.headers,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      };
      delete headers["transfer-encoding"];
      res.writeHead(status, headers);
      res.end(body);
    },
  );
  upstream.on("error", (error) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `mock backend failed: ${error.message}` }));
  });
  req.pipe(upstream);
}

/**
 * Prism 5.16 stores query parameter names URI-encoded (`filter[x]` as `filter%5Bx%5D`) and compares
 * them with decoded request keys, so bracketed names (JSON:API `filter[...]`, `page[number]`) never
 * match. Sending the brackets encoded twice makes its decoded key equal its stored name.
 */
export function bracketKeysForPrism(path: string): string {
  const q = path.indexOf("?");
  if (q < 0 || !/[[\]]|%5[bd]/i.test(path.slice(q))) return path;
  const query = path
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const encoded = key.replace(/\[|%5b/gi, "%255B").replace(/\]|%5d/gi, "%255D");
      return eq < 0 ? encoded : encoded + pair.slice(eq);
    });
  return `${path.slice(0, q)}?${query.join("&")}`;
}

/**
 * Replaces "$messages" with the list, "$message" with the messages joined, "$status" with the HTTP
 * status and "$statusText" with its reason phrase.
 */
function fill(template: unknown, messages: string[], status: number): unknown {
  if (template === "$messages") return messages;
  if (template === "$message") return messages.join("; ");
  if (template === "$status") return status;
  if (template === "$statusText") return STATUS_CODES[status] ?? "Error";
  if (Array.isArray(template)) return template.map((t) => fill(t, messages, status));
  if (template && typeof template === "object")
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, messages, status)]));
  return template;
}
