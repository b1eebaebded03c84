export { type AnonymizationTarget, type AnonymizeOptions, anonymizeAndWait } from "./anonymize.js";
export { type BulkErrorKind, type BulkFailure, bulkFailures, isBulkFailure, isBulkSuccess } from "./bulk.js";
export {
  createDixaClient,
  DIXA_BASE_URL,
  DIXA_ORIGIN,
  DIXA_PRESET,
  type DixaClient,
  type DixaClientOptions,
  type DixaVersion,
  dixaBaseUrl,
} from "./client.js";
export type { components, operations, paths, webhooks } from "./generated/openapi.js";
export { type DixaPaginateOptions, paginate } from "./paginate.js";
export type * from "./types.js";
export {
  ANALYTICS_PRESETS,
  CREATE_CONVERSATION_TYPES,
  DixaValidationError,
  QUEUE_MEMBERS_REMOVE_MAX,
  RATING_RANGES,
  type RatingKind,
  SEARCH_PAGE_LIMIT_MAX,
  UPCOMING_DAYS_MAX,
  UUID,
  type ValidationIssue,
  validateAnalyticsQuery,
  validateAnonymizeEntity,
  validateCreateConversation,
  validateQueryParams,
  validateQueueMembers,
  validateRatingOffer,
  validateRatingResult,
  validateSearchInput,
  validateWebhookSubscription,
  WEBHOOK_EVENT_TYPES,
} from "./validate.js";
export {
  DIXA_EVENT_FQN,
  dixaEventType,
  isDixaEvent,
  type VerifyDixaWebhookOptions,
  verifyDixaWebhook,
} from "./webhook.js";
