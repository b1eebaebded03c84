import type { CallbackPayload } from "./types.js";

/** A processing callback, parsed: `succeeded` is true when Q°emotion reports status 200. */
export interface ParsedCallback extends CallbackPayload {
  status: string;
  succeeded: boolean;
}

/**
 * Parses what Q°emotion posts to a verbatim's `callback_url`: the raw body (string) or its JSON value.
 * Throws a TypeError naming the field when the payload is not a documented callback.
 */
export function parseCallbackPayload(body: unknown): ParsedCallback {
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body);
    } catch {
      throw new TypeError("Q°emotion callback: body is not JSON");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new TypeError("Q°emotion callback: body must be a JSON object");
  const { uuid, status, error } = value as Record<string, unknown>;
  if (typeof uuid !== "string" || uuid === "")
    throw new TypeError("Q°emotion callback: uuid must be a string");
  if (typeof status !== "string" && !Number.isInteger(status))
    throw new TypeError("Q°emotion callback: status must be a string or an integer");
  if (error !== undefined && error !== null && typeof error !== "string")
    throw new TypeError("Q°emotion callback: error must be a string");
  const normalized = String(status);
  return {
    uuid,
    status: normalized,
    ...(error == null ? {} : { error }),
    succeeded: normalized === "200",
  };
}
