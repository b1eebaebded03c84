// The journal over HTTP, on every mock: `GET /__cxkit/requests` (filters `method`, `path` glob, `status`,
// `since`; newest first, paged with `limit` and `offset`), `DELETE /__cxkit/requests`, and
// `POST /__cxkit/verify` with `{ ...pattern, times? }` (200 when it holds, 409 with the diff otherwise).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Journal } from "./journal.ts";
import { sendJson } from "./respond.ts";
import { filterEntries, type RequestFilter, type RequestPattern, verify } from "./verify.ts";

export const REQUESTS = "/__cxkit/requests";
export const VERIFY = "/__cxkit/verify";
const MAX_LIMIT = 1000;

/** Whether `url` is one of the journal's endpoints. */
export const isJournalApi = (url: string) =>
  [REQUESTS, VERIFY].some((p) => url === p || url.startsWith(`${p}?`));

export function journalApi(journal: Journal, req: IncomingMessage, res: ServerResponse, maxBody: number) {
  const url = new URL(req.url ?? "/", "http://mock");
  if (url.pathname === VERIFY) return void verifyOverHttp(journal, req, res, maxBody);
  req.resume();
  if (req.method === "DELETE") {
    journal.clear();
    return sendJson(res, 200, { cleared: true });
  }
  if (req.method !== "GET") return sendJson(res, 405, { message: "GET or DELETE" });
  const q = url.searchParams;
  const filter: Record<string, string | number> = {};
  for (const key of ["method", "path", "status", "since"] as const) {
    const value = q.get(key);
    if (value !== null) filter[key] = key === "since" && /^\d+$/.test(value) ? Number(value) : value;
  }
  const all = filterEntries(journal.entries(), filter as RequestFilter);
  const limit = Math.min(MAX_LIMIT, Number(q.get("limit") ?? 100) || 100);
  const offset = Math.max(0, Number(q.get("offset") ?? 0) || 0);
  const page = all.slice(offset, offset + limit);
  sendJson(res, 200, { total: all.length, offset, limit, requests: page }, undefined, {
    "cache-control": "no-store",
  });
}

async function verifyOverHttp(journal: Journal, req: IncomingMessage, res: ServerResponse, max: number) {
  if (req.method !== "POST") return sendJson(res, 405, { message: "POST a pattern" });
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return sendJson(res, 413, { message: `body larger than ${max} bytes` });
    chunks.push(chunk as Buffer);
  }
  let pattern: RequestPattern & { times?: number };
  try {
    pattern = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    if (!pattern || typeof pattern !== "object" || Array.isArray(pattern))
      throw new Error("expected an object");
  } catch (error) {
    return sendJson(res, 400, { message: `pattern: ${(error as Error).message}` });
  }
  const { times, ...rest } = pattern;
  const result = verify(journal.entries(), rest, { times });
  sendJson(res, result.ok ? 200 : 409, result);
}
