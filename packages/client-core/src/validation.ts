import type { Middleware } from "openapi-fetch";

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

/** Checks a parsed JSON body; an empty list means it may be sent. */
export type BodyRule = (body: unknown) => ValidationIssue[];

/**
 * A middleware that checks the JSON bodies of the listed operations (`"POST /path/{template}"`) before
 * they leave the process, throwing what `toError` makes (a {@link ValidationError} by default).
 */
export function validateBodies(
  rules: Record<string, BodyRule>,
  toError: (issues: ValidationIssue[], context: string) => Error = (issues, context) =>
    new ValidationError(issues, context),
): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      const rule = rules[`${request.method} ${schemaPath}`];
      if (!rule) return undefined;
      const context = `${request.method} ${schemaPath} body`;
      let body: unknown;
      try {
        body = await request.clone().json();
      } catch {
        throw toError([{ field: "(body)", message: "must be JSON" }], context);
      }
      const issues = rule(body);
      if (issues.length) throw toError(issues, context);
      return undefined;
    },
  };
}
