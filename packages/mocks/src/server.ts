// Serves one vendor's spec with Prism behind a thin front on one port.
// Prism does the mocking and request validation (`--errors`). The front adds what Prism lacks:
// - a validation failure's body is the vendor's own error shape carrying Prism's messages (Prism would
//   answer with the spec's fixed error example and put the reasons only in its `sl-violations` header);
// - version prefixes (`/v1`, `/beta`) and optional trailing-slash tolerance;
// - scenarios: latency and faults (429 + Retry-After, 503, reset) from a file, a header or /__cxkit/scenarios;
// - state for flows Prism cannot keep (Chatsight's query job): MSW handlers answer once Prism accepted the request.
// Prism runs with loopback-guard.cjs preloaded, so callbacks never leave 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import { createRequire } from "node:module";
import { type AddressInfo, connect } from "node:net";
import { join } from "node:path";
import { getResponse, matchRequestUrl, type RequestHandler } from "msw";
import { type Fault, ScenarioBook } from "./scenarios.ts";
import type { MockConfig } from "./vendors.ts";

const require = createRequire(import.meta.url);
const CONTROL = "/__cxkit/scenarios";

export interface RunningMock {
  config: MockConfig;
  url: string;
  /** The scenarios in force; change them here, over `PUT /__cxkit/scenarios`, or per request by header. */
  scenarios: ScenarioBook;
  close(): Promise<void>;
}

export interface StartMockOptions {
  /** Port of the front; 0 picks a free one. Defaults to the vendor's fixed port. */
  port?: number;
  host?: string;
  /** Prism's log level; `error` keeps it fast (its info logging costs ~2.5× throughput). */
  logLevel?: "error" | "warn" | "info" | "debug";
  /** Log every request the front answers (method, path, status, time) through `log`. */
  accessLog?: boolean;
  /** Prism generates responses from the schemas instead of serving the examples. */
  dynamic?: boolean;
  /** With `dynamic`: the same seed gives the same responses. */
  seed?: string;
  /** Where Prism's output and the front's notes go; defaults to this process's stderr. */
  log?: (line: string) => void;
  /** Scenarios in force from the start (see scenarios.ts). */
  scenarios?: ScenarioBook;
  /** MSW handlers that answer, statefully, the requests they match once Prism has validated them. */
  handlers?: (baseUrl: string) => RequestHandler[];
}

