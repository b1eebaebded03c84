// Serves one vendor's spec with Prism behind a thin front on one port. The front is a pipeline:
// 1. guard (guard.ts): refuse what Prism cannot survive — malformed URLs, NUL bytes, deep JSON, bodies
//    over the size limit, absurd header/parameter counts, bad framing — in the vendor's error shape;
// 2. scenarios: latency and faults (429 + Retry-After, 503, reset) from a file, a header or /__cxkit/scenarios;
// 3. the spec's checks (client-core's engine, as the client and the MSW handlers run them): credentials,
//    media type, every request constraint and the vendor's rules, refused with the same messages;
// 4. Prism (prism.ts, supervised: restarted when it dies, 503 + Retry-After meanwhile) validates again and mocks;
// 5. state for flows Prism cannot keep (Chatsight's query job): MSW handlers answer once Prism accepted it;
// 6. the answer: a validation failure's body is the vendor's own error shape carrying Prism's messages
//    (Prism would answer with the spec's fixed error example and put the reasons only in `sl-violations`).
// Also version prefixes (`/v1`, `/beta`), optional trailing-slash tolerance, header/body/keep-alive
// timeouts, and `GET /__cxkit/health`. Prism runs with loopback-guard.cjs preloaded, so callbacks never
// leave 127.0.0.1.

import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { redactUrl } from "@cxkit/client-core";
import { createRequestGuard } from "@cxkit/client-core/server";
import { getResponse, matchRequestUrl, type RequestHandler } from "msw";
import {
  checkBody,
  checkHead,
  cleanAccept,
  DEFAULT_LIMITS,
  type Limits,
  printable,
  type Rejection,
} from "./guard.ts";
import { Journal, type JournalEntry, type JournalOptions, type Note, secretNamesOf } from "./journal.ts";
import { isJournalApi, journalApi } from "./journal-api.ts";
import { type BackendHealth, Prism, type RestartPolicy } from "./prism.ts";
import { fetchRequest, rawVendorError, sendJson, vendorError } from "./respond.ts";
import { type Fault, ScenarioBook } from "./scenarios.ts";
import { type MockConfig, vendorSpec } from "./vendors.ts";
import { filterEntries, type RequestFilter } from "./verify.ts";

export { freePort } from "./prism.ts";

const CONTROL = "/__cxkit/scenarios";
const HEALTH = "/__cxkit/health";

export interface Timeouts {
  /** The request line and headers must arrive within this (408 otherwise). */
  headersMs: number;
  /** The whole request, body included, must arrive within this (408 otherwise). */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** Prism must answer within this (504 otherwise). */
  upstreamMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  upstreamMs: 30_000,
};

export interface Health {
  vendor: string;
  /** "ok" when every backend is up, else the Prism backend's state. */
  status: "ok" | BackendHealth["state"];
  url: string;
  front: { pid: number; uptimeS: number };
  backends: BackendHealth[];
}

export interface RunningMock {
  config: MockConfig;
  url: string;
  /** The scenarios in force; change them here, over `PUT /__cxkit/scenarios`, or per request by header. */
  scenarios: ScenarioBook;
  /** What `GET /__cxkit/health` reports. */
  health(): Health;
  /** Every request received (credentials redacted), newest first; also `GET /__cxkit/requests`. */
  journal: Journal;
  /** The journal's entries `filter` selects, newest first. */
  requests(filter?: RequestFilter): Promise<JournalEntry[]>;
  /** Stops the front and Prism (SIGTERM, SIGKILL after 2 s); `clean` is false when SIGKILL was needed. */
  close(): Promise<{ clean: boolean }>;
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
  /** Size and count limits of the guard stage (guard.ts). */
  limits?: Partial<Limits>;
  timeouts?: Partial<Timeouts>;
  /** When Prism is given up on (default: 5 unbidden exits within 60 s). */
  restart?: Partial<RestartPolicy>;
  /** Called once when Prism crashed too often and is no longer restarted; the mock then answers 503. */
  onFatal?: (error: Error) => void;
  /**
   * `"spec"` (default): the front checks each request with the spec's engine before Prism, so the mock
   * refuses what the client refuses, with the same messages (and also what Prism cannot check:
   * multipart bodies, the vendor's rules). `"prism"`: Prism's own validation alone, to compare.
   */
  validate?: "spec" | "prism";
  /** The request journal (default: the last 1000 requests in memory); `false` or `size: 0` turns it off. */
  journal?: JournalOptions | false;
}

