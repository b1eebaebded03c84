// Client-side checks of the limits the Open.cx spec states (enums, ranges, formats, required fields),
// run before the network. Hand-written rather than a JSON Schema validator (ajv) over the spec: the rules
// are plain, a schema validator and the bundled spec would multiply the client's size, and its messages
// would name schema paths rather than the fields a caller wrote. test/client.test.ts checks these
// verdicts against the spec's own request examples and enums; the contract tests check them against
// Prism validating the same spec.
import { ValidationError, type ValidationIssue } from "@cxkit/client-core";
import type {
  Channel,
  ElevenLabsVoiceId,
  InsightCategoryType,
  InsightSearch,
  PhoneLanguage,
  Sentiment,
  SessionLanguage,
  SessionStatus,
  TrainingType,
} from "./types.js";

export type { ValidationIssue };

/** Thrown before the network when a request breaks a documented limit. Names every offending field. */
export class OpencxValidationError extends ValidationError {
  override name = "OpencxValidationError";
}

/** The largest `page`, `minSessions` and `insightNumber` the API accepts (2^53 − 1). */
export const MAX_SAFE_NUMBER = 9_007_199_254_740_991;
/** `limit` of `POST /chat/sessions/filter`: 1 to 100 sessions per page. */
export const FILTER_LIMIT_MAX = 100;
/** `call_max_duration`: at most six hours, in seconds. */
export const CALL_MAX_DURATION = 21_600;
/** A sequence's `custom_id`: at most 50 characters. */
export const CUSTOM_ID_MAX_LENGTH = 50;

export const CHANNELS = [
  "web",
  "email",
  "phone_voice",
  "slack",
  "sms",
  "whatsapp",
  "instagram",
  "messenger",
  "api",
  "web_voice",
] as const satisfies readonly Channel[];
export const SESSION_STATUSES = [
  "open",
  "closed_resolved",
  "closed_unresolved",
] as const satisfies readonly SessionStatus[];
export const SENTIMENTS = ["angry", "happy", "neutral"] as const satisfies readonly Sentiment[];
export const INSIGHT_STATUSES = ["all", "unresolved", "resolved", "archived"] as const;
export const INSIGHT_SORT_FIELDS = [
  "occurrence_count",
  "last_seen_at",
  "first_seen_at",
  "created_at",
] as const;
export const SORT_ORDERS = ["asc", "desc"] as const;
export const FILTER_SORT_FIELDS = ["last_message_at", "created_at"] as const;
export const INSIGHT_CATEGORY_TYPES = [
  "base",
  "suggested",
  "user_defined",
] as const satisfies readonly InsightCategoryType[];
// biome-ignore format: codes in rows
export const SESSION_LANGUAGES = [
  "el", "de", "fr", "it", "es", "pt", "nl", "da", "sv", "no", "fi", "pl", "cs", "sk", "hu", "ro", "bg", "hr", "sr",
  "uk", "ru", "tr", "en", "zh", "ja", "ko", "hi", "id", "ms", "th", "vi", "tl", "ar", "he", "fa", "af", "sw",
] as const satisfies readonly SessionLanguage[];
// biome-ignore format: codes in rows
export const PHONE_LANGUAGES = [
  "bg", "ca", "zh", "zh-TW", "cs", "da", "nl", "en", "et", "fi", "nl-BE", "fr", "de", "de-CH", "el", "hi", "hu",
  "id", "it", "ja", "ko", "lv", "lt", "ms", "multi", "no", "pl", "pt", "ro", "ru", "sk", "es", "sv", "th", "tr",
  "uk", "vi",
] as const satisfies readonly PhoneLanguage[];
/** The ElevenLabs default voices an AI phone agent may speak with. */
// biome-ignore format: ids in rows
export const ELEVENLABS_VOICE_IDS = [
  "hP72SDESIJq2YuAblBqz", "a38v0NaUbsvackET0tSL", "UR972wNGq3zluze0LoIp", "IOyj8WtBHdke2FjQgGAr",
  "6pVydnYcVtMsrrSeUKs6", "BafnizVJUkrZF7B8vAMB", "7ml0LUl80q5HrlC5rH5n", "2EUn20N7uqcXUxqGrJEF",
  "dRqoXefWJMo2lbk72Ucp", "3R4yOxfnii0AEiNj88t7", "AcERRlWeeyUhaV8Z6nI7", "CXlx1qNjAZaq99XYNLZl",
  "ktBW0zUVLSxdQiNCm7VY", "EOYxsIDQfFQEnzbIRe3T", "4h05pJAlcSqTMs5KRd8X", "H61ermx0gHYPgQYw03E4",
  "fc0bJMlcn2uSFDSWPMjI", "Yx8RZ6gdw0HEEzcwrVlS", "4CrZuIW9am7gYAxgo2Af", "x8udhExu0uJxUn4Tf9Az",
  "sY2peC9GbHX8NCy5enOe", "TxErUhYT25MQSG3MlH4A", "PoPHDFYHijTq7YiSCwE3", "tavIIPLplRB883FzWU0V",
  "RFMAYURhm3MdnPIzpcwm", "GiGOaehga8enaTnFQvb4", "jQWvT5ZpmLknePt8F1jr", "JjHBC66wF58p4ogebCNA",
  "cfO5AAIh6JY3KjKu6QRz", "IJOA5d06iGvU3ehQdDjg",
] as const satisfies readonly ElevenLabsVoiceId[];
export const SPEAKS_FIRST = ["assistant-speaks-first", "user-speaks-first"] as const;
export const TRAINING_TYPES = ["BEHAVIORAL", "SCENARIO_SPECIFIC"] as const satisfies readonly TrainingType[];

