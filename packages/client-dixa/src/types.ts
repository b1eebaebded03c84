import type { components, paths, webhooks } from "./generated/openapi.js";

type Schemas = components["schemas"];

export type Agent = Schemas["Agent"];
export type EndUser = Schemas["EndUser"];
export type Team = Schemas["Team"];
export type Organization = Schemas["Organization"];
/** A conversation of any channel, tagged by `_type` (EmailConversation, ChatConversation, …). */
export type Conversation = Schemas["Conversation"];
export type ConversationChannel = Schemas["ConversationChannel"];
export type ConversationLink = Schemas["ConversationLink"];
/** The body of `createConversation`, tagged by `_type` (Callback, Chat, ContactForm, Email, Sms). */
export type CreateConversationInput = Schemas["CreateConversationInput"];
/** The body of `createConversationMessage`, tagged by `_type` (Inbound, Outbound). */
export type CreateMessageInput = Schemas["CreateMessageInput"];
/** A message to import, tagged by `_type` (InboundImport, OutboundImport). */
export type ImportMessageInput = Schemas["ImportMessageInput"];
/** Message content, tagged by `_type` (Text, Html, Markdown). */
export type Content = Schemas["Content"];
export type Message = Schemas["Message"];
/** Channel-specific message attributes, tagged by `_type`. */
export type MessageAttributes = Schemas["MessageAttributes"];
export type InternalNote = Schemas["InternalNote"];
export type Tag = Schemas["Tag"];
export type RatingType = Schemas["RatingType"];
/** A submitted rating result, tagged by `_type`: Csat (1–5), Nps (0–10), ThumbsUpOrDown (0 | 1). */
export type SubmittedRatingResult = Schemas["SubmittedRatingResult"];
export type ConversationRating = Schemas["ConversationRating"];
/** One search condition's field, tagged by `_type` (AgentId, Channel, TagId, …). */
export type SearchField = Schemas["SearchField"];
export type SearchConversationsInput = Schemas["SearchConversationsInput"];
/** An anonymization request; `processedAt` is absent while it is pending. */
export type AnonymizationRequest = Schemas["AnonymizationRequest"];
/** The body of the (deprecated) `anonymizeEntity`: tagged by `_type` (User, Conversation, Message), or the older form naming the kind in `entityType`. */
export type AnonymizeEntityInput = Schemas["AnonymizeEntityInput"];
export type ContactEndpoint = Schemas["ContactEndpoint"];
export type Template = Schemas["Template"];
export type Queue = Schemas["QueueDetails"];
/** An analytics period, tagged by `_type`: Preset (`value: {_type: "PreviousWeek"}`, …) or Interval. */
export type AnalyticsPeriodFilter = Schemas["AnalyticsPeriodFilter"];
export type AnalyticsMetricDataQuery = Schemas["AnalyticsMetricDataQuery"];
export type AnalyticsAggregateValue = Schemas["AnalyticsAggregateValue"];
export type AnalyticsFieldValue = Schemas["AnalyticsFieldValue"];
export type KnowledgeArticle = Schemas["KnowledgeArticle"];
export type WebhookSubscription = Schemas["WebhookSubscription"];
/** A webhook's authorization, tagged by `_type`: BasicAuth, TokenAuth or NoAuth. */
export type WebhookAuthorization = Schemas["WebhookAuthorization"];
export type WebhookDeliveryStatus = Schemas["WebhookDeliveryStatus"];
/** The 32 event types a subscription can receive. */
export type WebhookEventType = Schemas["WebhookEventType"];
/** `meta` of a paginated list: relative `next`/`previous` links including the version prefix. */
export type PaginationLinks = Schemas["PaginationLinks"];
/** The body of every Dixa error response: `{ message }`. */
export type DixaErrorBody = Schemas["ErrorMessage"];

/** Why one bulk item failed, whatever the endpoint: a `_type` kind (absent on bulk notes), `message`, maybe `id`. */
export type BulkItemError = Schemas["BulkError"] | Schemas["QueueBulkError"] | Schemas["BulkItemError"];
/** One item's success in a bulk response. */
export interface BulkActionSuccess<T = unknown> {
  _type: "BulkActionSuccess";
  data: T;
}
/** One item's failure in a bulk response. */
export interface BulkActionFailure<E = BulkItemError> {
  _type: "BulkActionFailure";
  error: E;
}
export type AgentBulkOutcome = Schemas["AgentBulkActionOutcome"];
export type EndUserBulkOutcome = Schemas["EndUserBulkActionOutcome"];
export type NoteBulkOutcome = Schemas["BulkNoteOutcome"];
export type QueueMemberBulkOutcome = Schemas["QueueMemberBulkOutcome"];

/** The payload Dixa posts for each event type, keyed by event type (`DixaWebhookEvents["ConversationRated"]`). */
export type DixaWebhookEvents = {
  [E in keyof webhooks]: webhooks[E]["post"] extends {
    requestBody: { content: { "application/json": infer B } };
  }
    ? B
    : never;
};
/** Any event Dixa posts to a webhook subscription. */
export type DixaWebhookEvent = DixaWebhookEvents[keyof DixaWebhookEvents];

type GetJson<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { "application/json": infer B } } } };
}
  ? B
  : never;
/** The list paths `meta.next` pagination applies to. */
export type PaginatedPath = {
  [P in keyof paths]: GetJson<P> extends { data: readonly unknown[]; meta?: unknown } ? P : never;
}[keyof paths];
/** One page of a paginated list. */
export type PageOf<P extends PaginatedPath> = GetJson<P>;
/** One item of a paginated list. */
export type ItemOf<P extends PaginatedPath> = GetJson<P> extends { data: readonly (infer T)[] } ? T : never;
