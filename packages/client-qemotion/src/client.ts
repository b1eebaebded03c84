import {
  type ApiClient,
  bearerAuth,
  type ClientOptions,
  createApiClient,
  type ValidationIssue,
  type VendorPreset,
  validateBodies,
} from "@cxkit/client-core";
import type { paths } from "./generated/openapi.js";
import { QemotionValidationError, validateThematicsInput, validateVerbatim } from "./validate.js";

export const QEMOTION_BASE_URL = "https://api-integration.cxinsights.io";

/** Q°emotion's documented limit: 100 requests per second per key, then 429. */
export const QEMOTION_PRESET: VendorPreset = {
  vendor: "qemotion",
  baseUrl: QEMOTION_BASE_URL,
  rateLimit: { limit: 100, intervalMs: 1000 },
};

export interface QemotionClientOptions extends ClientOptions {
  /** The API key Q°emotion support issued; sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
}

/** The typed openapi-fetch client: `GET`/`POST` by path, typed params, bodies and responses. */
export type QemotionClient = ApiClient<paths>;

/**
 * Creates a Q°emotion client with client-core's runtime (retries, rate limit at 100/s, timeouts,
 * typed errors). Request bodies are checked against the documented limits before the network; a
 * breach throws {@link QemotionValidationError} naming each field.
 */
export function createQemotionClient(options: QemotionClientOptions): QemotionClient {
  if (!options.apiKey) throw new TypeError("createQemotionClient: apiKey is required");
  const { apiKey, ...rest } = options;
  return createApiClient<paths>({ ...QEMOTION_PRESET, check: validation }, bearerAuth(apiKey), rest);
}

const bulkIssues = (body: unknown): ValidationIssue[] => {
  if (!Array.isArray(body)) return [{ field: "(body)", message: "must be an array of verbatims" }];
  if (body.length === 0) return [{ field: "(body)", message: "must contain at least one verbatim" }];
  return body.flatMap((item, i) =>
    validateVerbatim(item).map((issue) => ({ ...issue, field: `[${i}].${issue.field}` })),
  );
};

/** Rejects invalid bodies before they leave the process. */
const validation = validateBodies(
  {
    "POST /projects/{projectId}/verbatims": validateVerbatim,
    "POST /projects/{projectId}/verbatims/bulk": bulkIssues,
    "POST /projects/{projectId}/thematics": validateThematicsInput,
  },
  (issues, context) => new QemotionValidationError(issues, context),
);
