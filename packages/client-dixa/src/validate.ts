// Client-side checks of the limits Dixa documents, run before the network. Hand-written rather than a
// JSON Schema validator (ajv) over the spec: the spec's schemas run to half a megabyte of types, a
// validator would multiply the client's size, and several rules (an interval's start before its end,
// unique agent ids, a webhook PATCH changing something) are clearer as code. The contract tests check
// these verdicts against Prism validating the same spec.
import { ValidationError, type ValidationIssue } from "@cxkit/client-core";
import type { WebhookEventType } from "./types.js";

export type { ValidationIssue };

/** Score range of each rating type: CSAT 1–5, NPS 0–10, thumbs 0 (down) or 1 (up). */
export const RATING_RANGES = {
  Csat: { min: 1, max: 5 },
  Nps: { min: 0, max: 10 },
  ThumbsUpOrDown: { min: 0, max: 1 },
} as const;
export type RatingKind = keyof typeof RATING_RANGES;
/** Search returns at most 50 hits per page. */
export const SEARCH_PAGE_LIMIT_MAX = 50;
/** `getUpcomingBusinessHours` looks 1 to 90 days ahead. */
export const UPCOMING_DAYS_MAX = 90;
/** At most 10 agents can be removed from a queue in one call. */
export const QUEUE_MEMBERS_REMOVE_MAX = 10;
export const CREATE_CONVERSATION_TYPES = ["Callback", "Chat", "ContactForm", "Email", "Sms"] as const;
export const ANALYTICS_PRESETS = [
  "Today",
  "Yesterday",
  "ThisWeek",
  "PreviousWeek",
  "ThisMonth",
  "PreviousMonth",
  "ThisQuarter",
  "PreviousQuarter",
  "ThisYear",
] as const;
/** The 32 event types a webhook subscription can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  "ConversationCreated",
  "ConversationOpen",
  "ConversationPending",
  "ConversationPendingExpired",
  "ConversationClosed",
  "ConversationAbandoned",
  "ConversationEnqueued",
  "ConversationAssigned",
  "ConversationUnassigned",
  "ConversationTransferred",
  "ConversationEndUserReplaced",
  "ConversationCustomAttributeUpdated",
  "ConversationMessageAdded",
  "ConversationNoteAdded",
  "ConversationTagAdded",
  "ConversationTagRemoved",
  "ConversationRated",
  "ConversationMessageDeliverySent",
  "ConversationMessageDeliveryDelivered",
  "ConversationMessageDeliverySeen",
  "ConversationMessageDeliveryFailed",
  "ConversationMessageDeliveryInfo",
  "ConversationMessageDeliverySpamComplaint",
  "SLAEvaluationPending",
  "SLAEvaluationAchieved",
  "SLAEvaluationBreached",
  "SLAEvaluationVoided",
  "AgentBannedEnduser",
  "AgentUnbannedEnduser",
  "AgentBannedIp",
  "AgentUnbannedIp",
  "TypingStarted",
] as const satisfies readonly WebhookEventType[];

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown before the network when a request breaks a documented limit. Names every offending field. */
export class DixaValidationError extends ValidationError {
  override name = "DixaValidationError";
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);
const oneOf = (values: readonly string[]) => `must be one of ${values.join(", ")}`;
const notObject = (field = "(body)"): ValidationIssue[] => [{ field, message: "must be an object" }];

function requireUuid(b: Record<string, unknown>, field: string, issues: ValidationIssue[], prefix = "") {
  if (typeof b[field] !== "string" || !UUID.test(b[field]))
    issues.push({ field: prefix + field, message: `is required and must be a UUID (got ${show(b[field])})` });
}

/** A submitted rating: `ratingResult._type` and a score within its type's range. */
export function validateRatingResult(body: unknown): ValidationIssue[] {
  if (!isObject(body)) return notObject();
  const result = body.ratingResult;
  if (!isObject(result)) return notObject("ratingResult");
  const kind = result._type as RatingKind;
  const range = RATING_RANGES[kind];
  if (typeof kind !== "string" || !range)
    return [
      { field: "ratingResult._type", message: `${oneOf(Object.keys(RATING_RANGES))} (got ${show(kind)})` },
    ];
  const { value } = result;
  if (!Number.isInteger(value) || (value as number) < range.min || (value as number) > range.max)
    return [
      {
        field: "ratingResult.value",
        message: `must be an integer from ${range.min} to ${range.max} for ${kind} (got ${show(value)})`,
      },
    ];
  return [];
}

/** A rating offer: `userId`, `agentId` (UUIDs) and `ratingType`. */
export function validateRatingOffer(body: unknown): ValidationIssue[] {
  if (!isObject(body)) return notObject();
  const issues: ValidationIssue[] = [];
  requireUuid(body, "userId", issues);
  requireUuid(body, "agentId", issues);
  if (!((body.ratingType as string) in RATING_RANGES))
    issues.push({
      field: "ratingType",
      message: `${oneOf(Object.keys(RATING_RANGES))} (got ${show(body.ratingType)})`,
    });
  return issues;
}