interface Context {
  config: MockConfig;
  prism: Prism;
  url: string;
  scenarios: ScenarioBook;
  handlers: RequestHandler[];
  /** The spec's checks (stage 3); none with `validate: "prism"`. */
  check?: (request: Request) => Promise<Response | undefined>;
  log: (line: string) => void;
  limits: Limits;
  timeouts: Timeouts;
  started: number;
  journal: Journal;
}

/** What each stage learnt about a request, for its journal entry. */
const notes = new WeakMap<IncomingMessage, Note>();
const note = (req: IncomingMessage): Note => notes.get(req) ?? {};

export async function startMock(given: MockConfig, options: StartMockOptions = {}): Promise<RunningMock> {
  const { spec, rules } = await vendorSpec(given.vendor);
  const config = { ...given, validationErrorBody: spec.vendor.errorBody };
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? ((line: string) => process.stderr.write(`[${config.vendor}] ${line}`));
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  // Listen on the public port first, so a port in use fails fast and clearly.
  const front = createFront(timeouts);
  await listen(front, options.port ?? config.port, host, config);
  const { port } = front.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const prism = new Prism(config, { ...options, log, onFatal: options.onFatal });
  const ctx: Context = {
    ...{ config, prism, url, log, timeouts, started: Date.now() },
    scenarios: options.scenarios ?? new ScenarioBook(),
    handlers: options.handlers?.(url) ?? [],
    ...(options.validate !== "prism" && { check: createRequestGuard(spec, url, rules) }),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    journal: new Journal(
      options.journal === false ? { size: 0 } : { vendor: config.vendor, ...options.journal },
      secretNamesOf(spec.vendor.securitySchemes),
    ),
  };
  front.on("request", (req, res) => onRequest(ctx, req, res, options.accessLog));
  front.on("clientError", (error, socket) => onClientError(ctx, error, socket));
  // `Expect: 100-continue` (curl's way with large bodies): a refused request is answered before its body.
  front.on("checkContinue", (req, res) => {
    journalRequest(ctx, req, res, performance.now()); // a refusal here is journaled too
    if (!guardHead(ctx, req, res)) res.writeContinue();
    if (!res.headersSent) onRequest(ctx, req, res, options.accessLog);
  });
  try {
    await prism.start();
  } catch (error) {
    front.close();
    throw new Error(`${config.title} mock: ${(error as Error).message}`);
  }
  const close = async () => {
    front.closeAllConnections();
    const closed = new Promise((resolve) => front.close(resolve));
    const clean = await prism.stop();
    await closed;
    await ctx.journal.close();
    return { clean };
  };
  const { journal } = ctx;
  const requests = async (filter: RequestFilter = {}) => filterEntries(journal.entries(), filter);
  return { config, url, scenarios: ctx.scenarios, health: () => health(ctx), close, journal, requests };
}

function createFront(timeouts: Timeouts): Server {
  const server = createServer({
    headersTimeout: timeouts.headersMs,
    requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs),
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: Math.min(500, timeouts.headersMs),
  });
  return server;
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

function onRequest(ctx: Context, req: IncomingMessage, res: ServerResponse, accessLog?: boolean) {
  req.on("error", () => {}); // a client that goes away mid-body: nothing to answer
  res.on("error", () => {});
  const started = performance.now();
  journalRequest(ctx, req, res, started);
  if (accessLog)
    res.once("finish", () =>
      ctx.log(
        `${req.method} ${shown(req)} → ${res.statusCode} (${(performance.now() - started).toFixed(1)} ms)\n`,
      ),
    );
  try {
    handle(ctx, req, res);
  } catch (error) {
    internalError(ctx, req, res, error);
  }
}

/** The target for a log line: printable, credentials in the query (`api_key=…`) redacted. */
const shown = (req: IncomingMessage) => printable(redactUrl(req.url ?? ""));