export async function startMock(config: MockConfig, options: StartMockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => process.stderr.write(`[${config.vendor}] ${line}`));
  const scenarios = options.scenarios ?? new ScenarioBook();

  // Listen on the public port first, so a port in use fails fast and clearly.
  const front = createServer();
  await listen(front, options.port ?? config.port, host, config);
  const { port } = front.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const prismPort = await freePort();
  const prism = spawnPrism(config, prismPort, options);
  // Start-up chatter is kept back unless start-up fails.
  const startup: string[] = [];
  let ready = false;
  const onOutput = (chunk: Buffer) => (ready ? log(chunk.toString()) : startup.push(chunk.toString()));
  prism.stdout?.on("data", onOutput);
  prism.stderr?.on("data", onOutput);
  const handlers = options.handlers?.(url) ?? [];
  front.on("request", (req, res) => {
    const started = performance.now();
    if (options.accessLog)
      res.once("finish", () =>
        log(
          `${req.method} ${req.url} → ${res.statusCode} (${(performance.now() - started).toFixed(1)} ms)\n`,
        ),
      );
    handle({ config, prismPort, url, scenarios, handlers, log }, req, res);
  });
  try {
    await waitUntilListening(prismPort, prism);
    ready = true;
  } catch (error) {
    front.close();
    prism.kill();
    throw new Error(`${config.title} mock: ${(error as Error).message}\n${startup.join("")}`);
  }
  return {
    config,
    url,
    scenarios,
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

export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listen(server: Server, port: number, host: string, config: MockConfig) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} (${config.title} mock) is already in use. Stop whatever holds it, or choose another ` +
                `port: CXKIT_${config.vendor.toUpperCase()}_PORT=<port> npm start, or cxkit-mocks ${config.vendor} --port <port>`,
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
}

function spawnPrism(config: MockConfig, port: number, options: StartMockOptions): ChildProcess {
  const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const args = ["--require", join(import.meta.dirname, "loopback-guard.cjs"), prismBin, "mock"];
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
  if (options.seed !== undefined) args.push("--seed", options.seed);
  args.push(config.spec);
  // Prism 5.16 needs Node ≥ 24.18: run it on the same Node as this process.
  return spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SCARF_ANALYTICS: "false" },
  });
}

/** Waits until Prism accepts connections; a TCP probe, since any HTTP probe would be logged as an error. */
async function waitUntilListening(port: number, prism: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (prism.exitCode !== null)
      throw new Error(`Prism exited with code ${prism.exitCode} before it was ready`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => resolve(true)).once("error", () => resolve(false));
      socket.unref();
      setTimeout(() => socket.destroy(), 1000).unref();
    }).catch(() => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("Prism did not listen within 60 s");
}

interface Context {
  config: MockConfig;
  prismPort: number;
  url: string;
  scenarios: ScenarioBook;
  handlers: RequestHandler[];
  log: (line: string) => void;
}

function handle(ctx: Context, req: IncomingMessage, res: ServerResponse) {
  const { config } = ctx;
  const original = req.url ?? "/";
  if (original === CONTROL || original.startsWith(`${CONTROL}?`)) return control(ctx, req, res);

  let path = original;
  if (config.stripTrailingSlash) path = path.replace(/(?<=.)\/(?=\?|$)/, "");
  const base = config.basePaths?.find(
    (b) => path === b || path.startsWith(`${b}/`) || path.startsWith(`${b}?`),
  );
  if (base) path = path.slice(base.length) || "/";
  else if (config.basePaths) {
    req.resume();
    // Like the API: nothing is served outside its version prefixes.
    return sendJson(
      res,
      404,
      vendorError(config, [`Not found: paths start with ${config.basePaths.join(" or ")}`], 404),
    );
  }

  let fault: Fault | undefined;
  try {
    fault = ctx.scenarios.pick(config.vendor, req.method ?? "GET", original, req.headers["x-cxkit-scenario"]);
  } catch (error) {
    req.resume();
    return sendJson(res, 400, vendorError(config, [(error as Error).message], 400));
  }
  const go = () => {
    if (fault?.reset) {
      ctx.log(`scenario: reset ${req.method} ${original}\n`);
      req.resume();
      return req.socket.destroy();
    }
    if (fault?.status) ctx.log(`scenario: ${fault.status} for ${req.method} ${original}\n`);
    forward(ctx, req, res, bracketKeysForPrism(path), original, fault);
  };
  if (fault?.delayMs) setTimeout(go, fault.delayMs);
  else go();
}

function forward(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  original: string,
  fault: Fault | undefined,
) {
  const { config } = ctx;
  // Bodies are small: read whole, so a malformed JSON body gets a clear 400 (Prism would never answer
  // it) and a stateful handler can see the body Prism validated.
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (body.length && /\bjson\b/i.test(req.headers["content-type"] ?? "")) {
      try {
        JSON.parse(body.toString("utf8"));
      } catch (error) {
        const reason = `Request body is not valid JSON: ${(error as Error).message}`;
        ctx.log(`rejected ${req.method} ${original} (400): ${reason}\n`);
        return sendJson(res, 400, vendorError(config, [reason], 400));
      }
    }
    const headers: IncomingHttpHeaders = { ...req.headers, "content-length": String(body.length) };
    delete headers["x-cxkit-scenario"];
    delete headers["transfer-encoding"];
    // Auth schemes are case-insensitive (RFC 9110 §11.1); Prism compares them case-sensitively.
    if (headers.authorization)
      headers.authorization = headers.authorization.replace(/^(bearer|basic) /i, canonicalScheme);
    // An injected status is asked of Prism, so the body is the operation's documented example for it.
    if (fault?.status) headers.prefer = `code=${fault.status}`;
    const upstream = httpRequest(
      { host: "127.0.0.1", port: ctx.prismPort, method: req.method, path, headers },
      (prismRes) => void answer(ctx, req, res, original, fault, body, prismRes),
    );
    upstream.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: `mock backend failed: ${error.message}` }));
    });
    upstream.end(body);
  });
}

const canonicalScheme = (scheme: string) => `${scheme[0]!.toUpperCase()}${scheme.slice(1).toLowerCase()}`;

async function answer(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  original: string,
  fault: Fault | undefined,
  body: Buffer,
  prismRes: IncomingMessage,
) {
  const { config } = ctx;
  const status = prismRes.statusCode ?? 502;
  const out = { ...prismRes.headers };
  if (fault?.retryAfter !== undefined) out["retry-after"] = String(fault.retryAfter);
  if (fault?.status && status !== fault.status) {
    // The operation documents no such response: the vendor's error shape says what was injected.
    prismRes.resume();
    const injected = `Injected fault: ${fault.status} ${STATUS_CODES[fault.status] ?? ""}`.trim();
    return sendJson(res, fault.status, vendorError(config, [injected], fault.status), fault.retryAfter);
  }
  const violations = prismRes.headers["sl-violations"];
  const problem = /^application\/problem\+json/.test(String(prismRes.headers["content-type"]));
  if (
    config.validationErrorBody !== undefined &&
    status >= 400 &&
    status < 500 &&
    (typeof violations === "string" || problem)
  ) {
    // Prism's reasons (its violations, or its own problem document for an unknown route or method) in
    // the vendor's error shape, with bracketed query names as the client wrote them.
    const text = await read(prismRes);
    const messages = (
      typeof violations === "string"
        ? violationMessages(violations)
        : [problemMessage(text)]
    ).map((m) => m.replace(/%(?:25)?5b/gi, "[").replace(/%(?:25)?5d/gi, "]"));
    ctx.log(`rejected ${req.method} ${original} (${status}): ${messages.join("; ")}\n`);
    return sendJson(res, status, vendorError(config, messages, status), undefined, out);
  }
  if (!fault?.status && status < 300 && isStateful(ctx, original)) {
    const stateful = await getResponse(
      ctx.handlers,
      new Request(new URL(original, ctx.url), {
        method: req.method,
        headers: Object.entries(req.headers).flatMap(([k, v]) =>
          v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
        ),
        body: body.length ? new Uint8Array(body) : undefined,
      }),
    ).catch(() => undefined);
    if (stateful) {
      prismRes.resume();
      const payload = Buffer.from(await stateful.arrayBuffer());
      res.writeHead(stateful.status, {
        ...Object.fromEntries(stateful.headers),
        "content-length": payload.length,
      });
      return res.end(payload);
    }
  }
  res.writeHead(status, out);
  prismRes.pipe(res);
}

/** Prism's `sl-violations` header: a JSON list, or plain text when there are too many to list. */
function violationMessages(header: string): string[] {
  try {
    return (JSON.parse(header) as { message: string; severity?: string }[])
      .filter((v) => v.severity !== "Warning")
      .map((v) => v.message);
  } catch {
    return [header];
  }
}

/** Whether a stateful handler's URL matches: a cheap test that spares every other request a `Request`. */
function isStateful(ctx: Context, original: string): boolean {
  if (ctx.handlers.length === 0) return false;
  const url = new URL(original, ctx.url);
  return ctx.handlers.some((h) => matchRequestUrl(url, String((h.info as { path?: unknown }).path)).matches);
}

async function read(stream: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

function problemMessage(text: string): string {
  try {
    const problem = JSON.parse(text) as { title?: string; detail?: string };
    return problem.detail || problem.title || text;
  } catch {
    return text;
  }
}

/** `GET` shows the scenarios in force, `PUT` replaces them (JSON body, see scenarios.ts), `DELETE` clears them. */
function control(ctx: Context, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    try {
      if (req.method === "PUT" || req.method === "POST")
        ctx.scenarios.set(JSON.parse(Buffer.concat(chunks).toString() || "{}"));
      else if (req.method === "DELETE") ctx.scenarios.set({});
      else if (req.method !== "GET") return sendJson(res, 405, { message: "GET, PUT or DELETE" });
      sendJson(res, 200, ctx.scenarios.rules);
    } catch (error) {
      sendJson(res, 400, { message: (error as Error).message });
    }
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  retryAfter?: number,
  base: IncomingHttpHeaders = {},
) {
  const body = JSON.stringify(value);
  const headers: IncomingHttpHeaders = {
    ...base,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
  };
  delete headers["transfer-encoding"];
  delete headers["sl-violations"];
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  res.writeHead(status, headers);
  res.end(body);
}

function vendorError(config: MockConfig, messages: string[], status: number) {
  return fill(config.validationErrorBody ?? { message: "$message" }, messages, status);
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
 * status (a number; "$statusString" as a string) and "$statusText" with its reason phrase.
 */
function fill(template: unknown, messages: string[], status: number): unknown {
  if (template === "$messages") return messages;
  if (template === "$message") return messages.join("; ");
  if (template === "$status") return status;
  if (template === "$statusString") return String(status);
  if (template === "$statusText") return STATUS_CODES[status] ?? "Error";
  if (Array.isArray(template)) return template.map((t) => fill(t, messages, status));
  if (template && typeof template === "object")
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, messages, status)]));
  return template;
}