/** A new conversation: `_type` names the channel (Callback, Chat, ContactForm, Email, Sms). */
export function validateCreateConversation(body: unknown): ValidationIssue[] {
  if (!isObject(body)) return notObject();
  if (!CREATE_CONVERSATION_TYPES.includes(body._type as never))
    return [
      {
        field: "_type",
        message: `is required: ${oneOf(CREATE_CONVERSATION_TYPES)} (got ${show(body._type)})`,
      },
    ];
  const issues: ValidationIssue[] = [];
  requireUuid(body, "requesterId", issues);
  if (body._type === "Sms" && !/^\+[1-9][0-9]{1,14}$/.test(String(body.contactEndpointId)))
    issues.push({ field: "contactEndpointId", message: "must be an E.164 phone number for Sms" });
  return issues;
}

/** The deprecated `entityType` names `POST /anonymization` still accepts when `_type` is absent. */
const LEGACY_ANONYMIZATION_TYPES = [
  "ConversationAnonymizationType",
  "MessageAnonymizationType",
  "UserAnonymizationType",
];

/**
 * `POST /anonymization`: `_type` (User, Conversation, Message) and an `entityId` of the matching form, or the
 * deprecated form without `_type` that names the kind in `entityType` (any non-empty `entityId`).
 */
export function validateAnonymizeEntity(body: unknown): ValidationIssue[] {
  if (!isObject(body)) return notObject();
  const kinds = ["User", "Conversation", "Message"];
  if (body._type === undefined && body.entityType !== undefined) {
    const issues: ValidationIssue[] = [];
    if (!LEGACY_ANONYMIZATION_TYPES.includes(body.entityType as string))
      issues.push({
        field: "entityType",
        message: `${oneOf(LEGACY_ANONYMIZATION_TYPES)} (got ${show(body.entityType)})`,
      });
    if (typeof body.entityId !== "string" || body.entityId === "")
      issues.push({ field: "entityId", message: `is required (got ${show(body.entityId)})` });
    return issues;
  }
  if (!kinds.includes(body._type as string))
    return [{ field: "_type", message: `is required: ${oneOf(kinds)} (got ${show(body._type)})` }];
  const id = body.entityId;
  const ok = typeof id === "string" && (body._type === "Conversation" ? /^[0-9]+$/.test(id) : UUID.test(id));
  return ok
    ? []
    : [
        {
          field: "entityId",
          message: `must be ${body._type === "Conversation" ? "a conversation number (digits)" : "a UUID"} (got ${show(id)})`,
        },
      ];
}

/** `POST /search/conversations`: a non-empty `query.value` and a `filters.strategy` of All or Any. */
export function validateSearchInput(body: unknown): ValidationIssue[] {
  if (body === undefined || body === null) return [];
  if (!isObject(body)) return notObject();
  const issues: ValidationIssue[] = [];
  if (
    body.query !== undefined &&
    (!isObject(body.query) || typeof body.query.value !== "string" || !body.query.value)
  )
    issues.push({ field: "query.value", message: "must be a non-empty string" });
  if (body.filters !== undefined) {
    if (!isObject(body.filters)) issues.push(...notObject("filters"));
    else {
      if (!["All", "Any"].includes(body.filters.strategy as string))
        issues.push({
          field: "filters.strategy",
          message: `${oneOf(["All", "Any"])} (got ${show(body.filters.strategy)})`,
        });
      const conditions = body.filters.conditions;
      if (Array.isArray(conditions))
        conditions.forEach((c, i) => {
          if (!isObject(c) || !isObject(c.field) || typeof c.field._type !== "string")
            issues.push({ field: `filters.conditions[${i}].field._type`, message: "is required" });
          else if (!isObject(c.field.operator) || typeof c.field.operator._type !== "string")
            issues.push({ field: `filters.conditions[${i}].field.operator._type`, message: "is required" });
        });
    }
  }
  return issues;
}

/**
 * Analytics metric or record data: `id` and `timezone`; either a `periodFilter` (a Preset or an Interval
 * whose start is before its end) or a non-empty `csidFilter`, not both; filter values non-empty.
 */
