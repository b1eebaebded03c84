// The validating proxy: forwards every request, unchanged (credentials included), to the upstream (the real
// API) and checks both sides against the spec — the request with the spec's engine (as the mock front
// does, but it is forwarded even when it breaks the spec), the answer with response-check.ts — recording
// each violation in the journal and in the drift report (drift.ts). The answer goes back byte for byte.
// Hostile input is still refused by the guard stage (guard.ts) and never reaches the upstream.
// `GET /` with a browser's Accept is the proxy's own landing page: its journal, live (journal-page.ts).

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { createRequestGuard, matchOperation } from "@cxkit/client-core/server";
import { DriftReport } from "./drift.ts";
import { checkBody, checkHead, DEFAULT_LIMITS, type Limits } from "./guard.ts";
import {
  Journal,
  type JournalEntry,
  type JournalOptions,
  type Note,
  secretNamesOf,
  type Violation,
} from "./journal.ts";
import { isJournalApi, journalApi } from "./journal-api.ts";
import { JOURNAL_JSON, journalJson, proxyPage } from "./journal-page.ts";
import { fetchRequest, sendJson, vendorError } from "./respond.ts";
import { responseChecker } from "./response-check.ts";
import { endToEnd, messagesOf, readBody, routedPath } from "./server.ts";
import { type MockConfig, vendorSpec } from "./vendors.ts";
import { filterEntries, type RequestFilter } from "./verify.ts";

export interface ProxyOptions {
  /** The API to forward to, e.g. `https://dev.dixa.io` (its path, if any, is prepended). */
  upstream: string;
  port?: number;
  host?: string;
  log?: (line: string) => void;
  /** The journal (default: 1000 entries in memory); it is never off in a proxy. */
  journal?: JournalOptions;
  limits?: Partial<Limits>;
  /** The upstream must answer within this (504 otherwise). Default 30 s. */
  upstreamMs?: number;
}

export interface RunningProxy {
  config: MockConfig;
  url: string;
  upstream: URL;
  journal: Journal;
  drift: DriftReport;
  requests(filter?: RequestFilter): Promise<JournalEntry[]>;
  close(): Promise<void>;
}

interface Ctx {
  config: MockConfig;
  url: string;
  upstream: URL;
  journal: Journal;
  limits: Limits;
  upstreamMs: number;
  check: (request: Request) => Promise<Response | undefined>;
  match: (method: string, path: string) => string | undefined;
  checkResponse: ReturnType<typeof responseChecker>;
  /** The landing page, rendered once. */
  page: string;
  /** Whether the spec has an operation at `GET /` (then `/` is the API's, forwarded like any path). */
  apiAtRoot: boolean;
}

export async function startProxy(given: MockConfig, options: ProxyOptions): Promise<RunningProxy> {
  const { spec, rules } = await vendorSpec(given.vendor);
  const config = { ...given, validationErrorBody: spec.vendor.errorBody };
  const upstream = new URL(options.upstream);
  if (!/^https?:$/.test(upstream.protocol))
    throw new Error(`--upstream must be an http(s) URL, not ${options.upstream}`);
  const log = options.log ?? ((line: string) => process.stderr.write(`[${config.vendor} proxy] ${line}`));
  const size = Math.max(1, options.journal?.size ?? 1000);
  const journal = new Journal(
    { vendor: config.vendor, ...options.journal, size },
    secretNamesOf(spec.vendor.securitySchemes),
  );
  const drift = new DriftReport(config.vendor, upstream.origin);
  journal.subscribe((entry) => drift.add(entry, log));
  const server = createServer();
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) =>
    server.once("error", reject).listen(options.port ?? 0, host, resolve),
  );
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  const ctx: Ctx = {
    ...{ config, url, upstream, journal, upstreamMs: options.upstreamMs ?? 30_000 },
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    check: createRequestGuard(spec, url, rules),
    match: (method, path) => matchOperation(spec, method, path)?.key,
    checkResponse: responseChecker(config, (name) => journal.isSecret(name)),
    page: "",
    apiAtRoot: routedPath(config, "/") === "/" && matchOperation(spec, "GET", "/") !== undefined,
  };
  ctx.page = proxyPage({ config, url, journal }, upstream.origin);
  server.on("request", (req, res) => onRequest(ctx, req, res));
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await journal.close();
  };
  const requests = async (filter: RequestFilter = {}) => filterEntries(journal.entries(), filter);
  return { config, url, upstream, journal, drift, requests, close };
}

