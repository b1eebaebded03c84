export { ValidationError, type ValidationIssue } from "@cxkit/client-core";
export { assertValidCommunityQuery, toUtcDateTime, validateCommunityQuery } from "./checks.js";
export {
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
export { MAX_RESULTS, METRICS, UTC_DATE_TIME } from "./constants.js";
export type { components, operations, paths, webhooks } from "./generated/openapi.js";
export { CHATSIGHT_RULES, chatsightRules, QUERY_WINDOW_MS } from "./rules.js";
export { CHATSIGHT_BASE_URL, CHATSIGHT_SPEC } from "./spec.js";
export type * from "./types.js";
