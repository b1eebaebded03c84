// The front's first stage: refuses, before Prism sees them, the requests Prism 5.16 cannot survive or
// never answers. Measured on bare Prism: malformed percent-encoding in the path (`%ff%fe`, a lone `%`,
// a truncated UTF-8 sequence) and a malformed `Accept` media type crash it; a JSON body nested ~5,000
// deep crashes it when it logs an error (404/405); a non-UTF-8 charset or a `Content-Encoding` hangs the
// request forever; a malformed `Content-Type` gets a 500. The rest are plain limits (sizes and counts).
import { isUtf8 } from "node:buffer";
import type { IncomingHttpHeaders } from "node:http";

export interface Limits {
  /** Longest request target (path and query), in characters: 414 beyond. */
  maxUrlLength: number;
  /** Most query parameters: 400 beyond. */
  maxParams: number;
  /** Most header fields: 431 beyond (Node's own 16 KiB limit on the header block still applies). */
  maxHeaders: number;
  /** Largest body in bytes (Prism's own limit is 10 MB): 413 beyond. */
  maxBodyBytes: number;
  /** Deepest nesting of arrays and objects in a JSON body: 400 beyond. */
  maxJsonDepth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxUrlLength: 8192,
  maxParams: 256,
  maxHeaders: 100,
  maxBodyBytes: 10 * 1024 * 1024,
  maxJsonDepth: 64,
};

export interface Rejection {
  status: number;
  reason: string;
}

const no = (status: number, reason: string): Rejection => ({ status, reason });

/** Checks what arrives before the body: the request target and the headers. */
export function checkHead(
  url: string,
  headers: IncomingHttpHeaders,
  headerCount: number,
  limits: Limits,
): Rejection | undefined {
  return checkUrl(url, limits) ?? checkHeaders(headers, headerCount, limits);
}

function checkUrl(url: string, limits: Limits): Rejection | undefined {
  if (url.length > limits.maxUrlLength)
    return no(414, `Request target is ${url.length} characters long (at most ${limits.maxUrlLength})`);
  if (!url.startsWith("/")) return no(400, "Request target must be a path starting with /");
  if (/%(?![0-9a-f]{2})/i.test(url))
    return no(400, "URL has a malformed percent-escape (% not followed by two hex digits)");
  if (/%00/.test(url)) return no(400, "URL contains a NUL byte (%00)");
  try {
    decodeURIComponent(url);
  } catch {
    return no(400, "URL's percent-escapes do not decode to valid UTF-8");
  }
  const q = url.indexOf("?");
  const params = q < 0 ? 0 : url.slice(q + 1).split("&").length;
  if (params > limits.maxParams)
    return no(400, `URL has ${params} query parameters (at most ${limits.maxParams})`);
  return undefined;
}

function checkHeaders(headers: IncomingHttpHeaders, count: number, limits: Limits): Rejection | undefined {
  if (count > limits.maxHeaders)
    return no(431, `Request has ${count} header fields (at most ${limits.maxHeaders})`);
  const length = Number(headers["content-length"] ?? 0);
  if (length > limits.maxBodyBytes)
    return no(413, `Request body is ${length} bytes (at most ${limits.maxBodyBytes})`);
  const coding = headers["content-encoding"]?.trim().toLowerCase();
  if (coding && coding !== "identity")
    return no(415, `Content-Encoding ${coding} is not supported: send the body uncompressed`);
  const transfer = headers["transfer-encoding"]?.trim().toLowerCase();
  if (transfer && transfer !== "chunked")
    return no(400, `Transfer-Encoding ${transfer} is not supported (only chunked)`);
  return checkContentType(headers["content-type"]) ?? checkAccept(headers.accept);
}

// Media types as the `content-type` package (which Prism uses) parses them; it throws on anything else.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED =
  '"(?:[\\u000b\\u0020\\u0021\\u0023-\\u005b\\u005d-\\u007e\\u0080-\\u00ff]|\\\\[\\u000b\\u0020-\\u00ff])*"';
const MEDIA_TYPE = new RegExp(
  `^[ \\t]*${TOKEN}/${TOKEN}[ \\t]*(?:; *(${TOKEN}) *= *(${TOKEN}|${QUOTED}) *)*$`,
);
const PARAM = new RegExp(`; *(${TOKEN}) *= *(${TOKEN}|${QUOTED})`, "g");

function checkContentType(value: string | undefined): Rejection | undefined {
  if (value === undefined) return undefined;
  if (!MEDIA_TYPE.test(value)) return no(400, `Content-Type "${printable(value)}" is not a valid media type`);
  for (const [, name, raw] of value.matchAll(PARAM)) {
    const charset = raw!.replace(/^"|"$/g, "").toLowerCase();
    if (name!.toLowerCase() === "charset" && charset !== "utf-8" && charset !== "utf8")
      return no(415, `Content-Type charset ${printable(charset)} is not supported: send UTF-8`);
  }
  return undefined;
}

function checkAccept(value: string | undefined): Rejection | undefined {
  if (value === undefined) return undefined;
  const bad = value.split(",").find((range) => range.trim() !== "" && !MEDIA_TYPE.test(range));
  return bad === undefined
    ? undefined
    : no(400, `Accept has a malformed media range: "${printable(bad.trim())}"`);
}

/** Empty list elements are allowed by HTTP but crash Prism when nothing else matches: dropped. */
export function cleanAccept(value: string): string {
  return value
    .split(",")
    .filter((range) => range.trim() !== "")
    .join(",");
}

/** Checks a body read whole: UTF-8 for text, then nesting depth for JSON. */
export function checkBody(
  body: Buffer,
  contentType: string | undefined,
  limits: Limits,
): Rejection | undefined {
  if (body.length === 0) return undefined;
  const json = /\bjson\b/i.test(contentType ?? "");
  if ((json || /^\s*text\//i.test(contentType ?? "")) && !isUtf8(body))
    return no(400, "Request body is not valid UTF-8");
  if (!json) return undefined;
  const depth = jsonDepth(body, limits.maxJsonDepth);
  return depth > limits.maxJsonDepth
    ? no(400, `Request body nests arrays/objects deeper than ${limits.maxJsonDepth} levels`)
    : undefined;
}

/** Deepest nesting of `[`/`{` outside strings, scanning bytes; stops once past `stopAbove`. */
export function jsonDepth(body: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAbove) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A header value or URL as it may appear in a log line or a message: short, control characters escaped. */
export function printable(text: string, max = 200): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  let out = "";
  for (const ch of cut) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code < 0xa0) ? `\\x${code.toString(16).padStart(2, "0")}` : ch;
  }
  return out;
}
