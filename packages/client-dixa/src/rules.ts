// What Dixa documents that no JSON Schema keyword can say. Everything else a request must satisfy
// (types, enums, ranges, required fields, `_type` unions, uuids, mutually exclusive body fields) is in
// the spec and checked by client-core's engine from src/generated/vendor.ts. The client runs these
// rules after the spec's constraints, before the network; the MSW handlers run them too (the guard).
// A new rule: one function per fact, keyed `"METHOD /path/{template}"` in DIXA_RULES, naming the field
// as the engine does (`body.periodFilter.start`), in plain words. Prism cannot run these.
import type { Rule } from "@cxkit/client-core";

type Period = { _type?: unknown; start?: unknown; end?: unknown };

/**
 * An analytics `Interval` period must start before it ends. The schema says each end is a date-time;
 * how two fields' values compare is beyond JSON Schema. A malformed date is left to the schema's check.
 */
const intervalInOrder: Rule = ({ body }) => {
  const period = (body as { periodFilter?: Period } | null | undefined)?.periodFilter;
  if (period?._type !== "Interval" || typeof period.start !== "string" || typeof period.end !== "string")
    return;
  const start = Date.parse(period.start);
  const end = Date.parse(period.end);
  if (Number.isNaN(start) || Number.isNaN(end) || start < end) return;
  return [
    {
      field: "body.periodFilter.start",
      message: `must be before body.periodFilter.end (got ${period.start} and ${period.end})`,
    },
  ];
};

/** Dixa's rules a schema cannot express, by operation. */
export const DIXA_RULES: Record<string, Rule> = {
  "POST /analytics/metrics": intervalInOrder,
  "POST /analytics/records": intervalInOrder,
};
