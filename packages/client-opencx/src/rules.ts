// The Open.cx rules a JSON Schema cannot say, run after the spec's own constraints: by the client before
// the network, and by the MSW handlers' guard. Everything a schema can say (enums, ranges, formats,
// required fields) is in specs/opencx/openapi.yaml and nowhere else.
//
// 1. Time windows: a window whose end comes before its start selects nothing (sessions, insights,
//    contacts) or never applies (a training entry): a schema compares a value with constants, never
//    one field with another.
// 2. `PUT /actions`: the uploaded file must be an OpenAPI (Swagger) document in JSON; a schema sees a
//    string (or a file part), not what it contains.
import type { RequestCall, Rule, ValidationIssue } from "@cxkit/client-core";

type Issues = ValidationIssue[];
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONED = /(?:z|[+-]\d\d(?::?\d\d)?)$/i;

/**
 * Whether `end` comes before `start`, when the two can be ordered without guessing a time zone: two
 * dates (`2025-03-01`), two date-times with a zone, or two without one. Anything else (mixed forms,
 * text that is no date, such as the documentation's `"<string>"`) is left to the server.
 */
function endsBeforeStart(start: unknown, end: unknown): boolean {
  if (typeof start !== "string" || typeof end !== "string") return false;
  if (DAY.test(start) || DAY.test(end)) return DAY.test(start) && DAY.test(end) && end < start;
  if (ZONED.test(start) !== ZONED.test(end)) return false;
  const [from, to] = [Date.parse(start), Date.parse(end)];
  return Number.isFinite(from) && Number.isFinite(to) && to < from;
}

/** The issue of a window `[start, end]` of `values` (named `prefix.start`, `prefix.end`), if it is inverted. */
function checkWindow(out: Issues, prefix: string, values: Json, start: string, end: string) {
  if (endsBeforeStart(values[start], values[end]))
    out.push({
      field: `${prefix}.${end}`,
      message: `must not be before ${prefix}.${start} (${JSON.stringify(values[end])} is before ${JSON.stringify(values[start])})`,
    });
}

const body = (call: RequestCall): Json => (isObject(call.body) ? call.body : {});

/** `GET /chat/sessions`: `created_after` … `created_before` and `updated_after` … `updated_before`. */
const sessionWindows: Rule = (call) => {
  const out: Issues = [];
  const query = call.params.query ?? {};
  checkWindow(out, "query", query, "created_after", "created_before");
  checkWindow(out, "query", query, "updated_after", "updated_before");
  return out;
};

/** `POST /insights`: `sessionFromDate` … `sessionToDate`. */
const insightWindow: Rule = (call) => {
  const out: Issues = [];
  checkWindow(out, "body", body(call), "sessionFromDate", "sessionToDate");
  return out;
};

/** A training entry's `start_time` … `end_time` (creation and update). */
const trainingWindow: Rule = (call) => {
  const out: Issues = [];
  checkWindow(out, "body", body(call), "start_time", "end_time");
  return out;
};

/** Every `contacts_created_at_between` filter of a sequence: `after` … `before`. */
const sequenceWindows: Rule = (call) => {
  const out: Issues = [];
  const or = isObject(body(call).filter) ? (body(call).filter as Json).or : undefined;
  if (!Array.isArray(or)) return out;
  or.forEach((alternative, i) => {
    const and = isObject(alternative) ? alternative.and : undefined;
    if (!Array.isArray(and)) return;
    and.forEach((filter, j) => {
      if (isObject(filter) && filter.type === "contacts_created_at_between")
        checkWindow(out, `body.filter.or[${i}].and[${j}]`, filter, "after", "before");
    });
  });
  return out;
};

/**
 * `PUT /actions`: `file` must be a JSON object naming `openapi` or `swagger`. Checked when the file is
 * text (as `importActions` and a caller's `{ file: "…" }` give it); a file part (`Blob`) cannot be read
 * synchronously, so it is left to the server.
 */
const actionsDocument: Rule = (call) => {
  const b = call.body;
  const file =
    typeof FormData !== "undefined" && b instanceof FormData
      ? b.get("file")
      : isObject(b)
        ? b.file
        : undefined;
  if (typeof file !== "string") return undefined;
  let document: unknown;
  try {
    document = JSON.parse(file);
  } catch {
    document = undefined;
  }
  if (isObject(document) && ("openapi" in document || "swagger" in document)) return undefined;
  return [{ field: "body.file", message: "must be an OpenAPI (Swagger) document in JSON" }];
};

/** Open.cx's rules, by operation (`"METHOD /path/{template}"`), for `specPreset` and `createRequestGuard`. */
export const OPENCX_RULES: Record<string, Rule> = {
  "GET /chat/sessions": sessionWindows,
  "POST /insights": insightWindow,
  "POST /training": trainingWindow,
  "PUT /training/{training_id}": trainingWindow,
  "POST /sequences": sequenceWindows,
  "PATCH /sequences/{sequence_id}": sequenceWindows,
  "PUT /actions": actionsDocument,
};
