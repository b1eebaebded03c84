export { ValidationError, type ValidationIssue } from "@cxkit/client-core";
export {
  createEvaluagentClient,
  createEvaluagentRateLimiter,
  EVALUAGENT_PRESET,
  type EvaluagentClient,
  type EvaluagentClientOptions,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export {
  assertValidImportedContact,
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
export { EVALUAGENT_RULES } from "./rules.js";
export {
  DATE_TIME,
  DATE_TIME_RANGE,
  dateTimeRange,
  EVALUAGENT_DAILY_LIMIT,
  EVALUAGENT_REGIONS,
  EVALUAGENT_SPEC,
  EVALUATION_INCLUDES,
  EVALUATION_SORTS,
  type EvaluagentRegion,
  ONE_TO_ONE_SORTS,
  validateImportedContact,
} from "./spec.js";
export {
  type AuthErrorReason,
  type BearerTokens,
  EvaluagentAuthError,
  type StoredToken,
  TOKEN_LIFETIME_MS,
  type TokenStore,
} from "./tokens.js";
export type * from "./types.js";
