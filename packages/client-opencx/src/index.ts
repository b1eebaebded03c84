// client-core's error types and unwrap, so callers of the helpers need no second import.
export { ApiError, unwrap, ValidationError, type ValidationIssue } from "@cxkit/client-core";
export { type ImportActionsOptions, importActions } from "./actions.js";
export {
  createOpencxClient,
  OPENCX_BASE_URL,
  OPENCX_PRESET,
  type OpencxClient,
  type OpencxClientOptions,
} from "./client.js";
export {
  AREA_CODE,
  CALL_MAX_DURATION,
  CHANNELS,
  CUSTOM_ID_MAX_LENGTH,
  ELEVENLABS_VOICE_IDS,
  FILTER_LIMIT_MAX,
  FILTER_SORT_FIELDS,
  INSIGHT_CATEGORY_TYPES,
  INSIGHT_SORT_FIELDS,
  INSIGHT_STATUSES,
  MAX_SAFE_NUMBER,
  PHONE_LANGUAGES,
  SENTIMENTS,
  SESSION_LANGUAGES,
  SESSION_STATUSES,
  SORT_ORDERS,
  SPEAKS_FIRST,
  TRAINING_TYPES,
} from "./constants.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  type CursorPage,
  type PaginationOptions,
  paginateChatSessionHistory,
  paginateChatSessions,
  paginateContacts,
  paginateCursorList,
  paginateFilteredChatSessions,
  paginateInsights,
  paginatePhoneAgents,
} from "./paginate.js";
export { isAutopilotReply, isLegacyReply, replyText } from "./reply.js";
export { OPENCX_RULES } from "./rules.js";
export { OPENCX_SPEC } from "./spec.js";
export type * from "./types.js";