/** A UUID, as JSON Schema's `format: uuid` (and so the mock) accepts it. */
export const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
/** An email address, as JSON Schema's `format: email` accepts it. */
export const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
/** An RFC 3339 date-time with its zone (`format: date-time`), e.g. `2025-03-20T00:00:00Z`. */
export const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** A 3-digit US area code. */
export const AREA_CODE = /^[0-9]{3}$/;

type Issues = ValidationIssue[];
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const got = (v: unknown) => `(got ${v === undefined ? "nothing" : JSON.stringify(v)})`;
const join = (prefix: string, field: string) => (prefix ? `${prefix}.${field}` : field);
// JSON Schema's minLength/maxLength (and so the mock) count code points, not UTF-16 units.
const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

interface Opts {
  required?: boolean;
  nullable?: boolean;
}

/** Skips a value left out (unless required) or null (when nullable); true when it must be checked. */
function present(issues: Issues, field: string, value: unknown, o: Opts): boolean {
  if (value === undefined) {
    if (o.required) issues.push({ field, message: "is required" });
    return false;
  }
  if (value === null) {
    if (!o.nullable) issues.push({ field, message: "must not be null" });
    return false;
  }
  return true;
}

function oneOf(issues: Issues, field: string, value: unknown, allowed: readonly unknown[], o: Opts = {}) {
  if (!present(issues, field, value, o) || allowed.includes(value)) return;
  const list =
    allowed.length > 12 ? `one of the ${allowed.length} documented values` : `one of ${allowed.join(", ")}`;
  issues.push({ field, message: `must be ${list} ${got(value)}` });
}

function numeric(
  issues: Issues,
  field: string,
  value: unknown,
  o: Opts & { integer?: boolean; min?: number; max?: number; above?: number },
) {
  if (!present(issues, field, value, o)) return;
  const kind = o.integer ? "an integer" : "a number";
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (!o.integer || Number.isInteger(value)) &&
    (o.min === undefined || value >= o.min) &&
    (o.max === undefined || value <= o.max) &&
    (o.above === undefined || value > o.above);
  if (ok) return;
  const range = [
    o.above !== undefined ? `greater than ${o.above}` : undefined,
    o.min !== undefined ? `at least ${o.min}` : undefined,
    o.max !== undefined ? `at most ${o.max}` : undefined,
  ].filter(Boolean);
  issues.push({
    field,
    message: `must be ${kind}${range.length ? `, ${range.join(" and ")}` : ""} ${got(value)}`,
  });
}

function text(
  issues: Issues,
  field: string,
  value: unknown,
  o: Opts & { minLength?: number; maxLength?: number; format?: [RegExp, string] } = {},
) {
  if (!present(issues, field, value, o)) return;
  if (typeof value !== "string") {
    issues.push({ field, message: `must be a string ${got(value)}` });
    return;
  }
  if (o.minLength && codePoints(value) < o.minLength)
    issues.push({
      field,
      message: o.minLength === 1 ? "must not be empty" : `must have ${o.minLength}+ characters`,
    });
  if (o.maxLength !== undefined && codePoints(value) > o.maxLength)
    issues.push({ field, message: `must be at most ${o.maxLength} characters (got ${codePoints(value)})` });
  if (o.format && !o.format[0].test(value))
    issues.push({ field, message: `must be ${o.format[1]} ${got(value)}` });
}