/** Records the request once its answer is out, or once the connection went without one; the mock's
 * own endpoints (/__cxkit/…) are not journaled. */
function journalRequest(ctx: Context, req: IncomingMessage, res: ServerResponse, started: number) {
  if (!ctx.journal.enabled || notes.has(req) || (req.url ?? "").startsWith("/__cxkit/")) return;
  const noted: Note = {};
  notes.set(req, noted);
  let done = false;
  const record = () => {
    if (done) return;
    done = true;
    const request = { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers };
    const status = res.writableFinished ? res.statusCode : null;
    ctx.journal.record(request, noted, status, performance.now() - started);
  };
  res.once("finish", record);
  res.once("close", record);
}

/** Malformed HTTP (bad framing, non-HTTP bytes, oversized headers) and header/body timeouts. */
function onClientError(ctx: Context, error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const status =
    error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const reason =
    status === 408
      ? "The request did not arrive in time (header or body timeout)"
      : `Malformed HTTP request: ${error.message.replace(/^Parse Error: /, "")}`;
  ctx.log(`rejected connection (${status}): ${reason}${error.code ? ` [${error.code}]` : ""}\n`);
  // An answer already under way would be corrupted by another: then only close.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (inFlight?.headersSent) return void socket.destroy();
  socket.end(rawVendorError(ctx.config, status, reason));
}

function handle(ctx: Context, req: IncomingMessage, res: ServerResponse) {
  const original = req.url ?? "/";
  if (guardHead(ctx, req, res)) return;
  if (original === HEALTH || original.startsWith(`${HEALTH}?`)) return sendHealth(ctx, req, res);
  if (original === CONTROL || original.startsWith(`${CONTROL}?`)) return control(ctx, req, res);
  if (isJournalApi(original)) return journalApi(ctx.journal, req, res, ctx.limits.maxBodyBytes);
  const path = routedPath(ctx.config, original);
  if (path === undefined)
    // Like the API: nothing is served outside its version prefixes.
    return reject(ctx, req, res, {
      status: 404,
      reason: `Not found: paths start with ${ctx.config.basePaths!.join(" or ")}`,
    });
  let fault: Fault | undefined;
  try {
    fault = ctx.scenarios.pick(
      ctx.config.vendor,
      req.method ?? "GET",
      original,
      req.headers["x-cxkit-scenario"],
    );
  } catch (error) {
    return reject(ctx, req, res, { status: 400, reason: (error as Error).message });
  }
  if (fault && Object.keys(fault).length) note(req).fault = fault;
  const go = () => {
    if (res.destroyed) return;
    if (fault?.reset) {
      ctx.log(`scenario: reset ${req.method} ${shown(req)}\n`);
      req.resume();
      return req.socket.destroy();
    }
    if (fault?.status) ctx.log(`scenario: ${fault.status} for ${req.method} ${shown(req)}\n`);
    receive(ctx, req, res, path, fault);
  };
  if (fault?.delayMs) setTimeout(go, fault.delayMs);
  else go();
}

/** The guard's first check, on the request line and headers; true when it answered (refused). */
function guardHead(ctx: Context, req: IncomingMessage, res: ServerResponse): boolean {
  const refused = checkHead(req.url ?? "/", req.headers, req.rawHeaders.length / 2, ctx.limits);
  if (refused) reject(ctx, req, res, refused);
  return refused !== undefined;
}

/** The path Prism serves (version prefix cut, trailing slash dropped if allowed); undefined outside the prefixes. */
export function routedPath(config: MockConfig, original: string): string | undefined {
  let path = original;
  if (config.stripTrailingSlash) path = path.replace(/(?<=.)\/(?=\?|$)/, "");
  if (!config.basePaths) return path;
  const base = config.basePaths.find(
    (b) => path === b || path.startsWith(`${b}/`) || path.startsWith(`${b}?`),
  );
  return base === undefined ? undefined : path.slice(base.length) || "/";
}

