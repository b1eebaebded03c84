// Checks an upstream's answer against the operation's documented responses in the bundled spec: the
// status, the response headers the spec declares (required ones present, each value against its schema),
// the media type and the body's schema, judged by client-core's engine (Ajv's semantics, issues named as
// `body.data[0].id must be a UUID`, `header.retry-after must be an integer`). Used by the validating
// proxy (proxy.ts). A credential-like header's value is never put in a message: its name only.
import { readFileSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { check, type Schema, type SchemaTable, show } from "@cxkit/client-core";
import type { Violation } from "./journal.ts";
import type { MockConfig } from "./vendors.ts";

interface Doc {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}
interface ResponseObject {
  headers?: Record<string, HeaderObject | { $ref: string }>;
  content?: Record<string, { schema?: Schema }>;
}
interface HeaderObject {
  required?: boolean;
  schema?: Schema;
  explode?: boolean;
  content?: Record<string, { schema?: Schema }>;
}

/** An upstream's answer as it came. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body is content-encoded (gzip…): it is passed on unread, so only status and headers are checked. */
  encoded?: boolean;
}

export type ResponseChecker = (operation: string, answer: Answer) => Violation[];

/** The bundled spec (dist/vendors/<vendor>/openapi.json); in the repository, the build's copy of it. */
export function bundledSpecPath(config: MockConfig): string {
  if (config.spec.endsWith(".json")) return config.spec;
  return join(import.meta.dirname, "../dist/vendors", config.vendor, "openapi.json");
}

/** `isSecret`: whether a header name carries a credential (the journal's rule): its value is not shown. */
export function responseChecker(config: MockConfig, isSecret: (name: string) => boolean): ResponseChecker {
  const doc = JSON.parse(readFileSync(bundledSpecPath(config), "utf8")) as Doc;
  const table = refTable(doc);
  return (operation, { status, headers, body, encoded }) => {
    const [method, template] = operation.split(" ") as [string, string];
    const responses = doc.paths?.[template]?.[method.toLowerCase()]?.responses ?? {};
    const documented = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (documented === undefined)
      return [
        violation(
          "status",
          `${status} is not a documented response (documented: ${Object.keys(responses).join(", ")})`,
        ),
      ];
    const response = deref(documented, table) as ResponseObject;
    const issues: Violation[] = encoded ? [] : bodyIssues(response, headers["content-type"], body, table);
    issues.push(...headerIssues(response, headers, table, isSecret));
    return issues;
  };
}

/** The documented response headers: each required one present, each one present valid against its schema. */
function headerIssues(
  response: ResponseObject,
  headers: IncomingHttpHeaders,
  table: SchemaTable,
  isSecret: (name: string) => boolean,
): Violation[] {
  const out: Violation[] = [];
  for (const [declared, ref] of Object.entries(response.headers ?? {})) {
    const name = declared.toLowerCase();
    if (name === "content-type") continue; // OpenAPI: a Content-Type header definition SHALL be ignored
    const header = deref(ref, table) as HeaderObject;
    const field = `header.${name}`;
    const value = headers[name];
    if (value === undefined) {
      if (header.required) out.push(violation(field, "is required"));
      continue;
    }
    const schema = header.schema ?? Object.values(header.content ?? {})[0]?.schema;
    if (schema === undefined) continue;
    const secret = isSecret(name);
    // Node keeps repeated Set-Cookie lines apart; each is one value of the header.
    // A credential's value, or a key within it, appears neither in the field nor the message. Otherwise
    // text that is not of the type is shown as sent (`got "soon"`, not the engine's `got string`).
    for (const text of Array.isArray(value) ? value : [value])
      for (const issue of check(schema, fromHeader(schema, text, header.explode, table), field, table))
        out.push(
          secret
            ? violation(field, issue.message.replace(/ \(got .*$/, ""))
            : violation(
                issue.field,
                issue.field === field
                  ? issue.message.replace(/\(got string\)$/, `(got ${show(text)})`)
                  : issue.message,
              ),
        );
  }
  return out;
}

/**
 * A header's text as the schema's type (OpenAPI's `simple` style, the only one headers have): `"42"` an
 * integer, `"true"` a boolean, `a,b` an array, `k,v` (or `k=v` exploded) an object; text that is not of
 * the type stays text, for the engine to name. Written here because client-core's coercion is its
 * request checker's own (not exported), and a response header is read the same way.
 */
function fromHeader(schema: Schema, text: string, explode: boolean | undefined, table: SchemaTable): unknown {
  const s = deref(schema, table) as Schema;
  const types = typeof s === "object" && s.type !== undefined ? [s.type].flat() : [];
  const parts = () => text.split(",").map((p) => p.trim());
  if (types.includes("array") && typeof s === "object")
    return parts().map((p) => fromHeader(s.items ?? true, p, undefined, table));
  if (types.includes("object") && typeof s === "object") {
    const pairs = explode
      ? parts().map((p) => {
          const eq = p.indexOf("=");
          return eq < 0 ? [p, ""] : [p.slice(0, eq), p.slice(eq + 1)];
        })
      : parts().flatMap((p, i, all) => (i % 2 ? [] : [[p, all[i + 1] ?? ""]]));
    return Object.fromEntries(
      pairs.map(([k, v]) => [k, fromHeader(s.properties?.[k!] ?? true, v!, undefined, table)]),
    );
  }
  const trimmed = text.trim();
  if (types.includes("string")) return text;
  if ((types.includes("integer") || types.includes("number")) && trimmed !== "" && Number.isFinite(+trimmed))
    return +trimmed;
  if (types.includes("boolean") && (trimmed === "true" || trimmed === "false")) return trimmed === "true";
  return text;
}

function bodyIssues(
  response: ResponseObject,
  contentType: string | undefined,
  body: Buffer,
  table: SchemaTable,
) {
  const content = response.content;
  if (!content) return body.length ? [violation("body", "is there, but the spec documents no body")] : [];
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const media = content[type] ?? content[`${type.split("/")[0]}/*`] ?? content["*/*"];
  if (!media) {
    const listed = Object.keys(content).join(", ");
    return [
      violation(
        "header.content-type",
        `${JSON.stringify(type || "none")} is not documented (documented: ${listed})`,
      ),
    ];
  }
  if (!media.schema || !/\bjson\b/.test(type)) return [];
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return [violation("body", "is not valid JSON")];
  }
  return check(media.schema, value, "body", table).map((i) => violation(i.field, i.message));
}

const violation = (field: string, message: string): Violation => ({ side: "response", field, message });

/** Every `$ref` in the document, mapped to what it points at (the engine looks refs up in this table). */
function refTable(doc: unknown): SchemaTable {
  const table: SchemaTable = {};
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && !(ref in table)) table[ref] = pointer(doc, ref) as Schema;
    for (const value of Object.values(node)) walk(value);
  };
  walk(doc);
  return table;
}

function pointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return true; // bundled: every ref is local
  return (
    ref
      .slice(2)
      .split("/")
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc) ?? true
  );
}

function deref(node: unknown, table: SchemaTable): unknown {
  const ref = (node as { $ref?: string })?.$ref;
  return ref === undefined ? node : deref(table[ref], table);
}
