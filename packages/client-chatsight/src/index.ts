export {
  CHATSIGHT_BASE_URL,
  CHATSIGHT_PRESET,
  type ChatsightClient,
  type ChatsightClientOptions,
  createChatsightClient,
} from "./client.js";
export {
  CommunityQueryError,
  type CommunityQueryResult,
  type RunCommunityQueryOptions,
  runCommunityQuery,
} from "./community-query.js";
export type { components, operations, paths, webhooks } from "./generated/openapi.js";
export type * from "./types.js";
export {
  assertValidCommunityQuery,
  ChatsightValidationError,
  MAX_RESULTS,
  METRICS,
  QUERY_WINDOW_MS,
  toUtcDateTime,
  UTC_DATE_TIME,
  type ValidationIssue,
  validateCommunityQuery,
} from "./validate.js";
