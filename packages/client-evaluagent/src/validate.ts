// Client-side checks of what the EvaluAgent spec documents, run before the network. Hand-written rather
// than a JSON Schema validator (ajv) over the spec: the rules are few, several cannot be written in the
// schema at all (a range's start after its end, `data.id` equal to the path id, the agent named by id or
// email), and a schema validator would multiply the client's size. test/client.test.ts checks these
// verdicts against the spec's own examples and enums; the contract tests check that Prism, validating
// the same spec, refuses what they refuse.
import { ValidationError, type ValidationIssue } from "@cxkit/client-core";
import type { ConversationAnalyticsSort, EvaluationSort, ImportedContact, OneToOneSort } from "./types.js";

export type { ValidationIssue };

/** Thrown before the network when a request breaks a documented rule; names every offending field. */
export class EvaluagentValidationError extends ValidationError {
  override name = "EvaluagentValidationError";
}

const sorts = <S extends string>(fields: readonly S[]) => fields.flatMap((f) => [f, `-${f}`]);
export const EVALUATION_SORTS = sorts([
  "published_at",
  "date_published",
  "updated_at",
  "reference",
  "score",
  "agent_name",
  "evaluator_name",
]) as readonly EvaluationSort[];
/** The 121 list's sort enum plus the fields its prose names (the vendor page gives both). */
export const ONE_TO_ONE_SORTS = sorts([
  "scheduled_date",
  "started_at",
  "completed_at",
  "topic",
  "participant",
  "published_at",
  "date_published",
  "created_at",
  "updated_at",
  "reference",
  "score",
  "agent_name",
  "evaluator_name",
]) as readonly OneToOneSort[];
export const CONVERSATION_ANALYTICS_SORTS = sorts(["contact_date"]) as readonly ConversationAnalyticsSort[];
export const EVALUATION_INCLUDES = ["contact", "evaluator", "agent"] as const;

const DATE_TIME_SOURCE =
  "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])";
/** An ISO 8601 / RFC 3339 date-time with a zone (`Z` or an offset), as every timestamp of the API. */
export const DATE_TIME = new RegExp(`^${DATE_TIME_SOURCE}$`);
/** A `filter[<field>;between]` value: two date-times joined by a comma and at most one space. */
export const DATE_TIME_RANGE = new RegExp(`^(${DATE_TIME_SOURCE}), ?(${DATE_TIME_SOURCE})$`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Formats two instants as a `filter[<field>;between]` range: `2023-05-01T00:00:00.000Z,2023-05-31T…`. */
export const dateTimeRange = (from: Date, to: Date): string => `${from.toISOString()},${to.toISOString()}`;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const isDateTime = (v: unknown) => typeof v === "string" && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v));
const nonEmpty = (v: unknown) => typeof v === "string" && v.length > 0;

class Issues {
  list: ValidationIssue[] = [];
  add(field: string, message: string) {
    this.list.push({ field, message });
  }
  check(ok: boolean, field: string, message: string) {
    if (!ok) this.add(field, message);
    return ok;
  }
}

// ---- Query parameters ---------------------------------------------------------------------------

function range(q: Record<string, unknown>, name: string, out: Issues, required = false) {
  const value = q[name];
  if (value === undefined) {
    if (required) out.add(name, "is required: a range such as 2023-05-01T00:00:00Z,2023-05-31T00:00:00Z");
    return;
  }
  const m = typeof value === "string" ? DATE_TIME_RANGE.exec(value) : null;
  const [from, to] = m ? [Date.parse(m[1]!), Date.parse(m[8]!)] : [Number.NaN, Number.NaN];
  if (Number.isNaN(from) || Number.isNaN(to))
    out.add(name, `must be two ISO 8601 date-times joined by a comma (got ${show(value)})`);
  else out.check(from <= to, name, "must not start after it ends");
}

function oneOf(q: Record<string, unknown>, name: string, allowed: readonly string[], out: Issues) {
  const value = q[name];
  if (value !== undefined)
    out.check(
      allowed.includes(value as string),
      name,
      `must be one of ${allowed.join(", ")} (got ${show(value)})`,
    );
}

function page(q: Record<string, unknown>, out: Issues) {
  const value = q["page[number]"];
  if (value !== undefined)
    out.check(
      Number.isInteger(Number(value)) && Number(value) >= 1 && value !== "",
      "page[number]",
      `must be an integer ≥ 1 (got ${show(value)})`,
    );
}

function uuid(value: unknown, name: string, out: Issues) {
  if (value !== undefined) out.check(typeof value === "string" && UUID.test(value), name, "must be a UUID");
}