function bool(issues: Issues, field: string, value: unknown, o: Opts = {}) {
  if (present(issues, field, value, o) && typeof value !== "boolean")
    issues.push({ field, message: `must be true or false ${got(value)}` });
}

function object(issues: Issues, field: string, value: unknown, o: Opts = {}): value is Json {
  if (!present(issues, field, value, o)) return false;
  if (isObject(value)) return true;
  issues.push({ field, message: "must be an object" });
  return false;
}

function array(
  issues: Issues,
  field: string,
  value: unknown,
  o: Opts & { minItems?: number } = {},
): value is unknown[] {
  if (!present(issues, field, value, o)) return false;
  if (!Array.isArray(value)) {
    issues.push({ field, message: "must be an array" });
    return false;
  }
  if (o.minItems && value.length < o.minItems)
    issues.push({ field, message: `must have at least ${o.minItems} item${o.minItems > 1 ? "s" : ""}` });
  return true;
}

function strings(
  issues: Issues,
  field: string,
  value: unknown,
  item: (f: string, v: unknown) => void = () => {},
) {
  if (!array(issues, field, value)) return;
  value.forEach((v, i) => {
    if (typeof v !== "string") issues.push({ field: `${field}[${i}]`, message: "must be a string" });
    else item(`${field}[${i}]`, v);
  });
}

const uuid: [RegExp, string] = [UUID, "a UUID"];
const email: [RegExp, string] = [EMAIL, "an email address"];
const dateTime: [RegExp, string] = [
  DATE_TIME,
  "an RFC 3339 date-time with a zone, e.g. 2025-03-20T00:00:00Z",
];

/** Runs `check` on an object body, or reports that the body is not one. */
const body =
  (check: (b: Json, issues: Issues) => void) =>
  (value: unknown): ValidationIssue[] => {
    if (!isObject(value)) return [{ field: "(body)", message: "must be a JSON object" }];
    const issues: Issues = [];
    check(value, issues);
    return issues;
  };

function customDataMatches(issues: Issues, field: string, value: unknown) {
  if (!array(issues, field, value, { nullable: true })) return;
  value.forEach((match, i) => {
    if (!object(issues, `${field}[${i}]`, match, { required: true })) return;
    for (const [key, v] of Object.entries(match))
      if (!["string", "number", "boolean"].includes(typeof v))
        issues.push({ field: `${field}[${i}].${key}`, message: "must be a string, number or boolean" });
  });
}

/** Every documented rule a `POST /insights` body breaks; an empty array means it may be sent. */
export const validateInsightSearch = body((b, issues) => {
  text(issues, "category", b.category, { nullable: true });
  oneOf(issues, "status", b.status, INSIGHT_STATUSES, { nullable: true });
  oneOf(issues, "sentiment", b.sentiment, SENTIMENTS, { nullable: true });
  oneOf(issues, "sortBy", b.sortBy, INSIGHT_SORT_FIELDS, { nullable: true });
  oneOf(issues, "sortOrder", b.sortOrder, SORT_ORDERS, { nullable: true });
  for (const field of ["minSessions", "insightNumber"])
    numeric(issues, field, b[field], { nullable: true, integer: true, min: 1, max: MAX_SAFE_NUMBER });
  text(issues, "search", b.search, { nullable: true });
  if (b.teamId !== undefined && b.teamId !== null && b.teamId !== "none")
    text(issues, "teamId", b.teamId, { format: [UUID, 'a team UUID, "none" (unassigned) or null'] });
  oneOf(issues, "sessionLanguage", b.sessionLanguage, SESSION_LANGUAGES, { nullable: true });
  oneOf(issues, "ticketSentiment", b.ticketSentiment, SENTIMENTS, { nullable: true });
  oneOf(issues, "channel", b.channel, CHANNELS, { nullable: true });
  text(issues, "sessionFromDate", b.sessionFromDate, { nullable: true });
  text(issues, "sessionToDate", b.sessionToDate, { nullable: true });
  oneOf(issues, "sessionStatus", b.sessionStatus, SESSION_STATUSES, { nullable: true });
  text(issues, "sessionContactId", b.sessionContactId, { nullable: true, format: uuid });
  customDataMatches(issues, "ticketCustomData", b.ticketCustomData);
  customDataMatches(issues, "contactCustomData", b.contactCustomData);
  // Only the maximum is documented (the response's own page may be 0): no lower bound.
  numeric(issues, "page", b.page, { integer: true, max: MAX_SAFE_NUMBER });
});

