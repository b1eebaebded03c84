// The EvaluAgent spec as run-time data, and the constants users import, all read off the generated
// modules (src/generated/vendor.ts, src/generated/openapi.ts): nothing here restates the spec.
import {
  check,
  type RateLimitOptions,
  rateLimitOf,
  type Schema,
  type ValidationIssue,
  type VendorSpec,
} from "@cxkit/client-core";
import { operations, schemas } from "./generated/constraints.js";
import {
  evaluationSortValues,
  oneToOneSortValues,
  pathsQualityEvaluationsIdGetParametersQueryIncludeValues,
} from "./generated/openapi.js";
import { vendor } from "./generated/vendor.js";

/** Servers, auth, rate limits, error shape and every operation's request constraints, from the spec. */
export const EVALUAGENT_SPEC: VendorSpec = { vendor, operations, schemas };

export { EVALUAGENT_REGIONS, type EvaluagentRegion } from "./regions.js";

// ---- Rate limits --------------------------------------------------------------------------------

/** The spec's daily budget of an API key, across all endpoints (`x-cxkit-rate-limit.also`). */
export const EVALUAGENT_DAILY_LIMIT: RateLimitOptions = rateLimitOf(vendor.rateLimit.also[0]);

// ---- Enums and formats --------------------------------------------------------------------------

/** `sort` values of `listEvaluations` (the spec's `EvaluationSort`). */
export const EVALUATION_SORTS = evaluationSortValues;
/** `sort` values of `listOneToOnes` (the spec's `OneToOneSort`). */
export const ONE_TO_ONE_SORTS = oneToOneSortValues;
/** What `getEvaluation` can `include`. */
export const EVALUATION_INCLUDES = pathsQualityEvaluationsIdGetParametersQueryIncludeValues;

const RANGE = (schemas.DateTimeRange as { pattern: string }).pattern;
/** A `filter[<field>;between]` value: the spec's `DateTimeRange` pattern. */
export const DATE_TIME_RANGE = new RegExp(RANGE, "u");
/** One end of a {@link DATE_TIME_RANGE}: the first half of the spec's pattern. */
export const DATE_TIME = new RegExp(`${RANGE.slice(0, RANGE.indexOf(", ?"))}$`, "u");

/** Formats two instants as a `filter[<field>;between]` range: `2023-05-01T00:00:00.000Z,2023-05-31T…`. */
export const dateTimeRange = (from: Date, to: Date): string => `${from.toISOString()},${to.toISOString()}`;

/** A schema with its `$ref`s followed through the generated table. */
const deref = (s: Schema | undefined): Schema | undefined =>
  typeof s === "object" && s.$ref !== undefined ? deref(schemas[s.$ref]) : s;
const body = operations["POST /quality/imported-contacts"]?.body?.content["application/json"];
/** `createImportedContact`'s `data` (an unknown name here would refuse every contact, never pass one). */
const importedContact: Schema =
  deref((deref(body) as { properties?: Record<string, Schema> } | undefined)?.properties?.data) ?? false;

/**
 * Every rule of the spec an imported contact (the `data` of `createImportedContact`) breaks, named from
 * `field`; empty when it may be sent. The same check the client runs before the network.
 */
export const validateImportedContact = (contact: unknown, field = "data"): ValidationIssue[] =>
  check(importedContact, contact, field, schemas);
