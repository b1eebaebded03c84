// Client-side checks of every limit the Q°emotion documentation states, run before the network.
// Hand-written rather than a JSON Schema validator (ajv) over the spec: the rules are few, and a schema
// validator would multiply the client's size. test/validate.test.ts checks these verdicts against the
// spec's own examples, and the contract tests check them against Prism validating the same spec.
import { ValidationError, type ValidationIssue } from "@cxkit/client-core";
import type { ThematicsInput, Verbatim } from "./types.js";

export type { ValidationIssue };

export const TEXT_MAX_LENGTH = 10_000;
export const INFORMATIONS_MAX_ENTRIES = 20;
export const LANGUAGES = ["fr", "en"] as const;
/** `YYYY-MM-DD`, or a date-time with optional fraction (after `.` or `:`, as documented) and zone. */
export const CREATION_DATE_PATTERN =
  /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.:][0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?$/;

/** Thrown before the network when a request breaks a documented limit. Names every offending field. */
export class QemotionValidationError extends ValidationError {
  override name = "QemotionValidationError";
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => ["string", "number", "boolean"].includes(typeof v);
// JSON Schema's maxLength (and so the mock) counts code points, not UTF-16 units.
const codePoints = (s: string) => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function checkText(input: Record<string, unknown>, issues: ValidationIssue[]) {
  const { text, lang } = input;
  if (typeof text !== "string") issues.push({ field: "text", message: "is required and must be a string" });
  else if (text.length === 0) issues.push({ field: "text", message: "must not be empty" });
  else if (text.length > TEXT_MAX_LENGTH && codePoints(text) > TEXT_MAX_LENGTH)
    issues.push({
      field: "text",
      message: `must be at most ${TEXT_MAX_LENGTH} characters (got ${codePoints(text)})`,
    });
  if (!LANGUAGES.includes(lang as never))
    issues.push({
      field: "lang",
      message: `must be one of ${LANGUAGES.join(", ")} (got ${JSON.stringify(lang)})`,
    });
}

function checkScalarMap(
  input: Record<string, unknown>,
  field: string,
  maxEntries: number,
  issues: ValidationIssue[],
) {
  const value = input[field];
  if (value === undefined) return;
  if (!isObject(value)) {
    issues.push({ field, message: "must be an object" });
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > maxEntries)
    issues.push({ field, message: `must have at most ${maxEntries} entries (got ${keys.length})` });
  for (const key of keys)
    if (!isScalar(value[key]))
      issues.push({ field: `${field}.${key}`, message: "must be a string, number or boolean" });
}

/** Every documented rule a verbatim breaks; an empty array means it may be sent. */
export function validateVerbatim(verbatim: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isObject(verbatim)) return [{ field: "(verbatim)", message: "must be an object" }];
  checkText(verbatim, issues);
  const v = verbatim;
  if (typeof v.creation_date !== "string" || !CREATION_DATE_PATTERN.test(v.creation_date))
    issues.push({
      field: "creation_date",
      message: `is required, as YYYY-MM-DD or a date-time such as 2023-02-17T10:47:00.852Z (got ${JSON.stringify(v.creation_date)})`,
    });
  const config = v.configuration_id;
  if (!(Number.isInteger(config) || (typeof config === "string" && /^[0-9]+$/.test(config))))
    issues.push({
      field: "configuration_id",
      message: "is required and must be an integer (or a numeric string)",
    });
  for (const field of [
    "conversation_id",
    "author",
    "customer_external_id",
    "verbatim_external_id",
    "callback_url",
  ])
    if (v[field] !== undefined && typeof v[field] !== "string")
      issues.push({ field, message: "must be a string" });
  if (v.conversation_id !== undefined)
    for (const field of ["customer_external_id", "verbatim_external_id"])
      if (typeof v[field] !== "string" || v[field] === "")
        issues.push({ field, message: "is required when conversation_id is set" });
  for (const field of ["sat", "ces", "reco"])
    if (v[field] !== undefined && !Number.isInteger(v[field]))
      issues.push({ field, message: "must be an integer" });
  checkScalarMap(v, "filters", Number.POSITIVE_INFINITY, issues);
  checkScalarMap(v, "informations", INFORMATIONS_MAX_ENTRIES, issues);
  return issues;
}

/** Every documented rule a thematic analysis request breaks. */
export function validateThematicsInput(input: unknown): ValidationIssue[] {
  if (!isObject(input)) return [{ field: "(body)", message: "must be an object" }];
  const issues: ValidationIssue[] = [];
  checkText(input, issues);
  return issues;
}

/** Narrows `verbatim` to a valid {@link Verbatim} or throws {@link QemotionValidationError}. */
export function assertValidVerbatim(verbatim: unknown): asserts verbatim is Verbatim {
  const issues = validateVerbatim(verbatim);
  if (issues.length) throw new QemotionValidationError(issues, "verbatim");
}

/** Narrows `input` to a valid {@link ThematicsInput} or throws {@link QemotionValidationError}. */
export function assertValidThematicsInput(input: unknown): asserts input is ThematicsInput {
  const issues = validateThematicsInput(input);
  if (issues.length) throw new QemotionValidationError(issues, "thematics request");
}
