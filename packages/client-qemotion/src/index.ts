export { ValidationError, type ValidationIssue } from "@cxkit/client-core";
export { type AddVerbatimsOptions, addVerbatimsInBatches, type BulkReport } from "./bulk.js";
export { type ParsedCallback, parseCallbackPayload } from "./callback.js";
export {
  assertValidThematicsInput,
  assertValidVerbatim,
  validateThematicsInput,
  validateVerbatim,
} from "./checks.js";
export {
  createQemotionClient,
  QEMOTION_PRESET,
  type QemotionClient,
  type QemotionClientOptions,
} from "./client.js";
export { CREATION_DATE_PATTERN, INFORMATIONS_MAX_ENTRIES, LANGUAGES, TEXT_MAX_LENGTH } from "./constants.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { QEMOTION_RULES } from "./rules.js";
export { QEMOTION_BASE_URL, QEMOTION_SPEC } from "./spec.js";
export { SURVEY_QUESTIONS } from "./survey-questions.js";
export type * from "./types.js";
