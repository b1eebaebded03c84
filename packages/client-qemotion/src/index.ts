export { type AddVerbatimsOptions, addVerbatimsInBatches, type BulkReport } from "./bulk.js";
export { type ParsedCallback, parseCallbackPayload } from "./callback.js";
export {
  createQemotionClient,
  QEMOTION_BASE_URL,
  QEMOTION_PRESET,
  type QemotionClient,
  type QemotionClientOptions,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { SURVEY_QUESTIONS } from "./survey-questions.js";
export type * from "./types.js";
export {
  assertValidThematicsInput,
  assertValidVerbatim,
  CREATION_DATE_PATTERN,
  INFORMATIONS_MAX_ENTRIES,
  LANGUAGES,
  QemotionValidationError,
  TEXT_MAX_LENGTH,
  type ValidationIssue,
  validateThematicsInput,
  validateVerbatim,
} from "./validate.js";
