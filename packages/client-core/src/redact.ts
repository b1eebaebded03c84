export type LogLevel = "debug" | "info" | "warn" | "error" | "off";
type LogFn = (message: string, meta?: Record<string, unknown>) => void;
/** Anything with the four console methods: `console`, pino, winston, a test spy. */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/** Header / query-parameter names whose values never reach a log line. */
export const SENSITIVE = /auth|cookie|token|secret|key|pass|sig|session|credential/i;
const R = "[REDACTED]";

/** Replaces the values of sensitive query parameters (api_key, token, …) and drops `user:pass@`. */
export const redactUrl = (url: string): string =>
  url
    .replace(/\/\/[^/?#@]*@/, "//")
    .replace(/([?&])([^=&#]+)=([^&#]*)/g, (m, sep: string, name: string) =>
      SENSITIVE.test(name) ? `${sep}${name}=${R}` : m,
    );

/** Plain-object copy of headers with sensitive values (Authorization, Cookie, x-*-auth*, *token*, …) replaced. */
export const redactHeaders = (headers: Headers | Record<string, string>): Record<string, string> => {
  const out: Record<string, string> = {};
  const h = headers instanceof Headers ? headers : new Headers(headers);
  h.forEach((v, k) => {
    out[k] = SENSITIVE.test(k) ? R : v;
  });
  return out;
};

/** Removes known credential strings from a (parsed) body that an API echoed back. */
export const scrub = <T>(value: T, secrets: string[]): T => {
  if (value == null || !secrets.length) return value;
  const str = typeof value === "string";
  let s: string = str ? (value as string) : JSON.stringify(value);
  const before = s;
  for (const x of secrets) s = s.replaceAll(x, R);
  return s === before ? value : str ? (s as T) : JSON.parse(s);
};
