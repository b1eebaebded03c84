// Runs an operation's generated constraints on a call's plain inputs: path, query and header
// parameters as the server will read them off the wire, and the body before serialisation.
import { check, resolve, type Schema, type SchemaTable, type ValidationIssue } from "./engine.js";

export interface ParamConstraint {
  in: "path" | "query" | "header" | "cookie";
  /** Header names are lower-case. */
  name: string;
  required?: boolean;
  schema: Schema;
  style?: string;
  explode?: boolean;
}

/** A spec's `x-cxkit-rate-limit`: `requests` per `perSeconds`, per API key or per endpoint. */
export interface SpecRateLimit {
  requests: number;
  perSeconds: number;
  burst?: number;
  scope?: "key" | "endpoint";
  also?: readonly SpecRateLimit[];
}

export interface OperationConstraints {
  id: string;
  params?: ParamConstraint[];
  /** Request body schema per media type. */
  body?: { required?: boolean; content: Record<string, Schema> };
  /** Groups of query parameters of which a call may give at most one (`x-cxkit-mutually-exclusive-query`). */
  exclusiveQuery?: string[][];
  /** Status of a refused request when not 422 (Prism's choice: 422 if documented, else 400). */
  invalidStatus?: number;
  /** The operation's own security requirements, when they differ from the spec's. */
  security?: Record<string, string[]>[];
  rateLimit?: SpecRateLimit;
}

/** A call's inputs as the caller passed them: operation, parameters and body, before any serialisation. */
export interface RequestCall {
  method: string;
  /** The path template, e.g. `/projects/{projectId}`. */
  path: string;
  params: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body: unknown;
  /** The call's own headers (header parameters may be given there too). */
  headers?: HeadersInit | Record<string, unknown>;
  /** openapi-fetch's `bodySerializer`, when the call has one (then the body is not sent as JSON). */
  bodySerializer?: unknown;
}

/** Every broken rule of `call` against its operation's constraints; empty when it may be sent. */
export function requestIssues(
  operation: OperationConstraints | undefined,
  table: SchemaTable,
  call: RequestCall,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (!operation) return out;
  let headers: Headers | undefined;
  for (const p of operation.params ?? []) {
    const field = `${p.in}.${p.name}`;
    let value = p.in === "header" ? headerValue(call, p.name) : call.params[p.in as "path"]?.[p.name];
    if (p.in === "header" && value === undefined && call.headers) {
      headers ??= new Headers(call.headers as HeadersInit);
      value = headers.get(p.name) ?? undefined;
    }
    if (value === undefined || value === null) {
      if (p.required) out.push({ field, message: "is required" });
      continue;
    }
    const issues = check(p.schema, wire(p.schema, value, table), field, table);
    // Header values are not echoed: a header may carry a secret.
    for (const i of issues)
      out.push(p.in === "header" ? { field, message: i.message.replace(/ \(got .*\)$/, "") } : i);
  }
  for (const group of operation.exclusiveQuery ?? []) {
    const given = group.filter((name) => call.params.query?.[name] !== undefined);
    if (given.length > 1)
      out.push({
        field: `query.${given[1]}`,
        message: `cannot be combined with query.${given[0]} (give one of: ${group.join(", ")})`,
      });
  }
  if (operation.body) bodyIssues(operation.body, call, table, out);
  return out;
}

function headerValue(call: RequestCall, name: string): unknown {
  const h = call.params.header;
  if (!h) return undefined;
  if (h[name] !== undefined) return h[name];
  for (const k in h) if (k.toLowerCase() === name) return h[k];
  return undefined;
}

function bodyIssues(
  body: NonNullable<OperationConstraints["body"]>,
  call: RequestCall,
  table: SchemaTable,
  out: ValidationIssue[],
) {
  const value = call.body;
  if (value === undefined) {
    if (body.required) out.push({ field: "body", message: "is required" });
    return;
  }
  const types = Object.keys(body.content);
  const form = typeof FormData !== "undefined" && value instanceof FormData;
  const type =
    types.length === 1
      ? types[0]!
      : (types.find((t) => (form || call.bodySerializer ? /multipart|form/ : /json/).test(t)) ?? types[0]!);
  // A body the caller serialised itself (bytes, a stream, a Blob) cannot be read here.
  if (!form && isOpaque(value)) return;
  check(body.content[type]!, form ? formFields(value) : value, "body", table, out);
}

const isOpaque = (v: unknown) =>
  (typeof Blob !== "undefined" && v instanceof Blob) ||
  v instanceof ArrayBuffer ||
  ArrayBuffer.isView(v) ||
  (typeof ReadableStream !== "undefined" && v instanceof ReadableStream) ||
  v instanceof URLSearchParams;

/** A FormData body as an object: one value per field, an array where a field repeats. */
function formFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  form.forEach((v, k) => {
    const prev = fields[k];
    fields[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  });
  return fields;
}

/**
 * A parameter as the server reads it: the wire carries text, which Prism (Ajv `coerceTypes`) turns into
 * the schema's type. So `"42"` is a valid integer and `42` a valid string; an array's items likewise.
 */
function wire(schema: Schema, value: unknown, table: SchemaTable): unknown {
  const s = resolve(schema, table);
  if (typeof s !== "object" || s.type === undefined) return value;
  const types = typeof s.type === "string" ? [s.type] : s.type;
  if (types.includes("array")) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((x) => wire(s.items ?? true, x, table));
  }
  if (typeof value === "string") {
    if (types.includes("string")) return value;
    if (
      (types.includes("integer") || types.includes("number")) &&
      value.trim() !== "" &&
      Number.isFinite(+value)
    )
      return +value;
    if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
    return value;
  }
  if ((typeof value === "number" || typeof value === "boolean") && types.includes("string")) {
    const own = typeof value === "boolean" ? "boolean" : Number.isInteger(value) ? "integer" : "number";
    if (!types.includes(own) && !(own === "integer" && types.includes("number"))) return String(value);
  }
  return value;
}
