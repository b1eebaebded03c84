import {
  type ApiClient,
  bearerAuth,
  type ClientOptions,
  createApiClient,
  type VendorPreset,
} from "@cxkit/client-core";
import type { Middleware } from "openapi-fetch";
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
  const client = createApiClient<paths>(QEMOTION_PRESET, bearerAuth(apiKey), rest);
  client.use(validation);
  return client;
}

const verbatimRules: Record<
  string,
  (body: unknown) => { issues: ReturnType<typeof validateVerbatim>; what: string }
> = {
  "/projects/{projectId}/verbatims": (body) => ({ issues: validateVerbatim(body), what: "verbatim" }),
  "/projects/{projectId}/verbatims/bulk": (body) => ({
    issues: Array.isArray(body)
      ? body.length === 0
        ? [{ field: "(body)", message: "must contain at least one verbatim" }]
        : body.flatMap((item, i) =>
            validateVerbatim(item).map((issue) => ({ ...issue, field: `[${i}].${issue.field}` })),
          )
      : [{ field: "(body)", message: "must be an array of verbatims" }],
    what: "bulk request",
  }),
  "/projects/{projectId}/thematics": (body) => ({
    issues: validateThematicsInput(body),
    what: "thematics request",
  }),
};

/** Rejects invalid bodies before they leave the process. */
const validation: Middleware = {
  async onRequest({ request, schemaPath }) {
    const rule = request.method === "POST" ? verbatimRules[schemaPath] : undefined;
    if (!rule) return undefined;
    let body: unknown;
    try {
      body = await request.clone().json();
    } catch {
      throw new QemotionValidationError([{ field: "(body)", message: "must be JSON" }]);
    }
    const { issues, what } = rule(body);
    if (issues.length) throw new QemotionValidationError(issues, what);
    return undefined;
  },
};
