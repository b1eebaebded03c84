// Answers the front writes itself, in the vendor's error shape (mock.json `validationErrorBody`).
import { type IncomingHttpHeaders, type ServerResponse, STATUS_CODES } from "node:http";
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
  return fill(config.validationErrorBody ?? { message: "$message" }, messages, status);
}

/** A whole HTTP/1.1 response in the vendor's shape, for a socket that has no `ServerResponse`. */
export function rawVendorError(config: MockConfig, status: number, reason: string): string {
  const body = JSON.stringify(vendorError(config, [reason], status));
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
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
