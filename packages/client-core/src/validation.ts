/** One broken rule: `field` is a path such as `text`, `[1].lang` or `informations.k1`. */
export interface ValidationIssue {
  field: string;
  message: string;
}

/** Thrown before the network when a request breaks a documented limit. Names every offending field. */
export class ValidationError extends Error {
  override name = "ValidationError";
  readonly kind = "validation";
  constructor(
    readonly issues: ValidationIssue[],
    context = "request",
  ) {
    super(`Invalid ${context}: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`);
  }
}

/** Checks a JSON body as the caller passed it; an empty list means it may be sent. */
export type BodyRule = (body: unknown) => ValidationIssue[];

/** A call's inputs as the caller passed them: operation, parameters and body, before any serialisation. */
export interface RequestCall {
  method: string;
  /** The path template, e.g. `/projects/{projectId}`. */
  path: string;
  params: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
  };
  body: unknown;
}

/**
 * A vendor's checks on a call's inputs (its preset's `check`). {@link createApiClient} runs it once per
 * call, before rate limiting and serialisation; it throws to refuse the call. Working on the plain inputs
 * costs nothing measurable, where a middleware would have to clone and re-parse the serialised request.
 */
export type RequestCheck = (call: RequestCall) => void;

/**
 * A check of the JSON bodies of the listed operations (`"POST /path/{template}"`), throwing what
 * `toError` makes (a {@link ValidationError} by default) with every broken rule.
 */
export function validateBodies(
  rules: Record<string, BodyRule>,
  toError: (issues: ValidationIssue[], context: string) => Error = (issues, context) =>
    new ValidationError(issues, context),
): RequestCheck {
  return ({ method, path, body }) => {
    const rule = rules[`${method} ${path}`];
    if (!rule) return;
    const issues = rule(body);
    if (issues.length) throw toError(issues, `${method} ${path} body`);
  };
}