/** Every documented rule a `POST /chat/sessions/filter` body breaks. */
export const validateChatSessionFilter = body((b, issues) => {
  object(issues, "filters", b.filters);
  oneOf(issues, "sort_by", b.sort_by, FILTER_SORT_FIELDS);
  oneOf(issues, "sort_order", b.sort_order, SORT_ORDERS);
  numeric(issues, "page", b.page, { integer: true, min: 1 });
  numeric(issues, "limit", b.limit, { integer: true, min: 1, max: FILTER_LIMIT_MAX });
});

function stringMap(issues: Issues, field: string, value: unknown) {
  if (!object(issues, field, value)) return;
  for (const [key, v] of Object.entries(value))
    if (typeof v !== "string") issues.push({ field: `${field}.${key}`, message: "must be a string" });
}

/** Every documented rule a contact body (`createContact`, `updateContact`) breaks. */
export const validateContactWrite = body((b, issues) => {
  const c = b.contact;
  if (!object(issues, "contact", c, { required: true })) return;
  text(issues, "contact.email", c.email, { format: email });
  text(issues, "contact.phone", c.phone);
  text(issues, "contact.name", c.name);
  stringMap(issues, "contact.custom_data", c.custom_data);
});

/** Every documented rule a `createChatSession` body breaks. */
export const validateChatSessionCreate = body((b, issues) => {
  text(issues, "contact_id", b.contact_id, { format: uuid });
  if (object(issues, "channel", b.channel))
    oneOf(issues, "channel.type", b.channel.type, CHANNELS, { required: true });
});

/** Every documented rule an `updateChatSession` body breaks. */
export const validateChatSessionUpdate = body((b, issues) => {
  oneOf(issues, "status", b.status, SESSION_STATUSES);
  bool(issues, "generate_summary_and_sentiment_on_resolve", b.generate_summary_and_sentiment_on_resolve);
  bool(issues, "reflect_status_change_for_integration", b.reflect_status_change_for_integration);
  object(issues, "session_closed_payload", b.session_closed_payload);
});

/** Every documented rule a `sendChatMessage` body breaks: `sender` is `contact`, the text is not empty. */
export const validateChatMessage = body((b, issues) => {
  oneOf(issues, "sender", b.sender, ["contact"], { required: true });
  if (!object(issues, "message", b.message, { required: true })) return;
  oneOf(issues, "message.type", b.message.type, ["text"], { required: true });
  text(issues, "message.text", b.message.text, { required: true, minLength: 1 });
});

/** The settings creation, update and a call's `options` share. */
function phoneSettings(issues: Issues, prefix: string, b: Json) {
  const f = (field: string) => join(prefix, field);
  for (const field of ["name", "base_prompt", "handoff_phone_number", "awaiting_response_messages"])
    text(issues, f(field), b[field]);
  oneOf(issues, f("elevenlabs_voice_id"), b.elevenlabs_voice_id, ELEVENLABS_VOICE_IDS);
  oneOf(issues, f("language"), b.language, PHONE_LANGUAGES);
  bool(issues, f("emotion_recognition"), b.emotion_recognition);
  numeric(issues, f("voice_speed"), b.voice_speed, { above: 0 });
  oneOf(issues, f("speaks_first"), b.speaks_first, SPEAKS_FIRST);
  for (const field of [
    "wait_time_before_ending_call",
    "awaiting_response_max_spoken_count",
    "awaiting_response_timeout",
  ])
    numeric(issues, f(field), b[field], { min: 0 });
  numeric(issues, f("call_max_duration"), b.call_max_duration, { min: 0, max: CALL_MAX_DURATION });
}

/** Every documented rule a `createPhoneAgent` body breaks (3-digit US area code, voice required…). */
export const validatePhoneAgentCreate = body((b, issues) => {
  text(issues, "area_code", b.area_code, { required: true, format: [AREA_CODE, "a 3-digit US area code"] });
  if (b.elevenlabs_voice_id === undefined)
    issues.push({ field: "elevenlabs_voice_id", message: "is required" });
  phoneSettings(issues, "", b);
  text(issues, "greeting_message", b.greeting_message);
  text(issues, "end_call_message", b.end_call_message);
});

