// Constants users import, read off the generated modules (src/generated/): never written again here.
import type { SchemaObject } from "@cxkit/client-core";
import { schemas } from "./generated/constraints.js";
import { metricValues } from "./generated/openapi.js";

const query = schemas.CommunityQueryRequest as SchemaObject;

/** What a community query can read (the spec's `Metric` enum). */
export const METRICS = metricValues;
/** `CommunityQueryRequest.maxresults`' `maximum`; `Infinity` if the spec sets none. */
export const MAX_RESULTS: number =
  (query.properties?.maxresults as SchemaObject | undefined)?.maximum ?? Number.POSITIVE_INFINITY;
/** UTC `YYYY-MM-DD HH:MM:SS`, as the API requires (the spec's `UtcDateTime` pattern). */
export const UTC_DATE_TIME = new RegExp((schemas.UtcDateTime as SchemaObject).pattern ?? "", "u");
