export {
  type AuthHeaders,
  type AuthRequest,
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
  type PaginationOptions,
  paginate,
  paginateCursor,
  paginateJsonApi,
  paginateNextLink,
  paginatePageNumber,
} from "./paginate.js";
export { type PollOptions, pollUntil } from "./poll.js";
export { rateLimitOf, specPreset, specRateLimiter } from "./preset.js";
export {
  createRateLimiter,
  perEndpoint,
  type RateLimiter,
  type RateLimitOptions,
  type RequestKey,
} from "./rate-limit.js";
export { type Logger, type LogLevel, redactHeaders, redactUrl } from "./redact.js";
export { type RetryDecision, type RetryInput, type RetryOptions, retryDecision } from "./retry.js";
export {
  callIssues,
  check,
  child,
  type LazyVendorSpec,
  type OperationConstraints,
  type ParamConstraint,
  type RequestCall,
  type RequestCheck,
  type Rule,
  requestIssues,
  type Schema,
  type SchemaObject,
  type SchemaTable,
  type SecurityScheme,
  type SpecConstraints,
  type SpecRateLimit,
  show,
  ValidationError,
  type ValidationIssue,
  type VendorFacts,
  type VendorSpec,
  validateRequests,
} from "./validation/index.js";
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
