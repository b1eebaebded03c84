// The server side of the same engine, for mocks (MSW handlers, the Prism front): finds the operation a
// request is for, checks its credentials against the spec's security schemes and its parameters and
// body against the spec's constraints, and answers a refusal in the vendor's error shape
// (`info.x-cxkit-error-body`). Web APIs only (Request, Response, URL), so it runs wherever MSW runs.
import type { ValidationIssue } from "../validation/engine.js";
import { callIssues, type Rule, type VendorSpec } from "../validation/index.js";
import type { OperationConstraints, RequestCall } from "../validation/request.js";

export interface MatchedOperation {
  /** `"METHOD /path/{template}"` */
  key: string;
  operation: OperationConstraints;
  pathParams: Record<string, string>;
}

interface Route {
  method: string;
  template: string;
  re: RegExp;
  names: string[];
  literal: number;
}
const routes = new WeakMap<VendorSpec, Route[]>();

function routesOf(spec: VendorSpec): Route[] {
  let list = routes.get(spec);
  if (list) return list;
  list = Object.keys(spec.operations).map((key) => {
    const [method, template] = key.split(" ") as [string, string];
    const names: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        if (!part.startsWith("{")) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(part.slice(1, -1));
        return "([^/]*)"; // an empty value routes here too, as in Prism, and its schema judges it
      })
      .join("");
    const literal = template.replace(/\{[^}]+\}/g, "").length;
    return { method, template, re: new RegExp(`^${source}$`), names, literal };
  });
  // Literal segments win over parameters (`/projects` before `/{projectId}`), then fewer parameters.
  list.sort((a, b) => b.literal - a.literal || a.names.length - b.names.length);
  routes.set(spec, list);
  return list;
}

/**
 * The operation `method pathname` (relative to the server's base path) is for, with its path
 * parameters; a trailing slash is dropped when nothing matches the path as sent.
 */
export function matchOperation(
  spec: VendorSpec,
  method: string,
  pathname: string,
): MatchedOperation | undefined {
  const m = method.toUpperCase();
  const trimmed = pathname.length > 1 && pathname.endsWith("/") ? [pathname.slice(0, -1)] : [];
  for (const candidate of [pathname, ...trimmed])
    for (const r of routesOf(spec)) {
      const hit = r.method === m ? r.re.exec(candidate) : null;
      if (!hit) continue;
      const pathParams: Record<string, string> = {};
      r.names.forEach((n, i) => {
        pathParams[n] = safeDecode(hit[i + 1]!);
      });
      return { key: `${m} ${r.template}`, operation: spec.operations[`${m} ${r.template}`]!, pathParams };
    }
  return undefined;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Whether the request carries credentials one of the operation's security requirements accepts. */
export function authorized(
  spec: VendorSpec,
  operation: OperationConstraints,
  headers: Headers,
  query: URLSearchParams,
) {
  const requirements = operation.security ?? spec.vendor.security;
  if (requirements.length === 0) return true;
  return requirements.some((req) =>
    Object.keys(req).every((name) => {
      const s = spec.vendor.securitySchemes[name];
      if (!s) return false;
      if (s.type === "http") {
        const value = headers.get("authorization") ?? "";
        return new RegExp(`^${s.scheme}\\s+\\S`, "i").test(value);
      }
      if (s.type === "apiKey" && s.name)
        return !!(s.in === "query"
          ? query.get(s.name)
          : s.in === "header"
            ? headers.get(s.name)?.trim()
            : undefined);
      return true; // oauth2 / openIdConnect: any bearer would do; none of our vendors uses them
    }),
  );
}

/** Where the operation's first accepted scheme expects the credential: a header or query name. */
function credentialName(spec: VendorSpec, operation: OperationConstraints): string {
  const first = Object.keys((operation.security ?? spec.vendor.security)[0] ?? {})[0];
  const s = first ? spec.vendor.securitySchemes[first] : undefined;
  return s?.type === "apiKey" && s.name
    ? `${s.in ?? "header"}.${s.name.toLowerCase()}`
    : "header.authorization";
}

/** A fetch `Request` as the call a client would have made: typed path, query and header values, parsed body. */
export async function callOf(
  request: Request,
  matched: MatchedOperation,
): Promise<RequestCall | ValidationIssue> {
  const url = new URL(request.url);
  const query: Record<string, unknown> = {};
  const header: Record<string, unknown> = {};
  for (const p of matched.operation.params ?? []) {
    if (p.in === "query") {
      let values = url.searchParams.getAll(p.name);
      if (p.explode === false) values = values.flatMap((v) => v.split(","));
      if (values.length) query[p.name] = values.length > 1 ? values : values[0];
    } else if (p.in === "header") {
      const v = request.headers.get(p.name);
      if (v !== null) header[p.name] = v;
    }
  }
  const type = request.headers.get("content-type") ?? "";
  let body: unknown;
  if (/multipart\/form-data|x-www-form-urlencoded/i.test(type))
    body = await request.formData().catch(() => undefined);
  else {
    const text = await request.text();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return { field: "body", message: "is not valid JSON" };
      }
    }
  }
  return {
    method: matched.key.split(" ")[0]!,
    path: matched.key.slice(matched.key.indexOf(" ") + 1),
    params: { path: matched.pathParams, query, header },
    body,
  };
}

