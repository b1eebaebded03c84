// The Dixa spec as run-time data, and the constants users import, all read off the generated modules
// (src/generated/vendor.ts, src/generated/openapi.ts): nothing here restates the spec.
import type { Schema, SchemaObject, VendorSpec } from "@cxkit/client-core";
import { operations, schemas } from "./generated/constraints.js";
import { analyticsPresetValue_typeValues, webhookEventTypeValues } from "./generated/openapi.js";
import { vendor } from "./generated/vendor.js";
import type { CreateConversationInput, RatingType } from "./types.js";

/** Servers, auth, rate limit, error shape and every operation's request constraints, from the spec. */
export const DIXA_SPEC: VendorSpec = { vendor, operations, schemas };

export { DIXA_BASE_URL, DIXA_BASE_URLS, DIXA_ORIGIN, type DixaVersion } from "./servers.js";

const deref = (s: Schema | undefined): SchemaObject => {
  const r = typeof s === "object" && s.$ref !== undefined ? schemas[s.$ref] : s;
  return typeof r === "object" ? (r.$ref === undefined ? r : deref(r)) : {};
};
const jsonBody = (key: string) => deref(operations[key]?.body?.content["application/json"]);
const param = (key: string, name: string) =>
  deref(operations[key]?.params?.find((p) => p.name === name)?.schema);
/** The `const` of each `_type`-tagged branch of a union. */
const tags = (union: SchemaObject) =>
  (union.oneOf ?? []).map((b) => deref(b).properties?._type).map((t) => deref(t).const);

/** `pageLimit`'s maximum on search (GET and POST); `Infinity` if the spec sets none. */
export const SEARCH_PAGE_LIMIT_MAX: number =
  param("POST /search/conversations", "pageLimit").maximum ?? Number.POSITIVE_INFINITY;
/** How far ahead `getUpcomingBusinessHours` looks at most (`days`' maximum). */
export const UPCOMING_DAYS_MAX: number =
  param("GET /business-hours/schedules/{scheduleId}/upcoming", "days").maximum ?? Number.POSITIVE_INFINITY;
/** How many agents one `removeQueueMembers` call may remove (`agentIds`' `maxItems`). */
export const QUEUE_MEMBERS_REMOVE_MAX: number =
  deref(jsonBody("DELETE /queues/{queueId}/members").properties?.agentIds).maxItems ??
  Number.POSITIVE_INFINITY;

/** The channels `createConversation` takes, by `_type` (the branches of `CreateConversationInput`). */
export const CREATE_CONVERSATION_TYPES = tags(
  jsonBody("POST /conversations"),
) as readonly CreateConversationInput["_type"][];
/** The named periods of an analytics `Preset` filter (`AnalyticsPresetValue._type`). */
export const ANALYTICS_PRESETS = analyticsPresetValue_typeValues;
/** The event types a webhook subscription can subscribe to (`WebhookEventType`). */
export const WEBHOOK_EVENT_TYPES = webhookEventTypeValues;

export type RatingKind = RatingType;
/** Score range of each rating type (`SubmittedRatingResult`'s branches): CSAT 1–5, NPS 0–10, thumbs 0 or 1. */
export const RATING_RANGES = Object.fromEntries(
  (
    deref(jsonBody("POST /conversations/{conversationId}/ratings/{ratingId}/submit").properties?.ratingResult)
      .oneOf ?? []
  )
    .map(deref)
    .map((branch) => {
      const value = deref(branch.properties?.value);
      const values = (value.enum ?? []) as number[];
      return [
        deref(branch.properties?._type).const,
        { min: value.minimum ?? Math.min(...values), max: value.maximum ?? Math.max(...values) },
      ];
    }),
) as Readonly<Record<RatingKind, { readonly min: number; readonly max: number }>>;
