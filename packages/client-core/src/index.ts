export {
  type AuthHeaders,
  type AuthStrategy,
  authMiddleware,
  basicAuth,
  bearerAuth,
  headerAuth,
  rawAuthorization,
  type TokenProvider,
  tokenAuth,
} from "./auth.js";
export {
  type ApiClient,
  type ClientOptions,
  createApiClient,
  retryAfterMs,
  unwrap,
  type VendorPreset,
} from "./client.js";
export {
  AbortError,
  ApiError,
  apiError,
  CxkitError,
  type ErrorKind,
  NetworkError,
  TimeoutError,
} from "./errors.js";
export {
  linkQuery,
  type Paginated,
  type PaginateOptions,
  paginate,
  paginateCursor,
  paginateJsonApi,
  paginateNextLink,
  paginatePageNumber,
} from "./paginate.js";
export { type PollOptions, pollUntil } from "./poll.js";
export {
  createRateLimiter,
  perEndpoint,
  type RateLimiter,
  type RateLimitOptions,
  type RequestKey,
} from "./rate-limit.js";
export { type Logger, type LogLevel, redactHeaders, redactUrl } from "./redact.js";
export {
  type BodyRule,
  type RequestCall,
  type RequestCheck,
  ValidationError,
  type ValidationIssue,
  validateBodies,
} from "./validation.js";
export {
  type Encoding,
  type HmacOptions,
  hmacSha256,
  type SecretEncoding,
  type TimestampedOptions,
  timingSafeEqual,
  verifyHmacSignature,
  verifyTimestampedSignature,
} from "./webhook.js";
