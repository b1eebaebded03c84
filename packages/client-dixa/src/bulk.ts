import type { BulkActionFailure, BulkActionSuccess, BulkItemError } from "./types.js";

/** The error kinds of a failed bulk item (`ErrorResponse` when Dixa sends none, as bulk notes may). */
export type BulkErrorKind = NonNullable<BulkItemError["_type"]>;

/** One failed item of a bulk call: its position in the request, the error kind and message. */
export interface BulkFailure {
  index: number;
  kind: BulkErrorKind;
  message: string;
  /** The id of the entity the item targeted, when Dixa names it. */
  id?: string;
  error: BulkItemError;
}

type Outcome = BulkActionSuccess | BulkActionFailure<{ _type?: string; message: string; id?: string }>;
type BulkResult = { readonly data: readonly Outcome[] } | readonly Outcome[];

/** Narrows one bulk outcome to a failure. */
export const isBulkFailure = <O extends { _type: string }>(
  outcome: O,
): outcome is Extract<O, { _type: "BulkActionFailure" }> => outcome._type === "BulkActionFailure";

/** Narrows one bulk outcome to a success. */
export const isBulkSuccess = <O extends { _type: string }>(
  outcome: O,
): outcome is Extract<O, { _type: "BulkActionSuccess" }> => outcome._type === "BulkActionSuccess";

/**
 * Every failed item of a bulk response (agents, end users, notes, queue members), with its index in the
 * request, error kind and message. Dixa answers 200/201 even when items fail, so check this after every
 * bulk call: an empty list means every item succeeded.
 */
export function bulkFailures(result: BulkResult | undefined): BulkFailure[] {
  const outcomes = result === undefined ? [] : "data" in result ? result.data : result;
  const failures: BulkFailure[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome._type !== "BulkActionFailure") return;
    const error = outcome.error;
    failures.push({
      index,
      kind: (error._type ?? "ErrorResponse") as BulkErrorKind,
      message: error.message,
      ...(error.id === undefined ? {} : { id: error.id }),
      error: error as BulkItemError,
    });
  });
  return failures;
}
