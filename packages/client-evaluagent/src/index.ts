import { ValidationError } from "@cxkit/client-core";

export { ValidationError, type ValidationIssue } from "@cxkit/client-core";
/** @deprecated The vendor subclass is gone: this is client-core's {@link ValidationError}, under its old name. */
export const EvaluagentValidationError = ValidationError;
/** @deprecated Use {@link ValidationError}. */
export type EvaluagentValidationError = ValidationError;
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