/** A 4xx the front answers itself, logged once. The unread rest of the body is discarded by Node. */
function reject(ctx: Context, req: IncomingMessage, res: ServerResponse, { status, reason }: Rejection) {
  ctx.log(`rejected ${req.method} ${shown(req)} (${status}): ${reason}\n`);
  note(req).refused = [reason];
  // A body too large to read, or one the client holds back for a 100 Continue, is not waited for.
  const close = !req.complete && (status === 413 || req.headers.expect);
  if (close && !req.headers.expect) linger(req.socket);
  sendJson(
    res,
    status,
    vendorError(ctx.config, [reason], status),
    undefined,
    close ? { connection: "close" } : {},
  );
}

/** Closing a socket with unread data makes the kernel reset the connection, and the client may lose the
 * answer with it: so after a 413, what the client still sends is read and dropped for up to 2 s. */
function linger(socket: Socket) {
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    setTimeout(() => this.destroy(), 2000).unref();
  };
}

function internalError(ctx: Context, req: IncomingMessage, res: ServerResponse, error: unknown) {
  note(req).refused = [`Mock front error: ${(error as Error).message}`];
  ctx.log(`front error on ${req.method} ${shown(req)}: ${(error as Error).stack ?? error}\n`);
  sendJson(res, 500, vendorError(ctx.config, [`Mock front error: ${(error as Error).message}`], 500));
}

/** Reads the body whole (bounded), checks it against the spec, then forwards it to Prism. */
function receive(ctx: Context, req: IncomingMessage, res: ServerResponse, path: string, fault?: Fault) {
  void readBody(req, ctx.limits.maxBodyBytes).then(async (body) => {
    if (body === "aborted") return;
    if (body !== "too large") note(req).body = body;
    if (body === "too large")
      return reject(ctx, req, res, {
        status: 413,
        reason: `Request body is larger than ${ctx.limits.maxBodyBytes} bytes`,
      });
    const refused = checkBody(body, req.headers["content-type"], ctx.limits) ?? checkJson(body, req);
    if (refused) return reject(ctx, req, res, refused);
    if (ctx.check && !fault?.status && (await specRefusal(ctx, req, res, path, body))) return;
    if (ctx.prism.port === undefined) return unavailable(ctx, req, res);
    forward(ctx, req, res, bracketKeysForPrism(path), fault, body);
  });
}

/** Bodies are small: read whole, so a malformed JSON body gets a clear 400 (Prism would never answer
 * it) and a stateful handler can see the body Prism validated. */
export function readBody(req: IncomingMessage, max: number): Promise<Buffer | "too large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off("data", onData).resume(); // the rest is discarded
      resolve("too large");
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("close", () => resolve("aborted")); // no-op once resolved
  });
}

/** Stage 3: the spec's verdict on the request (as routed, prefix removed); true when it refused it. */
async function specRefusal(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer,
) {
  const method = req.method ?? "GET";
  const request = fetchRequest(req, `${ctx.url}${path}`, body);
  const refusal = await ctx.check!(request);
  if (!refusal) return false;
  const text = await refusal.text();
  note(req).refused = messagesOf(text, refusal.status);
  ctx.log(`rejected ${method} ${shown(req)} (${refusal.status}): ${text}\n`);
  res.writeHead(refusal.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
  return true;
}

/** The messages of a refusal in the vendor's shape: its strings, the status text left out. */
export function messagesOf(text: string, status: number): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") v !== STATUS_CODES[status] && out.push(v);
    else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  try {
    walk(JSON.parse(text));
  } catch {
    out.push(text);
  }
  return out;
}

function checkJson(body: Buffer, req: IncomingMessage): Rejection | undefined {
  if (!body.length || !/\bjson\b/i.test(req.headers["content-type"] ?? "")) return undefined;
  try {
    JSON.parse(body.toString("utf8"));
    return undefined;
  } catch (error) {
    return { status: 400, reason: `Request body is not valid JSON: ${(error as Error).message}` };
  }
}

