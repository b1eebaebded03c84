export {
  createEvaluagentClient,
  createEvaluagentRateLimiter,
  EVALUAGENT_DAILY_LIMIT,
  EVALUAGENT_PRESET,
  EVALUAGENT_REGIONS,
  type EvaluagentClient,
  type EvaluagentClientOptions,
  type EvaluagentRegion,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  ImportContactError,
  type ImportedCall,
  type UploadAudioOptions,
  uploadAudio,
  uploadAudioAndImportContact,
} from "./imported-contacts.js";
export {
  type PagedDocument,
  type PagedPath,
  type PagedQuery,
  type PaginateListOptions,
  paginateList,
  type Resolved,
  resolveIncluded,
} from "./jsonapi.js";
export {
  type AuthErrorReason,
  type BearerTokens,
  EvaluagentAuthError,
  type StoredToken,
  TOKEN_LIFETIME_MS,
  type TokenStore,
} from "./tokens.js";
export type * from "./types.js";
export {
  assertValidImportedContact,
  CONVERSATION_ANALYTICS_SORTS,
  DATE_TIME,
  DATE_TIME_RANGE,
  dateTimeRange,
  EVALUATION_INCLUDES,
  EVALUATION_SORTS,
  EvaluagentValidationError,
  ONE_TO_ONE_SORTS,
  type ValidationIssue,
  validateImportedContact,
  validateParams,
} from "./validate.js";