function onRequest(ctx: Ctx, req: IncomingMessage, res: ServerResponse) {
  req.on("error", () => {});
  res.on("error", () => {});
  const original = req.url ?? "/";
  if (isJournalApi(original)) return journalApi(ctx.journal, req, res, ctx.limits.maxBodyBytes);
  if (isPage(ctx, req)) return servePage(ctx, req, res);
  const note: Note = {};
  const started = performance.now();
  let recorded = false;
  const record = () => {
    if (recorded) return;
    recorded = true;
    const request = { method: req.method ?? "GET", url: original, headers: req.headers };
    ctx.journal.record(
      request,
      note,
      res.writableFinished ? res.statusCode : null,
      performance.now() - started,
    );
  };
  res.once("finish", record).once("close", record);
  const refused = checkHead(original, req.headers, req.rawHeaders.length / 2, ctx.limits);
  if (refused) return refuse(ctx, res, note, refused.status, refused.reason);
  void receive(ctx, req, res, note).catch((error: Error) =>
    refuse(ctx, res, note, 502, `Proxy error: ${error.message}`),
  );
}

/** The landing page (`GET /`, unless the spec has an operation there) and the journal it polls. */
function isPage(ctx: Ctx, req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = (req.url ?? "/").split("?")[0];
  return path === JOURNAL_JSON || (path === "/" && !ctx.apiAtRoot);
}

function servePage(ctx: Ctx, req: IncomingMessage, res: ServerResponse) {
  req.resume();
  const listed = { config: ctx.config, url: ctx.url, journal: ctx.journal };
  if ((req.url ?? "/").startsWith(JOURNAL_JSON)) return journalJson([listed], res);
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : ctx.page);
}

function refuse(ctx: Ctx, res: ServerResponse, note: Note, status: number, reason: string) {
  note.refused = [reason];
  sendJson(res, status, vendorError(ctx.config, [reason], status));
}

async function receive(ctx: Ctx, req: IncomingMessage, res: ServerResponse, note: Note) {
  const body = await readBody(req, ctx.limits.maxBodyBytes);
  if (body === "aborted") return;
  if (body === "too large")
    return refuse(ctx, res, note, 413, `Request body is larger than ${ctx.limits.maxBodyBytes} bytes`);
  note.body = body;
  const refused = checkBody(body, req.headers["content-type"], ctx.limits);
  if (refused) return refuse(ctx, res, note, refused.status, refused.reason);
  const path = routedPath(ctx.config, req.url ?? "/");
  const method = req.method ?? "GET";
  note.operation = path === undefined ? undefined : ctx.match(method, path.split("?")[0]!);
  note.violations =
    path === undefined
      ? [requestViolation("path", "is outside the API's base paths")]
      : await requestViolations(ctx, req, path, body);
  if (!note.operation && path !== undefined)
    note.violations.push(
      requestViolation("path", `no operation of the spec is ${method} ${path.split("?")[0]}`),
    );
  forward(ctx, req, res, note, body);
}

const requestViolation = (field: string, message: string): Violation => ({ side: "request", field, message });

/** The spec engine's verdict on the request, as the mock front would give it; here it is only noted. */
async function requestViolations(
  ctx: Ctx,
  req: IncomingMessage,
  path: string,
  body: Buffer,
): Promise<Violation[]> {
  const request = fetchRequest(req, `${ctx.url}${path}`, body);
  const refusal = await ctx.check(request);
  if (!refusal) return [];
  return messagesOf(await refusal.text(), refusal.status).map((m) => requestViolation("", m));
}

function forward(ctx: Ctx, req: IncomingMessage, res: ServerResponse, note: Note, body: Buffer) {
  const { upstream } = ctx;
  const headers = { ...endToEnd(req.headers), host: upstream.host, "content-length": String(body.length) };
  const send = upstream.protocol === "https:" ? httpsRequest : httpRequest;
  const path = `${upstream.pathname.replace(/\/$/, "")}${req.url ?? "/"}`;
  const out = send(upstream, { method: req.method, path, headers }, (answer) => {
    const parts: Buffer[] = [];
    answer.on("data", (chunk: Buffer) => parts.push(chunk));
    answer.on("error", () => res.destroy());
    answer.on("end", () => reply(ctx, res, note, answer, Buffer.concat(parts)));
  });
  out.setTimeout(ctx.upstreamMs, () =>
    out.destroy(new Error(`the upstream did not answer within ${ctx.upstreamMs} ms`)),
  );
  res.once("close", () => res.writableFinished || out.destroy());
  out.on("error", (error) => {
    if (res.destroyed) return;
    const status = /within/.test(error.message) ? 504 : 502;
    refuse(ctx, res, note, status, `Upstream ${upstream.origin}: ${error.message}`);
  });
  out.end(body);
}

/** The upstream's answer, checked, then sent back as it came. */
function reply(ctx: Ctx, res: ServerResponse, note: Note, answer: IncomingMessage, body: Buffer) {
  const status = answer.statusCode ?? 502;
  const encoded = answer.headers["content-encoding"] && answer.headers["content-encoding"] !== "identity";
  if (note.operation)
    note.violations!.push(
      ...ctx.checkResponse(note.operation, { status, headers: answer.headers, body, encoded: !!encoded }),
    );
  const headers = endToEnd(answer.headers);
  headers["content-length"] = String(body.length);
  res.writeHead(status, headers);
  res.end(body);
}
