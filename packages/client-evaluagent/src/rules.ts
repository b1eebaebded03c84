// EvaluAgent's request rules that a JSON Schema cannot express, keyed "METHOD /path" like the generated
// operations. client-core runs them after the spec's own constraints (src/generated/vendor.ts): in the
// client before the network, and in the MSW handlers of @cxkit/mock-evaluagent through the same guard.
// Everything else the spec says about a request (enums, patterns, required fields, UUIDs, page ≥ 1) is
// checked from the spec, never here.
//
// To add one: write `"METHOD /path/{template}": (call) => [...]`, returning the broken rules as
// `{ field, message }` with the field as the caller wrote it (`query.sort`, `body.data.id`) and a
// plain-word message, and give it one refusing and one accepted case in test/client.test.ts.
import { type RequestCall, type Rule, show, type ValidationIssue } from "@cxkit/client-core";
import { DATE_TIME_RANGE, EVALUAGENT_SPEC } from "./spec.js";

/**
 * A JSON:API update names its resource twice, in the path and as `data.id`; they must agree. A schema
 * sees the body alone, so it cannot compare it with the path.
 */
const sameIdAsPath: Rule = ({ params, body }) => {
  const id = params.path?.id;
  const bodyId = (body as { data?: { id?: unknown } } | null | undefined)?.data?.id;
  if (id === undefined || typeof bodyId !== "string" || bodyId === String(id)) return undefined;
  return [
    {
      field: "body.data.id",
      message: `must be the id in the path, ${show(String(id))} (got ${show(bodyId)})`,
    },
  ];
};

/**
 * A `filter[<field>;between]` range must not end before it starts (the spec: "the start should not be
 * after the end"). A pattern can say what each end looks like, not that one comes before the other.
 */
const ordered =
  (...names: string[]): Rule =>
  ({ params }) => {
    const issues: ValidationIssue[] = [];
    for (const name of names) {
      const value = params.query?.[name];
      // Not a range at all: the spec's pattern reports it. An end the pattern lets through that no
      // calendar has (month 13) parses to NaN and cannot be ordered: left to the server, as the spec does.
      if (typeof value !== "string" || !DATE_TIME_RANGE.test(value)) continue;
      const [from, to] = value.split(",").map((end) => end.trim()) as [string, string];
      if (Date.parse(from) > Date.parse(to))
        issues.push({
          field: `query.${name}`,
          message: `must not end before it starts (${from} is after ${to})`,
        });
    }
    return issues;
  };

/**
 * The body of a multipart-only operation must be sent as a form. The spec names the media type (the mock
 * answers 415 from it), but the client checks the body before it is serialised: only the call shows
 * whether it will leave as a form (a FormData body, or a `bodySerializer` such as `uploadAudio()`'s).
 */
const sentAsForm: Rule = (call: RequestCall) => {
  const { body, bodySerializer } = call;
  if (body === undefined || bodySerializer || (typeof FormData !== "undefined" && body instanceof FormData))
    return undefined;
  const types = Object.keys(EVALUAGENT_SPEC.operations[`${call.method} ${call.path}`]?.body?.content ?? {});
  return [
    { field: "body", message: `must be sent as ${types.join(" or ")}: use uploadAudio() or a FormData body` },
  ];
};

/** The rules, by operation. test/client.test.ts checks every `DateTimeRange` parameter of the spec is here. */
export const EVALUAGENT_RULES: Record<string, Rule> = {
  "PATCH /org/users/{id}": sameIdAsPath,
  "PATCH /org/groups/{id}": sameIdAsPath,
  "PATCH /org/roles/{id}": sameIdAsPath,
  "PATCH /performance/121s/{id}": sameIdAsPath,
  "GET /quality/evaluations": ordered("filter[published_at;between]"),
  "GET /analytics/conversations": ordered("filter[contact_date;between]"),
  "GET /performance/121s": ordered(
    "filter[created_at;between]",
    "filter[scheduled_date;between]",
    "filter[completed_at;between]",
  ),
  "POST /quality/imported-contacts/upload-audio": sentAsForm,
};