function nonEmptyParam(q: Record<string, unknown>, name: string, out: Issues) {
  if (q[name] !== undefined) out.check(nonEmpty(q[name]), name, "must be a non-empty string");
}

/**
 * Every documented rule the query (and path) parameters of `METHOD /path/{template}` break: date
 * ranges (format, and start ≤ end), the required `filter[contact_date;between]`, `sort` and `include`
 * values, `page[number]` ≥ 1, UUIDs for topics, participants, facilitators and 121 ids.
 */
export function validateParams(
  operation: string,
  params: { query?: Record<string, unknown>; path?: Record<string, unknown> } = {},
): ValidationIssue[] {
  const q = params.query ?? {};
  const out = new Issues();
  switch (operation) {
    case "GET /org/users":
      nonEmptyParam(q, "filter[email]", out);
      nonEmptyParam(q, "filter[username]", out);
      break;
    case "GET /org/groups":
      if (q.show_inactive !== undefined)
        out.check(
          [true, false, "true", "false"].includes(q.show_inactive as never),
          "show_inactive",
          "must be true or false",
        );
      break;
    case "GET /quality/evaluations":
      range(q, "filter[published_at;between]", out);
      oneOf(q, "sort", EVALUATION_SORTS, out);
      oneOf(q, "include", ["contacts"], out);
      page(q, out);
      break;
    case "GET /quality/evaluations/{id}": {
      const include = q.include;
      if (include === undefined) break;
      const list = Array.isArray(include) ? include : [include];
      out.check(list.length > 0, "include", "must name at least one record type");
      for (const v of list)
        out.check(
          EVALUATION_INCLUDES.includes(v as never),
          "include",
          `must list only ${EVALUATION_INCLUDES.join(", ")} (got ${show(v)})`,
        );
      out.check(new Set(list).size === list.length, "include", "must not repeat a value");
      break;
    }
    case "GET /analytics/conversations": {
      range(q, "filter[contact_date;between]", out, true);
      const topics = q["filter[insight_topics][]"];
      if (topics !== undefined) {
        const list = Array.isArray(topics) ? topics : [topics];
        out.check(list.length > 0, "filter[insight_topics][]", "must list at least one topic");
        list.forEach((t, i) => {
          uuid(t, `filter[insight_topics][][${i}]`, out);
        });
      }
      oneOf(q, "sort", CONVERSATION_ANALYTICS_SORTS, out);
      nonEmptyParam(q, "integration", out);
      page(q, out);
      break;
    }
    case "GET /performance/121s":
      for (const f of ["created_at", "scheduled_date", "completed_at"]) range(q, `filter[${f};between]`, out);
      uuid(q["filter[participant]"], "filter[participant]", out);
      uuid(q["filter[facilitator]"], "filter[facilitator]", out);
      oneOf(q, "sort", ONE_TO_ONE_SORTS, out);
      page(q, out);
      break;
    case "GET /performance/121s/{id}":
    case "PATCH /performance/121s/{id}":
    case "DELETE /performance/121s/{id}":
      uuid(params.path?.id, "id", out);
      break;
  }
  return out.list;
}

// ---- Bodies -------------------------------------------------------------------------------------

function identifier(value: unknown, type: string, field: string, out: Issues, nullable = false) {
  if (nullable && value === null) return;
  if (!isObject(value)) {
    out.add(field, `must be a ${type} identifier {type: "${type}", id}${nullable ? " or null" : ""}`);
    return;
  }
  out.check(value.type === type, `${field}.type`, `must be "${type}" (got ${show(value.type)})`);
  out.check(nonEmpty(value.id), `${field}.id`, "must be a non-empty string");
}

function identifiers(value: unknown, type: string, field: string, out: Issues, min: number) {
  if (!Array.isArray(value)) {
    out.add(field, `must be an array of ${type} identifiers`);
    return;
  }
  out.check(value.length >= min, field, `must list at least ${min} ${type}`);
  value.forEach((v, i) => {
    identifier(v, type, `${field}[${i}]`, out);
  });
  const ids = value.map((v) => (isObject(v) ? v.id : v));
  out.check(new Set(ids).size === ids.length, field, "must not list the same id twice");
}

/** `{ data: <identifier> }` (or `{ data: null }` when nullable) at `field`. */
function toOne(rels: Record<string, unknown>, name: string, type: string, out: Issues, nullable = false) {
  const rel = rels[name];
  const field = `data.relationships.${name}`;
  if (!isObject(rel) || !("data" in rel)) out.add(field, `must be {data: {type: "${type}", id}}`);
  else identifier(rel.data, type, `${field}.data`, out, nullable);
}

