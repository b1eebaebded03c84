// Client-side checks of the limits Chatsight documents, run before the network. Hand-written rather
// than a JSON Schema validator: the rules are few, several (the seven-day window, timefrom ≤ timeto)
// cannot be written in the schema at all, and a validator would multiply the client's size.
import { ValidationError, type ValidationIssue } from "@cxkit/client-core";
import type { CommunityQueryRequest } from "./types.js";

export type { ValidationIssue };

export const MAX_RESULTS = 5000;
/** Only data from the last seven days can be queried. */
export const QUERY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
export const METRICS = ["sentiment", "language_political", "language_vulgarity"] as const;
/** UTC `YYYY-MM-DD HH:MM:SS`, as the API requires. */
export const UTC_DATE_TIME =
  /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;

/** Thrown before the network when a request breaks a documented limit; names every offending field. */
export class ChatsightValidationError extends ValidationError {
  override name = "ChatsightValidationError";
}

/** Formats a Date the way Chatsight expects: UTC `YYYY-MM-DD HH:MM:SS`. */
export const toUtcDateTime = (date: Date): string => date.toISOString().slice(0, 19).replace("T", " ");

const parseUtc = (value: string) => Date.parse(`${value.replace(" ", "T")}Z`);

function checkTime(
  body: Record<string, unknown>,
  field: string,
  issues: ValidationIssue[],
): number | undefined {
  const value = body[field];
  if (typeof value !== "string" || !UTC_DATE_TIME.test(value) || Number.isNaN(parseUtc(value))) {
    issues.push({
      field,
      message: `must be a UTC date-time "YYYY-MM-DD HH:MM:SS" (got ${JSON.stringify(value)})`,
    });
    return undefined;
  }
  return parseUtc(value);
}

/**
 * Every documented rule a community query breaks: time format, `timefrom` ≤ `timeto`, `maxresults`
 * 1–5000, `metric`. Pass `now` (ms since the epoch) to also check that `timefrom` lies within the
 * seven days before it. That check is opt-in: the window limits which data exists, and the vendor's
 * own example queries a fixed range in May 2021, so the client does not refuse older ranges by default.
 */
export function validateCommunityQuery(body: unknown, now?: number): ValidationIssue[] {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return [{ field: "(body)", message: "must be an object" }];
  const b = body as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const from = checkTime(b, "timefrom", issues);
  const to = checkTime(b, "timeto", issues);
  if (from !== undefined && to !== undefined && from > to)
    issues.push({ field: "timefrom", message: "must not be after timeto" });
  if (now !== undefined && from !== undefined && from < now - QUERY_WINDOW_MS)
    issues.push({
      field: "timefrom",
      message: "must be within the last 7 days (older data is not queryable)",
    });
  const max = b.maxresults;
  if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > MAX_RESULTS)
    issues.push({
      field: "maxresults",
      message: `must be an integer from 1 to ${MAX_RESULTS} (got ${JSON.stringify(max)})`,
    });
  if (!METRICS.includes(b.metric as never))
    issues.push({
      field: "metric",
      message: `must be one of ${METRICS.join(", ")} (got ${JSON.stringify(b.metric)})`,
    });
  return issues;
}

/** Narrows `body` to a valid {@link CommunityQueryRequest} or throws {@link ChatsightValidationError}. */
export function assertValidCommunityQuery(
  body: unknown,
  now?: number,
): asserts body is CommunityQueryRequest {
  const issues = validateCommunityQuery(body, now);
  if (issues.length) throw new ChatsightValidationError(issues, "community query");
}
