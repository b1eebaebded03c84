import {
  type ApiClient,
  type ClientOptions,
  createApiClient,
  type RequestCheck,
  rawAuthorization,
  type ValidationIssue,
  type VendorPreset,
  validateBodies,
} from "@cxkit/client-core";
import { createQuerySerializer } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import {
  DixaValidationError,
  validateAnalyticsQuery,
  validateAnonymizeEntity,
  validateCreateConversation,
  validateQueryParams,
  validateQueueMembers,
  validateRatingOffer,
  validateRatingResult,
  validateSearchInput,
  validateWebhookSubscription,
} from "./validate.js";

export const DIXA_ORIGIN = "https://dev.dixa.io";
/** The API versions Dixa serves; both expose the same paths (see each operation's `x-cxkit-versions`). */
export type DixaVersion = "v1" | "beta";
export const DIXA_BASE_URL = `${DIXA_ORIGIN}/v1`;

/**
 * Dixa's documented limit (`info.x-cxkit-rate-limit`): 10 requests per second per API key, then 429.
 * A burst of 3 keeps a loop of calls from spending the whole second's budget at once.
 */
export const DIXA_PRESET: VendorPreset = {
  vendor: "dixa",
  baseUrl: DIXA_BASE_URL,
  rateLimit: { limit: 10, intervalMs: 1000, burst: 3 },
};

export interface DixaClientOptions extends ClientOptions {
  /**
   * The API key from Dixa's settings, sent verbatim as the `Authorization` header value. A key already
   * written as `Bearer <key>` is sent as it is (Dixa accepts both forms).
   */
  apiKey: string;
  /** `v1` (default) or `beta`: the version prefix of the base URL. `baseUrl` overrides both. */
  version?: DixaVersion;
}

/** The typed openapi-fetch client: `GET`/`POST`/… by path (without the version prefix), typed params, bodies and responses. */
export type DixaClient = ApiClient<paths>;

/**
 * Creates a Dixa client on client-core's runtime (retries, rate limit at 10/s, timeouts, typed errors),
 * based at `https://dev.dixa.io/<version>`. Bodies and query parameters are checked against the
 * documented limits before the network; a breach throws {@link DixaValidationError} naming each field.
 */
export function createDixaClient(options: DixaClientOptions): DixaClient {
  const { apiKey, version = "v1", ...rest } = options;
  if (!apiKey?.trim() || /^bearer\s*$/i.test(apiKey.trim()))
    throw new TypeError("createDixaClient: apiKey is required");
  if (version !== "v1" && version !== "beta")
    throw new TypeError(`createDixaClient: version must be "v1" or "beta"`);
  const preset = { ...DIXA_PRESET, baseUrl: `${DIXA_ORIGIN}/${version}` };
  const client = createApiClient<paths>({ ...preset, check }, rawAuthorization(apiKey.trim()), rest);
  baseUrls.set(client, rest.baseUrl ?? preset.baseUrl);
  return client;
}

const baseUrls = new WeakMap<object, string>();
/** The base URL a client from {@link createDixaClient} sends to (undefined for other clients). */
export const dixaBaseUrl = (client: DixaClient): string | undefined => baseUrls.get(client);

const each =
  (rule: (item: unknown) => ValidationIssue[], min = 1) =>
  (body: unknown): ValidationIssue[] => {
    const items = Array.isArray(body)
      ? body
      : typeof body === "object" && body !== null && Array.isArray((body as { data?: unknown }).data)
        ? (body as { data: unknown[] }).data
        : undefined;
    if (!items) return [{ field: "(body)", message: "must be an array of items (or {data: [...]})" }];
    if (items.length < min) return [{ field: "(body)", message: `must contain at least ${min} item(s)` }];
    const prefix = Array.isArray(body) ? "" : "data";
    return items.flatMap((item, i) => rule(item).map((x) => ({ ...x, field: `${prefix}[${i}].${x.field}` })));
  };

const hasId = (item: unknown): ValidationIssue[] =>
  typeof item === "object" && item !== null && typeof (item as { id?: unknown }).id === "string"
    ? []
    : [{ field: "id", message: "is required on every bulk item" }];

/** Rejects invalid bodies before they leave the process. */
const validation = validateBodies(
  {
    "POST /conversations": validateCreateConversation,
    "POST /anonymization": validateAnonymizeEntity,
    "POST /conversations/{conversationId}/ratings/offer": validateRatingOffer,
    "POST /conversations/{conversationId}/ratings/{ratingId}/submit": validateRatingResult,
    "POST /search/conversations": validateSearchInput,
    "POST /analytics/metrics": validateAnalyticsQuery,
    "POST /analytics/records": validateAnalyticsQuery,
    "PATCH /queues/{queueId}/members": (b) => validateQueueMembers(b, 1, Number.POSITIVE_INFINITY),
    "DELETE /queues/{queueId}/members": (b) => validateQueueMembers(b, 1, 10),
    "POST /webhooks": (b) => validateWebhookSubscription(b, "create"),
    "PATCH /webhooks/{webhookSubscriptionId}": (b) => validateWebhookSubscription(b, "patch"),
    "PUT /agents": each(hasId),
    "PATCH /agents": each(hasId),
    "PUT /endusers": each(hasId),
    "PATCH /endusers": each(hasId),
    "PUT /endusers/bulk": each(hasId),
    "PATCH /endusers/bulk": each(hasId),
  },
  (issues, context) => new DixaValidationError(issues, context),
);

/** Rejects query parameters outside their documented range (search `pageLimit` 1–50, `days` 1–90, …). */
const check: RequestCheck = (call) => {
  const operation = `${call.method} ${call.path}`;
  // The query as it will be sent (openapi-fetch's own default serialisation), checked as text.
  const query = new URLSearchParams(serializeQuery(call.params.query ?? {}));
  const issues = validateQueryParams(operation, query);
  if (issues.length) throw new DixaValidationError(issues, `${operation} query`);
  validation(call);
};
const serializeQuery = createQuerySerializer();