export function validateAnalyticsQuery(body: unknown): ValidationIssue[] {
  if (!isObject(body)) return notObject();
  const issues: ValidationIssue[] = [];
  for (const field of ["id", "timezone"])
    if (typeof body[field] !== "string" || !body[field]) issues.push({ field, message: "is required" });
  const { periodFilter: period, csidFilter: csids, filters } = body;
  if (period !== undefined && csids !== undefined)
    issues.push({ field: "periodFilter", message: "and csidFilter are mutually exclusive" });
  if (csids !== undefined && (!Array.isArray(csids) || csids.length === 0 || !csids.every(Number.isInteger)))
    issues.push({ field: "csidFilter", message: "must be a non-empty array of conversation ids" });
  if (period !== undefined) {
    if (!isObject(period) || !["Preset", "Interval"].includes(period._type as string))
      issues.push({ field: "periodFilter._type", message: `is required: ${oneOf(["Preset", "Interval"])}` });
    else if (period._type === "Preset") {
      const value = period.value;
      if (!isObject(value) || !ANALYTICS_PRESETS.includes(value._type as never))
        issues.push({
          field: "periodFilter.value._type",
          message: `${oneOf(ANALYTICS_PRESETS)}, sent as {"_type": …} (got ${show(value)})`,
        });
    } else {
      const start = Date.parse(String(period.start));
      const end = Date.parse(String(period.end));
      if (Number.isNaN(start)) issues.push({ field: "periodFilter.start", message: "must be a date-time" });
      if (Number.isNaN(end)) issues.push({ field: "periodFilter.end", message: "must be a date-time" });
      if (start >= end)
        issues.push({ field: "periodFilter.start", message: "must be before periodFilter.end" });
    }
  }
  if (filters !== undefined) {
    if (!Array.isArray(filters)) issues.push({ field: "filters", message: "must be an array" });
    else
      filters.forEach((f, i) => {
        if (!isObject(f) || typeof f.attribute !== "string")
          issues.push({ field: `filters[${i}].attribute`, message: "is required" });
        if (!isObject(f) || !Array.isArray(f.values) || f.values.length === 0)
          issues.push({ field: `filters[${i}].values`, message: "must have at least one value" });
      });
  }
  return issues;
}

/** Queue membership changes: `agentIds`, `min`–`max` unique UUIDs. */
export function validateQueueMembers(body: unknown, min: number, max: number): ValidationIssue[] {
  if (!isObject(body)) return notObject();
  const ids = body.agentIds;
  if (!Array.isArray(ids) || ids.length < min || ids.length > max)
    return [
      {
        field: "agentIds",
        message: `must be an array of ${max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`} agent ids (got ${Array.isArray(ids) ? ids.length : show(ids)})`,
      },
    ];
  const issues: ValidationIssue[] = [];
  ids.forEach((id, i) => {
    if (typeof id !== "string" || !UUID.test(id))
      issues.push({ field: `agentIds[${i}]`, message: "must be a UUID" });
  });
  if (new Set(ids).size !== ids.length) issues.push({ field: "agentIds", message: "must not repeat an id" });
  return issues;
}

/** A webhook subscription: events unique and known, `authorization._type` set; a PATCH must change something. */
export function validateWebhookSubscription(body: unknown, mode: "create" | "patch"): ValidationIssue[] {
  if (!isObject(body)) return notObject();
  const issues: ValidationIssue[] = [];
  if (mode === "patch" && Object.keys(body).length === 0)
    return [{ field: "(body)", message: "must change at least one field" }];
  if (mode === "create")
    for (const field of ["name", "url"])
      if (typeof body[field] !== "string" || !body[field]) issues.push({ field, message: "is required" });
  if (body.events !== undefined) {
    if (!Array.isArray(body.events)) issues.push({ field: "events", message: "must be an array" });
    else {
      body.events.forEach((e, i) => {
        if (!WEBHOOK_EVENT_TYPES.includes(e as never))
          issues.push({ field: `events[${i}]`, message: `is not a Dixa event type (got ${show(e)})` });
      });
      if (new Set(body.events).size !== body.events.length)
        issues.push({ field: "events", message: "must not repeat an event" });
    }
  }
  const auth = body.authorization;
  const kinds = ["BasicAuth", "TokenAuth", "NoAuth"];
  if ((mode === "create" || auth !== undefined) && (!isObject(auth) || !kinds.includes(auth._type as string)))
    issues.push({ field: "authorization._type", message: `is required: ${oneOf(kinds)}` });
  return issues;
}

const SEARCH = new Set(["GET /search/conversations", "POST /search/conversations"]);

/** Query parameters outside their documented range: `pageLimit` ≥ 1 (≤ 50 for search), `days` 1–90. */
export function validateQueryParams(operation: string, query: URLSearchParams): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const int = (name: string, min: number, max: number) => {
    const raw = query.get(name);
    if (raw === null) return;
    const n = Number(raw);
    if (!/^-?[0-9]+$/.test(raw) || n < min || n > max)
      issues.push({
        field: name,
        message: `must be an integer from ${min}${max === Number.POSITIVE_INFINITY ? " up" : ` to ${max}`} (got ${raw})`,
      });
  };
  int("pageLimit", 1, SEARCH.has(operation) ? SEARCH_PAGE_LIMIT_MAX : Number.POSITIVE_INFINITY);
  if (operation === "GET /business-hours/schedules/{scheduleId}/upcoming") int("days", 1, UPCOMING_DAYS_MAX);
  if (operation === "GET /search/conversations" && !query.get("query"))
    issues.push({ field: "query", message: "is required and must not be empty" });
  return issues;
}
