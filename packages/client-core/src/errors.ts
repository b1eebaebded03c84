/** What went wrong, for code that prefers a switch over `instanceof`. */
export type ErrorKind =
  | "api"
  | "timeout"
  | "abort"
  | "network"
  | "parse"
  | "refused"
  | "pagination"
  | "validation";

/**
 * Base class of every error thrown by client-core. Holds no request, headers or credential: only
 * the method, the OpenAPI path template (never the concrete URL or query string) and counters.
 * The subclasses add fields only; `fields` are copied onto the instance.
 */
export class CxkitError extends Error {
  override name = "CxkitError";
  /** Requests actually sent for this call (retries and the 401 replay included). */
  attempts = 0;
  declare kind: ErrorKind;
  declare method?: string;
  /** OpenAPI path template, e.g. `/projects/{projectId}`. */
  declare path?: string;
  constructor(
    detail: string,
    fields: { kind: ErrorKind; method?: string; path?: string; [field: string]: unknown },
  ) {
    super(fields.method ? `${fields.method} ${fields.path}: ${detail}` : detail);
    Object.assign(this, fields);
  }
  toJSON(): object {
    return { ...this, message: this.message };
  }
}

/** Non-2xx response (kind "api"). `B` is the vendor's error body (parsed JSON, or text when not JSON). */
export class ApiError<B = unknown> extends CxkitError {
  override name = "ApiError";
  declare status: number;
  declare body: B;
  /** From the response headers (x-request-id, or the preset's `requestIdHeaders`). */
  declare requestId?: string;
  declare method: string;
  declare path: string;
}

/** Kind "timeout": an attempt (`scope: "attempt"`), the whole call (`"total"`) or a poll (`"poll"`) ran out of time. */
export class TimeoutError extends CxkitError {
  override name = "TimeoutError";
  declare scope: "attempt" | "total" | "poll";
  declare timeoutMs: number;
}

/** Kind "abort": the caller's `signal` was aborted; its reason is kept as `cause`. */
export class AbortError extends CxkitError {
  override name = "AbortError";
}

/**
 * Kind "network": the connection failed (refused, reset, DNS, TLS, body cut short). `code` is the
 * low-level code when the runtime exposes one (e.g. ECONNRESET). The original error is not kept:
 * some fetch implementations put the full URL, query string included, in their messages.
 */
export class NetworkError extends CxkitError {
  override name = "NetworkError";
  declare code?: string;
}

/** Builds an {@link ApiError}; the message includes the vendor's `message`/`error` text when present. */
export const apiError = <B>(
  status: number,
  method: string,
  path: string,
  body: B,
  requestId?: string,
): ApiError<B> => {
  const b = body as { message?: unknown; error?: unknown } | undefined;
  const hint = typeof body === "string" ? body : (b?.message ?? b?.error);
  return new ApiError(
    `failed with ${status}${typeof hint === "string" && hint ? `: ${hint.slice(0, 200)}` : ""}`,
    {
      kind: "api",
      method,
      path,
      status,
      body,
      requestId,
    },
  ) as ApiError<B>;
};
