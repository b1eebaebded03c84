// Checks an upstream's answer against the operation's documented responses in the bundled spec: the
// status, the media type and the body's schema, judged by client-core's engine (Ajv's semantics, issues
// named as `body.data[0].id must be a UUID`). Used by the validating proxy (proxy.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, type Schema, type SchemaTable } from "@cxkit/client-core";
import type { Violation } from "./journal.ts";
import type { MockConfig } from "./vendors.ts";

interface Doc {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}
interface ResponseObject {
  content?: Record<string, { schema?: Schema }>;
}

export type ResponseChecker = (
  operation: string,
  status: number,
  contentType: string | undefined,
  body: Buffer,
) => Violation[];

/** The bundled spec (dist/vendors/<vendor>/openapi.json); in the repository, the build's copy of it. */
export function bundledSpecPath(config: MockConfig): string {
  if (config.spec.endsWith(".json")) return config.spec;
  return join(import.meta.dirname, "../dist/vendors", config.vendor, "openapi.json");
}

export function responseChecker(config: MockConfig): ResponseChecker {
  const doc = JSON.parse(readFileSync(bundledSpecPath(config), "utf8")) as Doc;
  const table = refTable(doc);
  return (operation, status, contentType, body) => {
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
    return bodyIssues(response, contentType, body, table);
  };
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