function toMany(rels: Record<string, unknown>, name: string, type: string, out: Issues, min: number) {
  const rel = rels[name];
  const field = `data.relationships.${name}`;
  if (!isObject(rel)) out.add(field, `must be {data: [{type: "${type}", id}, …]}`);
  else identifiers(rel.data, type, `${field}.data`, out, min);
}

function text(attrs: Record<string, unknown>, name: string, out: Issues, required: boolean) {
  if (attrs[name] === undefined && !required) return;
  out.check(nonEmpty(attrs[name]), `data.attributes.${name}`, "must be a non-empty string");
}

function email(attrs: Record<string, unknown>, name: string, out: Issues, required: boolean) {
  if (attrs[name] === undefined && !required) return;
  out.check(
    typeof attrs[name] === "string" && EMAIL.test(attrs[name] as string),
    `data.attributes.${name}`,
    "must be an email address",
  );
}

function bool(attrs: Record<string, unknown>, name: string, out: Issues) {
  if (attrs[name] !== undefined)
    out.check(typeof attrs[name] === "boolean", `data.attributes.${name}`, "must be a boolean");
}

function dateTime(value: unknown, field: string, out: Issues, required: boolean) {
  if (value === undefined && !required) return;
  out.check(isDateTime(value), field, `must be an ISO 8601 date-time such as 2024-05-02T14:31:07Z`);
}

/** The resource object of a create/update document: `data` with `type`, and `attributes`/`relationships`. */
function resource(body: unknown, type: string, out: Issues, update: boolean) {
  if (!isObject(body) || !isObject(body.data)) {
    out.add("data", `must be a ${type} resource object`);
    return undefined;
  }
  const data = body.data;
  out.check(data.type === type, "data.type", `must be "${type}" (got ${show(data.type)})`);
  if (update) {
    out.check(nonEmpty(data.id), "data.id", "must be the id of the resource to update");
    out.check(
      data.attributes !== undefined || data.relationships !== undefined,
      "data",
      "must change something: give attributes or relationships",
    );
  }
  for (const member of ["attributes", "relationships"] as const) {
    const value = data[member];
    if (value === undefined) continue;
    if (!isObject(value)) out.add(`data.${member}`, "must be an object");
    else if (update) out.check(Object.keys(value).length > 0, `data.${member}`, "must not be empty");
  }
  return {
    attrs: isObject(data.attributes) ? data.attributes : {},
    rels: isObject(data.relationships) ? data.relationships : {},
    data,
  };
}

function userBody(update: boolean) {
  return (body: unknown) => {
    const out = new Issues();
    const r = resource(body, "users", out, update);
    if (!r) return out.list;
    if (!update)
      out.check(isObject(r.data.relationships), "data.relationships", "must give the user's roles");
    text(r.attrs, "fullname", out, !update);
    email(r.attrs, "email", out, !update);
    text(r.attrs, "username", out, false);
    bool(r.attrs, "active", out);
    if (!update || r.rels.roles !== undefined) toMany(r.rels, "roles", "roles", out, 1);
    if (r.rels["agent-team"] !== undefined) toOne(r.rels, "agent-team", "groups", out, true);
    return out.list;
  };
}

function groupBody(update: boolean) {
  return (body: unknown) => {
    const out = new Issues();
    const r = resource(body, "groups", out, update);
    if (!r) return out.list;
    text(r.attrs, "name", out, !update);
    bool(r.attrs, "active", out);
    if (!update || r.rels.level !== undefined) toOne(r.rels, "level", "levels", out);
    if (r.rels.parent !== undefined) toOne(r.rels, "parent", "groups", out, true);
    return out.list;
  };
}

function roleBody(update: boolean) {
  return (body: unknown) => {
    const out = new Issues();
    const r = resource(body, "roles", out, update);
    if (!r) return out.list;
    text(r.attrs, "name", out, !update);
    if (r.rels.abilities !== undefined) toMany(r.rels, "abilities", "abilities", out, 0);
    return out.list;
  };
}

function oneToOneBody(update: boolean) {
  return (body: unknown) => {
    const out = new Issues();
    const r = resource(body, "121s", out, update);
    if (!r) return out.list;
    if (update) uuid(r.data.id, "data.id", out);
    dateTime(r.attrs.scheduled_date, "data.attributes.scheduled_date", out, !update);
    if (r.attrs.notes !== undefined)
      out.check(
        r.attrs.notes === null || typeof r.attrs.notes === "string",
        "data.attributes.notes",
        "must be a string or null",
      );
    for (const [name, type] of [
      ["topic", "121-topics"],
      ["participant", "users"],
      ["facilitator", "users"],
    ] as const)
      if (!update || r.rels[name] !== undefined) toOne(r.rels, name, type, out);
    return out.list;
  };
}