/**
 * Replaces "$messages" with the list, "$message" with the messages joined, "$status" with the HTTP
 * status (a number; "$statusString" as a string) and "$statusText" with its reason phrase.
 */
export function errorBody(
  template: unknown,
  messages: string[],
  status: number,
  statusText: string,
): unknown {
  const fill = (t: unknown): unknown => {
    if (t === "$messages") return messages;
    if (t === "$message") return messages.join("; ");
    if (t === "$status") return status;
    if (t === "$statusString") return String(status);
    if (t === "$statusText") return statusText;
    if (Array.isArray(t)) return t.map(fill);
    if (t && typeof t === "object")
      return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, fill(v)]));
    return t;
  };
  return fill(template ?? { message: "$message" });
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
};

/** A body whose Content-Type the operation does not take (`application/json` matches `…+json` too). */
function mediaTypeIssue(operation: OperationConstraints, request: Request): ValidationIssue | undefined {
  const types = Object.keys(operation.body?.content ?? {});
  const sent = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!types.length || !sent || !request.body) return undefined;
  const ok = types.some(
    (t) => t === sent || t === "*/*" || (t === "application/json" && /\+json$/.test(sent)),
  );
  return ok ? undefined : { field: "content-type", message: `must be ${types.join(" or ")} (got ${sent})` };
}

/** A refusal in the vendor's shape: the messages read `body.text must not be empty`, as the client's do. */
export function refusal(spec: VendorSpec, issues: ValidationIssue[], status: number): Response {
  const messages = issues.map((i) => `${i.field} ${i.message}`);
  return Response.json(errorBody(spec.vendor.errorBody, messages, status, REASONS[status] ?? "Error"), {
    status,
  });
}

/**
 * Checks a request for `spec` (its URL relative to `baseUrl`): `undefined` when it may be answered, else
 * the vendor-shaped refusal: 401 without acceptable credentials, else 422/400 (as Prism picks) naming
 * every broken constraint. Requests for no operation of the spec are left alone.
 */
export function createRequestGuard(spec: VendorSpec, baseUrl: string, rules?: Record<string, Rule>) {
  const base = new URL(baseUrl).pathname.replace(/\/$/, "");
  return async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (base && !url.pathname.startsWith(base)) return undefined;
    const matched = matchOperation(spec, request.method, url.pathname.slice(base.length) || "/");
    if (!matched) return undefined;
    if (!authorized(spec, matched.operation, request.headers, url.searchParams))
      return refusal(
        spec,
        [{ field: credentialName(spec, matched.operation), message: "is missing or not accepted" }],
        401,
      );
    const unsupported = mediaTypeIssue(matched.operation, request);
    if (unsupported) return refusal(spec, [unsupported], 415);
    const call = await callOf(request.clone(), matched);
    const issues = "field" in call ? [call] : callIssues(spec, call, rules);
    return issues.length ? refusal(spec, issues, matched.operation.invalidStatus ?? 422) : undefined;
  };
}
