export { ValidationError, type ValidationIssue } from "@cxkit/client-core";
export { type AnonymizationTarget, type AnonymizeOptions, anonymizeAndWait } from "./anonymize.js";
export { type BulkErrorKind, type BulkFailure, bulkFailures, isBulkFailure, isBulkSuccess } from "./bulk.js";
export {
  createDixaClient,
  DIXA_PRESET,
  type DixaClient,
  type DixaClientOptions,
  dixaBaseUrl,
} from "./client.js";
export type { components, operations, paths, webhooks } from "./generated/openapi.js";
export { type DixaPaginateOptions, paginate } from "./paginate.js";
export { DIXA_RULES } from "./rules.js";
export {
  ANALYTICS_PRESETS,
  CREATE_CONVERSATION_TYPES,
  DIXA_BASE_URL,
  DIXA_BASE_URLS,
  DIXA_ORIGIN,
  DIXA_SPEC,
  type DixaVersion,
  QUEUE_MEMBERS_REMOVE_MAX,
  RATING_RANGES,
  type RatingKind,
  SEARCH_PAGE_LIMIT_MAX,
  UPCOMING_DAYS_MAX,
  WEBHOOK_EVENT_TYPES,
} from "./spec.js";
export type * from "./types.js";
export {
  DIXA_EVENT_FQN,
  dixaEventType,
  isDixaEvent,
  type VerifyDixaWebhookOptions,
  verifyDixaWebhook,
} from "./webhook.js";