function agentsBody(min: number) {
  return (body: unknown) => {
    const out = new Issues();
    if (!isObject(body)) return [{ field: "data", message: "must be a list of user identifiers" }];
    identifiers(body.data, "users", "data", out, min);
    return out.list;
  };
}

/**
 * Every documented rule an imported contact (the `data` of `createImportedContact`) breaks: reference,
 * channel and contact date required, the agent named by `agent_id` (UUID) or `agent_email`, date-times,
 * whole non-negative `handling_time`, messages, string or number metadata.
 */
export function validateImportedContact(contact: unknown): ValidationIssue[] {
  if (!isObject(contact)) return [{ field: "data", message: "must be an object" }];
  const out = new Issues();
  const c = contact;
  out.check(nonEmpty(c.reference), "data.reference", "is required and must be a non-empty string");
  out.check(nonEmpty(c.channel), "data.channel", "is required and must be a non-empty string");
  dateTime(c.contact_date, "data.contact_date", out, true);
  if (c.agent_id === undefined && c.agent_email === undefined)
    out.add("data.agent_id", "or data.agent_email is required: name the agent who handled the conversation");
  uuid(c.agent_id, "data.agent_id", out);
  if (c.agent_email !== undefined)
    out.check(
      typeof c.agent_email === "string" && EMAIL.test(c.agent_email),
      "data.agent_email",
      "must be an email address",
    );
  dateTime(c.assigned_at, "data.assigned_at", out, false);
  dateTime(c.solved_at, "data.solved_at", out, false);
  if (c.external_url !== undefined)
    out.check(
      typeof c.external_url === "string" && URL.canParse(c.external_url),
      "data.external_url",
      "must be an absolute URL",
    );
  if (c.handling_time !== undefined)
    out.check(
      Number.isInteger(c.handling_time) && (c.handling_time as number) >= 0,
      "data.handling_time",
      "must be a whole number of seconds ≥ 0",
    );
  if (c.audio_file_path !== undefined)
    out.check(nonEmpty(c.audio_file_path), "data.audio_file_path", "must be the path the upload returned");
  if (c.responses_stored_externally !== undefined)
    out.check(
      [true, false, "true", "false"].includes(c.responses_stored_externally as never),
      "data.responses_stored_externally",
      'must be a boolean or "true"/"false"',
    );
  if (c.responses !== undefined) {
    if (!Array.isArray(c.responses)) out.add("data.responses", "must be an array of messages");
    else
      c.responses.forEach((m, i) => {
        const f = `data.responses[${i}]`;
        if (!isObject(m)) {
          out.add(f, "must be a message object");
          return;
        }
        out.check(
          typeof m.speaker_is_customer === "boolean",
          `${f}.speaker_is_customer`,
          "must be a boolean",
        );
        out.check(typeof m.message === "string", `${f}.message`, "must be a string");
        dateTime(m.message_created_at, `${f}.message_created_at`, out, true);
      });
  }
  if (c.metadata !== undefined) {
    if (!isObject(c.metadata)) out.add("data.metadata", "must be an object");
    else
      for (const [k, v] of Object.entries(c.metadata))
        out.check(
          ["string", "number"].includes(typeof v),
          `data.metadata.${k}`,
          "must be a string or number",
        );
  }
  return out.list;
}

/** Narrows `contact` to a valid {@link ImportedContact} or throws {@link EvaluagentValidationError}. */
export function assertValidImportedContact(contact: unknown): asserts contact is ImportedContact {
  const issues = validateImportedContact(contact);
  if (issues.length) throw new EvaluagentValidationError(issues, "imported contact");
}

/** Body rules by `METHOD /path/{template}`, for client-core's `validateBodies`. */
export const BODY_RULES: Record<string, (body: unknown) => ValidationIssue[]> = {
  "POST /org/users": userBody(false),
  "PATCH /org/users/{id}": userBody(true),
  "POST /org/groups": groupBody(false),
  "PATCH /org/groups/{id}": groupBody(true),
  "POST /org/roles": roleBody(false),
  "PATCH /org/roles/{id}": roleBody(true),
  "POST /performance/121s": oneToOneBody(false),
  "PATCH /performance/121s/{id}": oneToOneBody(true),
  "POST /quality/imported-contacts": (body) =>
    isObject(body) ? validateImportedContact(body.data) : [{ field: "data", message: "is required" }],
  "PUT /quality/work-queue-templates/{id}/agents": agentsBody(0),
  "POST /quality/work-queue-templates/{id}/agents": agentsBody(1),
  "DELETE /quality/work-queue-templates/{id}/agents": agentsBody(1),
};