/** 503 while Prism restarts (Retry-After: 1), or for good once it has been given up on. */
function unavailable(ctx: Context, req: IncomingMessage, res: ServerResponse) {
  const failed = ctx.prism.state === "failed";
  const reason = failed
    ? "Mock backend (Prism) crashed repeatedly and is no longer restarted; restart the mock"
    : "Mock backend (Prism) is restarting; retry shortly";
  note(req).refused = [reason];
  ctx.log(`unavailable ${req.method} ${shown(req)} (503): ${reason}\n`);
  sendJson(res, 503, vendorError(ctx.config, [reason], 503), failed ? undefined : 1);
}

function forward(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  fault: Fault | undefined,
  body: Buffer,
  retried = false,
) {
  const headers = prismHeaders(req.headers, body, fault);
  const upstream = httpRequest(
    { host: "127.0.0.1", port: ctx.prism.port, method: req.method, path, headers },
    (prismRes) => {
      prismRes.on("error", () => res.destroy());
      answer(ctx, req, res, fault, body, prismRes).catch((error) => internalError(ctx, req, res, error));
    },
  );
  upstream.setTimeout(ctx.timeouts.upstreamMs, () => upstream.destroy(new UpstreamTimeout()));
  res.once("close", () => res.writableFinished || upstream.destroy()); // the client left: drop Prism's answer
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    if (res.destroyed) return;
    // A kept-alive connection Prism closed just as it was reused: send again once.
    if (upstream.reusedSocket && error.code === "ECONNRESET" && !retried)
      return forward(ctx, req, res, path, fault, body, true);
    if (error instanceof UpstreamTimeout)
      return sendJson(res, 504, vendorError(ctx.config, [error.message], 504));
    if (ctx.prism.port === undefined || /ECONNREFUSED|ECONNRESET|EPIPE/.test(error.code ?? ""))
      return unavailable(ctx, req, res);
    sendJson(res, 502, vendorError(ctx.config, [`Mock backend failed: ${error.message}`], 502));
  });
  upstream.end(body);
}

class UpstreamTimeout extends Error {
  constructor() {
    super("Mock backend (Prism) did not answer in time");
  }
}

// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection; they are not passed on to or from Prism.
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
];

export function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers };
  const named = String(headers.connection ?? "").split(",");
  for (const name of [...HOP_BY_HOP, ...named.map((n) => n.trim().toLowerCase())]) delete out[name];
  return out;
}

function prismHeaders(incoming: IncomingHttpHeaders, body: Buffer, fault: Fault | undefined) {
  const headers: IncomingHttpHeaders = { ...endToEnd(incoming), "content-length": String(body.length) };
  delete headers["x-cxkit-scenario"];
  delete headers.expect;
  if (headers.accept !== undefined) headers.accept = cleanAccept(headers.accept) || undefined;
  // Auth schemes are case-insensitive (RFC 9110 §11.1); Prism compares them case-sensitively.
  if (headers.authorization)
    headers.authorization = headers.authorization.replace(/^(bearer|basic) /i, canonicalScheme);
  // An injected status is asked of Prism, so the body is the operation's documented example for it.
  if (fault?.status) headers.prefer = `code=${fault.status}`;
  return headers;
}

const canonicalScheme = (scheme: string) => `${scheme[0]!.toUpperCase()}${scheme.slice(1).toLowerCase()}`;