/** Every documented rule an `updatePhoneAgent` body breaks. */
export const validatePhoneAgentUpdate = body((b, issues) => {
  phoneSettings(issues, "", b);
  text(issues, "initial_message", b.initial_message);
});

/** Every documented rule a `makePhoneCall` body breaks: a contact by UUID or phone number. */
export const validatePhoneCall = body((b, issues) => {
  if (object(issues, "contact", b.contact, { required: true }))
    contactRef(issues, "contact", b.contact, false);
  if (object(issues, "options", b.options)) {
    phoneSettings(issues, "options", b.options);
    text(issues, "options.initial_message", b.options.initial_message);
  }
});

/** `anyOf` by id / (email) / phone number: one branch must hold. */
function contactRef(issues: Issues, field: string, c: Json, byEmail: boolean) {
  const byId = typeof c.id === "string" && UUID.test(c.id);
  const byPhone = typeof c.phone_number === "string" && c.phone_number.length > 0;
  const byMail = byEmail && typeof c.email === "string" && EMAIL.test(c.email);
  if (byId || byPhone || byMail) return;
  issues.push({
    field,
    message: `needs an id (a UUID)${byEmail ? ", an email address" : ""} or a non-empty phone_number ${got(c)}`,
  });
}

/** Every documented rule a `sendEmails` body breaks (sender and recipients' addresses, delay > 0…). */
export const validateEmailSend = body((b, issues) => {
  text(issues, "from_email", b.from_email, { required: true, format: email });
  if (array(issues, "recipients", b.recipients, { required: true, minItems: 1 }))
    b.recipients.forEach((r, i) => {
      const at = `recipients[${i}]`;
      if (!object(issues, at, r, { required: true })) return;
      text(issues, `${at}.to_email`, r.to_email, { required: true, format: email });
      for (const field of ["email_body", "email_subject", "email_sender_name"])
        text(issues, `${at}.${field}`, r[field]);
      bool(issues, `${at}.email_is_transactional`, r.email_is_transactional);
    });
  numeric(issues, "delay_in_minutes", b.delay_in_minutes, { above: 0 });
  for (const field of ["fallback_email_subject", "fallback_email_sender_name", "fallback_email_body"])
    text(issues, field, b[field]);
});

function contactsFilter(issues: Issues, at: string, f: unknown) {
  if (!object(issues, at, f, { required: true })) return;
  switch (f.type) {
    case "contact_id_in":
      strings(
        issues,
        `${at}.contact_ids`,
        f.contact_ids ?? missing(issues, `${at}.contact_ids`),
        (field, v) => text(issues, field, v, { format: uuid }),
      );
      return;
    case "contacts_created_at_between":
      for (const side of ["after", "before"])
        text(issues, `${at}.${side}`, f[side], { required: true, nullable: true, format: dateTime });
      return;
    case "contacts_email_domain_name_in":
      strings(issues, `${at}.domain_name_in`, f.domain_name_in ?? missing(issues, `${at}.domain_name_in`));
      return;
    case "contacts_affected_by_sequence":
      text(issues, `${at}.sequence_id`, f.sequence_id, { required: true });
      return;
    default:
      oneOf(
        issues,
        `${at}.type`,
        f.type,
        [
          "contact_id_in",
          "contacts_created_at_between",
          "contacts_email_domain_name_in",
          "contacts_affected_by_sequence",
        ],
        { required: true },
      );
  }
}

/** Reports a required array as missing; returns null so the caller's check stops there. */
const missing = (issues: Issues, field: string) => {
  issues.push({ field, message: "is required" });
  return null;
};

function sequenceStep(issues: Issues, at: string, step: unknown) {
  if (!object(issues, at, step, { required: true })) return;
  numeric(issues, `${at}.delay_in_minutes`, step.delay_in_minutes, { min: 0 });
  const action = step.action;
  if (!object(issues, `${at}.action`, action, { required: true })) return;
  const data = `${at}.action.data`;
  if (action.type === "send_emails") {
    if (!object(issues, data, action.data, { required: true })) return;
    text(issues, `${data}.from_email`, action.data.from_email, { required: true, format: email });
    for (const field of ["email_subject", "email_body", "email_sender_name"])
      text(issues, `${data}.${field}`, action.data[field], { required: true });
    bool(issues, `${data}.email_is_transactional`, action.data.email_is_transactional, { required: true });
  } else if (action.type === "make_phone_calls") object(issues, data, action.data, { required: true });
  else
    oneOf(issues, `${at}.action.type`, action.type, ["send_emails", "make_phone_calls"], { required: true });
}

