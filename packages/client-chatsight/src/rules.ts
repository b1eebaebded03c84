// Chatsight's request rules that a JSON Schema cannot express, keyed "METHOD /path" like the generated
// operations; client-core runs them after the spec's own constraints (src/generated/vendor.ts), in the
// client before the network and in the MSW handlers (@cxkit/mock-chatsight). The spec states both in
// prose (CommunityQueryRequest, ModerationStatsSearchRequest): no keyword compares two fields or
// reads the clock. Everything else — the time format, maxresults 0–5000, metric, view, the voice
// header, URIs, author keys — is a schema keyword, checked from there.
//
// To add one: a `(call) => issues` entry below, fields named as the caller wrote them (`body.timefrom`),
// a plain-word message, and one refusing and one accepted case in test/client.test.ts.
import type { RequestCall, Rule, ValidationIssue } from "@cxkit/client-core";

/** Only the last seven days of data can be queried: older data is anonymised (the spec's prose). */
export const QUERY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** A UTC `YYYY-MM-DD HH:MM:SS` in ms since the epoch; NaN when it is not one (the schema says so). */
const utc = (value: unknown) =>
  typeof value === "string" && !value.includes("T") ? Date.parse(`${value.replace(" ", "T")}Z`) : Number.NaN;
const fields = (call: RequestCall) =>
  (call.body && typeof call.body === "object" ? call.body : {}) as Record<string, unknown>;

/** `timefrom` must not be after `timeto`. */
const ordered: Rule = (call) => {
  const { timefrom, timeto } = fields(call);
  return utc(timefrom) > utc(timeto)
    ? [{ field: "body.timefrom", message: `must not be after body.timeto (${timefrom} > ${timeto})` }]
    : undefined;
};

/** `timefrom` no further back than seven days before `now` (ms since the epoch). */
const withinWindow =
  (now: number): Rule =>
  (call) =>
    utc(fields(call).timefrom) < now - QUERY_WINDOW_MS
      ? [
          {
            field: "body.timefrom",
            message: "must be within the 7 days before now: older data cannot be queried",
          },
        ]
      : undefined;

const all =
  (...rules: Rule[]): Rule =>
  (call) => {
    const issues: ValidationIssue[] = rules.flatMap((rule) => rule(call) ?? []);
    return issues.length ? issues : undefined;
  };

/**
 * The rules, with the seven-day window on community queries when `now` is given. The window is opt-in:
 * it limits which data exists rather than what the API accepts, and the vendor's own example queries a
 * fixed range in May 2021.
 */
export function chatsightRules(now?: number): Record<string, Rule> {
  return {
    "POST /insights/community/query": now === undefined ? ordered : all(ordered, withinWindow(now)),
    "POST /stats/moderation/search": ordered,
  };
}

/** The rules every call is checked against (no clock: the window needs `now`). */
export const CHATSIGHT_RULES: Record<string, Rule> = chatsightRules();
