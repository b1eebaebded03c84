import {
  type ApiClient,
  type ClientOptions,
  createApiClient,
  headerAuth,
  type ValidationIssue,
  type VendorPreset,
  validateBodies,
} from "@cxkit/client-core";
import type { Middleware } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { ChatsightValidationError, validateCommunityQuery } from "./validate.js";

export const CHATSIGHT_BASE_URL = "https://api.chatsight.ai";

/**
 * Chatsight publishes no general rate limit; 10 requests per second keeps a client polite. The one
 * documented limit — the stats search, once every two minutes — has its own budget.
 */
export const CHATSIGHT_PRESET: VendorPreset = {
  vendor: "chatsight",
  baseUrl: CHATSIGHT_BASE_URL,
  rateLimit: { limit: 10, intervalMs: 1000 },
};

export interface ChatsightClientOptions extends ClientOptions {
  /** The API token; sent in the `x-chatsight-api-auth` header. */
  apiKey: string;
}

/** The typed openapi-fetch client: `GET`/`POST` by path, typed params, bodies and responses. */
export type ChatsightClient = ApiClient<paths>;

/**
 * Creates a Chatsight client. Community query bodies are checked against the documented limits
 * before the network (a breach throws {@link ChatsightValidationError} naming each field), and the
 * voice products' `x-chatsight-api: chatsightvoice` header is added to `/stream` calls.
 */
export function createChatsightClient(options: ChatsightClientOptions): ChatsightClient {
  if (!options.apiKey) throw new TypeError("createChatsightClient: apiKey is required");
  const { apiKey, ...rest } = options;
  const client = createApiClient<paths>(
    { ...CHATSIGHT_PRESET, check: validation },
    headerAuth("x-chatsight-api-auth", apiKey),
    rest,
  );
  client.use(voiceHeader);
  return client;
}

const voiceHeader: Middleware = {
  onRequest({ request, schemaPath }) {
    if (schemaPath.startsWith("/stream") && !request.headers.has("x-chatsight-api"))
      request.headers.set("x-chatsight-api", "chatsightvoice");
    return request;
  },
};

const nonEmpty =
  (field: string) =>
  (body: unknown): ValidationIssue[] =>
    typeof body === "object" &&
    body !== null &&
    typeof (body as Record<string, unknown>)[field] === "string" &&
    (body as Record<string, string>)[field] !== ""
      ? []
      : [{ field, message: "must be a non-empty string" }];

/** Rejects invalid bodies before they leave the process. */
const validation = validateBodies(
  {
    "POST /insights/community/query": (body) => validateCommunityQuery(body),
    "POST /text/moderation": nonEmpty("sample"),
    "POST /text/moderation/username": nonEmpty("username"),
  },
  (issues, context) => new ChatsightValidationError(issues, context),
);
