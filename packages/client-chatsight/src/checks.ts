// The spec's check of a community query outside a call: the same check the client runs before the
// network (client-core's engine on the generated constraints, then the rules), plus the seven-day
// window when `now` is given.
import { callIssues, ValidationError, type ValidationIssue } from "@cxkit/client-core";
import { chatsightRules } from "./rules.js";
import { CHATSIGHT_SPEC } from "./spec.js";
import type { CommunityQueryRequest } from "./types.js";

/** Formats a Date the way Chatsight expects: UTC `YYYY-MM-DD HH:MM:SS`. */
export const toUtcDateTime = (date: Date): string => date.toISOString().slice(0, 19).replace("T", " ");

/**
 * Every rule a community query breaks (empty when it may be sent), named `body.maxresults` as in a
 * call. Pass `now` (ms since the epoch) to also check that `timefrom` lies within the seven days before it.
 */
export const validateCommunityQuery = (body: unknown, now?: number): ValidationIssue[] =>
  callIssues(
    CHATSIGHT_SPEC,
    { method: "POST", path: "/insights/community/query", params: {}, body },
    chatsightRules(now),
  );

/** Narrows `body` to a valid {@link CommunityQueryRequest} or throws client-core's `ValidationError`. */
export function assertValidCommunityQuery(
  body: unknown,
  now?: number,
): asserts body is CommunityQueryRequest {
  const issues = validateCommunityQuery(body, now);
  if (issues.length) throw new ValidationError(issues, { what: "community query" });
}