async function answer(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  fault: Fault | undefined,
  body: Buffer,
  prismRes: IncomingMessage,
) {
  const { config } = ctx;
  const status = prismRes.statusCode ?? 502;
  const out = endToEnd(prismRes.headers);
  if (fault?.retryAfter !== undefined) out["retry-after"] = String(fault.retryAfter);
  if (fault?.status && status !== fault.status) {
    // The operation documents no such response: the vendor's error shape says what was injected.
    prismRes.resume();
    const injected = `Injected fault: ${fault.status} ${STATUS_CODES[fault.status] ?? ""}`.trim();
    return sendJson(res, fault.status, vendorError(config, [injected], fault.status), fault.retryAfter);
  }
  if (isRejection(config, status, prismRes)) return vendorShaped(ctx, req, res, status, prismRes, out);
  if (!fault?.status && status < 300 && isStateful(ctx, req.url ?? "/")) {
    const stateful = await statefulAnswer(ctx, req, body);
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

function isRejection(config: MockConfig, status: number, prismRes: IncomingMessage): boolean {
  const violations = prismRes.headers["sl-violations"];
  const problem = /^application\/problem\+json/.test(String(prismRes.headers["content-type"]));
  return (
    config.validationErrorBody !== undefined &&
    status >= 400 &&
    status < 500 &&
    (typeof violations === "string" || problem)
  );
}

/** Prism's reasons (its violations, or its own problem document for an unknown route or method) in the
 * vendor's error shape, with bracketed query names as the client wrote them. */
async function vendorShaped(
  ctx: Context,
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  prismRes: IncomingMessage,
  out: IncomingHttpHeaders,
) {
  const violations = prismRes.headers["sl-violations"];
  const text = await read(prismRes);
  const messages = (
    typeof violations === "string" ? violationMessages(violations) : [problemMessage(text)]
  ).map((m) => m.replace(/%(?:25)?5b/gi, "[").replace(/%(?:25)?5d/gi, "]"));
  ctx.log(`rejected ${req.method} ${shown(req)} (${status}): ${messages.join("; ")}\n`);
  note(req).refused = messages;
  sendJson(res, status, vendorError(ctx.config, messages, status), undefined, out);
}

/** Prism's violations, errors only. Past 8 KB it sends "Too many violations! " and the list cut short. */
function violationMessages(header: string): string[] {
  try {
    const violations = JSON.parse(header) as { message: string; severity?: string }[];
    return violations.filter((v) => v.severity !== "Warning").map((v) => v.message);
  } catch {
    const found = header.matchAll(/"severity":"(\w+)"[^{}]*?"message":("(?:[^"\\]|\\.)*")/g);
    const errors = [...found].filter(([, severity]) => severity !== "Warning");
    return [...errors.map(([, , message]) => JSON.parse(message!) as string), "… (Prism cut the list short)"];
  }
}

async function statefulAnswer(ctx: Context, req: IncomingMessage, body: Buffer) {
  const request = new Request(new URL(req.url ?? "/", ctx.url), {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([k, v]) =>
      v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
    ),
    body: body.length ? new Uint8Array(body) : undefined,
  });
  return getResponse(ctx.handlers, request).catch(() => undefined);
}

/** Whether a stateful handler's URL matches: a cheap test that spares every other request a `Request`. */
function isStateful(ctx: Context, original: string): boolean {
  if (ctx.handlers.length === 0 || !URL.canParse(original, ctx.url)) return false;
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

function health(ctx: Context): Health {
  const backend = ctx.prism.health();
  return {
    vendor: ctx.config.vendor,
    status: backend.state === "up" ? "ok" : backend.state,
    url: ctx.url,
    front: { pid: process.pid, uptimeS: Math.round((Date.now() - ctx.started) / 1000) },
    backends: [backend],
  };
}

/** `GET /__cxkit/health`: 200 when every backend is up, else 503 (with Retry-After while restarting). */
function sendHealth(ctx: Context, req: IncomingMessage, res: ServerResponse) {
  req.resume();
  const report = health(ctx);
  const retry = report.status === "restarting" || report.status === "starting" ? 1 : undefined;
  sendJson(res, report.status === "ok" ? 200 : 503, report, retry, { "cache-control": "no-store" });
}

/** `GET` shows the scenarios in force, `PUT` replaces them (JSON body, see scenarios.ts), `DELETE` clears them. */
function control(ctx: Context, req: IncomingMessage, res: ServerResponse) {
  void readBody(req, ctx.limits.maxBodyBytes).then((body) => {
    if (body === "aborted") return;
    try {
      if (body === "too large") throw new Error(`body larger than ${ctx.limits.maxBodyBytes} bytes`);
      if (req.method === "PUT" || req.method === "POST")
        ctx.scenarios.set(JSON.parse(body.toString() || "{}"));
      else if (req.method === "DELETE") ctx.scenarios.set({});
      else if (req.method !== "GET") return sendJson(res, 405, { message: "GET, PUT or DELETE" });
      sendJson(res, 200, ctx.scenarios.rules);
    } catch (error) {
      sendJson(res, 400, { message: (error as Error).message });
    }
  });
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