function sequence(b: Json, issues: Issues, create: boolean) {
  text(issues, "name", b.name);
  text(issues, "custom_id", b.custom_id, { maxLength: CUSTOM_ID_MAX_LENGTH });
  bool(issues, "is_continuous", b.is_continuous);
  if (
    object(issues, "filter", b.filter, { required: create }) &&
    array(issues, "filter.or", b.filter.or, { required: true, minItems: 1 })
  )
    b.filter.or.forEach((alternative, i) => {
      const at = `filter.or[${i}]`;
      if (
        object(issues, at, alternative, { required: true }) &&
        array(issues, `${at}.and`, alternative.and, { required: true })
      )
        for (const [j, f] of alternative.and.entries()) contactsFilter(issues, `${at}.and[${j}]`, f);
    });
  if (array(issues, "steps", b.steps, { required: create, minItems: 1 }))
    for (const [i, step] of b.steps.entries()) sequenceStep(issues, `steps[${i}]`, step);
}

/** Every documented rule a `createSequence` body breaks (filter and steps required, custom_id ≤ 50…). */
export const validateSequenceCreate = body((b, issues) => sequence(b, issues, true));
/** Every documented rule an `updateSequence` body breaks. */
export const validateSequenceUpdate = body((b, issues) => sequence(b, issues, false));

/** Every documented rule an `addContactsToSequence` body breaks: at least one contact, each by id, email or phone. */
export const validateSequenceContacts = body((b, issues) => {
  if (array(issues, "contacts", b.contacts, { required: true, minItems: 1 }))
    b.contacts.forEach((c, i) => {
      if (object(issues, `contacts[${i}]`, c, { required: true }))
        contactRef(issues, `contacts[${i}]`, c, true);
    });
});

/** Every documented rule a training body (`createTraining`, `updateTraining`) breaks. */
export const validateTrainingWrite = body((b, issues) => {
  text(issues, "title", b.title, { required: true, minLength: 1 });
  text(issues, "content", b.content, { required: true, minLength: 1 });
  oneOf(issues, "type", b.type, TRAINING_TYPES);
  bool(issues, "is_draft", b.is_draft);
  text(issues, "directory_id", b.directory_id, { nullable: true });
  strings(issues, "restricted_to_channels", b.restricted_to_channels);
  strings(issues, "restricted_to_segments", b.restricted_to_segments);
  if (b.metadata !== null) object(issues, "metadata", b.metadata);
  for (const field of ["start_time", "end_time"])
    text(issues, field, b[field], { nullable: true, format: dateTime });
});

/** The parameters openapi-fetch was given: `{path?, query?}`. */
export interface RequestParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
}

/** Path ids: any non-empty string, as the vendor's published spec types them (the API returns UUIDs). */
const ID_PATH_PARAMS = ["id", "contact_id", "session_id", "phone_number_id", "sequence_id", "training_id"];

/**
 * Every documented rule the path and query parameters of `METHOD /path/template` break: non-empty ids
 * and cursor, the enums and boolean of `GET /chat/sessions` and `GET /insights/categories`.
 */
export function validateParams(operation: string, params: RequestParams = {}): ValidationIssue[] {
  const issues: Issues = [];
  const path = params.path ?? {};
  const query = params.query ?? {};
  for (const name of ID_PATH_PARAMS)
    if (name in path) text(issues, name, path[name], { required: true, minLength: 1 });
  text(issues, "cursor", query.cursor, { minLength: 1 });
  if (operation === "GET /chat/sessions") {
    oneOf(issues, "status", query.status, SESSION_STATUSES);
    oneOf(issues, "channel_type", query.channel_type, CHANNELS);
    bool(issues, "handed_off", query.handed_off);
  }
  if (operation === "GET /insights/categories") oneOf(issues, "type", query.type, INSIGHT_CATEGORY_TYPES);
  return issues;
}

/** Narrows `body` to a valid `POST /insights` body or throws {@link OpencxValidationError}. */
export function assertValidInsightSearch(body: unknown): asserts body is InsightSearch {
  const issues = validateInsightSearch(body);
  if (issues.length) throw new OpencxValidationError(issues, "insight search");
}
