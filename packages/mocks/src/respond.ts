// Answers the front writes itself, in the vendor's error shape (its spec's `info.x-cxkit-error-body`).
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import { errorBody } from "@cxkit/client-core/server";
import type { MockConfig } from "./vendors.ts";

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  retryAfter?: number,
  base: IncomingHttpHeaders = {},
) {
  if (res.headersSent || res.destroyed) return void res.destroy();
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

export function vendorError(config: MockConfig, messages: string[], status: number) {
  return errorBody(config.validationErrorBody, messages, status, STATUS_CODES[status] ?? "Error");
}

/** A whole HTTP/1.1 response in the vendor's shape, for a socket that has no `ServerResponse`. */
export function rawVendorError(config: MockConfig, status: number, reason: string): string {
  const body = JSON.stringify(vendorError(config, [reason], status));
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** A received request as a fetch `Request` for `url` (the spec's engine reads those), its body read whole. */
export function fetchRequest(req: IncomingMessage, url: string, body: Buffer): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const withBody = body.length > 0 && method !== "GET" && method !== "HEAD";
  return new Request(url, { method, headers, ...(withBody && { body: new Uint8Array(body) }) });
}
