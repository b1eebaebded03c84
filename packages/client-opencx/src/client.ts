import {
  type ApiClient,
  bearerAuth,
  type ClientOptions,
  createApiClient,
  type RequestCheck,
  type VendorPreset,
  validateBodies,
} from "@cxkit/client-core";
import type { paths } from "./generated/openapi.js";
import {
  OpencxValidationError,
  type RequestParams,
  validateChatMessage,
  validateChatSessionCreate,
  validateChatSessionFilter,
  validateChatSessionUpdate,
  validateContactWrite,
  validateEmailSend,
  validateInsightSearch,
  validateParams,
  validatePhoneAgentCreate,
  validatePhoneAgentUpdate,
  validatePhoneCall,
  validateSequenceContacts,
  validateSequenceCreate,
  validateSequenceUpdate,
  validateTrainingWrite,
} from "./validate.js";

export const OPENCX_BASE_URL = "https://api.open.cx";

/** Open.cx's documented limit on standard endpoints: 100 requests per minute per key, then 429. */
export const OPENCX_PRESET: VendorPreset = {
  vendor: "opencx",
  baseUrl: OPENCX_BASE_URL,
  rateLimit: { limit: 100, intervalMs: 60_000 },
};

export interface OpencxClientOptions extends ClientOptions {
  /** An organisation API key from the Open.cx dashboard; sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
}

/** The typed openapi-fetch client: `GET`/`POST`/… by path, typed params, bodies and responses. */
export type OpencxClient = ApiClient<paths>;

/**
 * Creates an Open.cx client with client-core's runtime (retries, rate limit at 100 per minute, timeouts,
 * typed errors). Request bodies, path ids and query enums are checked against the spec's limits before
 * the network; a breach throws {@link OpencxValidationError} naming each field.
 */
export function createOpencxClient(options: OpencxClientOptions): OpencxClient {
  if (!options.apiKey) throw new TypeError("createOpencxClient: apiKey is required");
  const { apiKey, ...rest } = options;
  const client = createApiClient<paths>({ ...OPENCX_PRESET, check }, bearerAuth(apiKey), rest);
  return client;
}

/** Rejects invalid path ids and query values before they leave the process. */
const check: RequestCheck = (call) => {
  const operation = `${call.method} ${call.path}`;
  const issues = validateParams(operation, call.params as RequestParams);
  if (issues.length) throw new OpencxValidationError(issues, `${operation} parameters`);
  bodyValidation(call);
};

/** Rejects invalid JSON bodies before they leave the process. */
const bodyValidation = validateBodies(
  {
    "POST /insights": validateInsightSearch,
    "POST /contacts": validateContactWrite,
    "PATCH /contacts/{contact_id}": validateContactWrite,
    "POST /chat/sessions": validateChatSessionCreate,
    "POST /chat/sessions/filter": validateChatSessionFilter,
    "PATCH /chat/sessions/{session_id}": validateChatSessionUpdate,
    "POST /chat/sessions/{session_id}/send": validateChatMessage,
    "POST /phone/buy": validatePhoneAgentCreate,
    "PATCH /phone/{phone_number_id}": validatePhoneAgentUpdate,
    "POST /phone/{phone_number_id}/call": validatePhoneCall,
    "POST /email": validateEmailSend,
    "POST /sequences": validateSequenceCreate,
    "PATCH /sequences/{sequence_id}": validateSequenceUpdate,
    "POST /sequences/{sequence_id}/contacts": validateSequenceContacts,
    "POST /training": validateTrainingWrite,
    "PUT /training/{training_id}": validateTrainingWrite,
  },
  (issues, context) => new OpencxValidationError(issues, context),
);
