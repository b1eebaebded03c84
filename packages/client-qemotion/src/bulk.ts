import type { ValidationIssue } from "@cxkit/client-core";
import { validateVerbatim } from "./checks.js";
import type { QemotionClient } from "./client.js";
import type { BulkVerbatimCreated, Verbatim } from "./types.js";

export interface AddVerbatimsOptions {
  /** Verbatims per request. The documentation sets no maximum; 100 keeps each request small. */
  batchSize?: number;
  /** Stops before the next batch; the unsent verbatims are reported as rejected with `sent: false`. */
  signal?: AbortSignal;
  /** Called after each batch with the indexes it covered and whether the API accepted it. */
  onBatch?: (batch: { indexes: number[]; accepted: boolean }) => void;
}

export interface BulkReport {
  /** True when every verbatim was created. */
  ok: boolean;
  /** Verbatims the API created, with their index in the input. */
  created: { index: number; verbatim: BulkVerbatimCreated }[];
  /** Verbatims that break the spec, each issue named from the input (`verbatims[7].lang`); never sent. */
  invalid: { index: number; issues: ValidationIssue[] }[];
  /**
   * Valid verbatims that were not created: their batch was refused (all or nothing: one invalid item
   * refuses the batch), failed, or was never sent. `errors` is the API's error list when it gave one.
   */
  rejected: { index: number; sent: boolean; status?: number; reason: string; errors?: unknown[] }[];
}

/**
 * Adds many verbatims to a project: checks each against the spec's schema for a bulk item (the API
 * refuses a batch whole for one bad verbatim), sends the valid ones in batches through
 * `createVerbatimsBulk`, and accounts for every input index in exactly one of `created`, `invalid` or
 * `rejected` — nothing is dropped silently.
 */
export async function addVerbatimsInBatches(
  client: QemotionClient,
  projectId: number,
  verbatims: readonly Verbatim[],
  options: AddVerbatimsOptions = {},
): Promise<BulkReport> {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError("batchSize must be a positive integer");
  const report: BulkReport = { ok: false, created: [], invalid: [], rejected: [] };
  const valid: number[] = [];
  verbatims.forEach((verbatim, index) => {
    const issues = validateVerbatim(verbatim, `verbatims[${index}]`);
    if (issues.length) report.invalid.push({ index, issues });
    else valid.push(index);
  });

  for (let start = 0; start < valid.length; start += batchSize) {
    const indexes = valid.slice(start, start + batchSize);
    if (options.signal?.aborted) {
      for (const index of valid.slice(start))
        report.rejected.push({ index, sent: false, reason: "aborted before sending" });
      break;
    }
    const accepted = await sendBatch(client, projectId, verbatims, indexes, report, options.signal);
    options.onBatch?.({ indexes, accepted });
  }
  report.ok = report.invalid.length === 0 && report.rejected.length === 0;
  return report;
}

async function sendBatch(
  client: QemotionClient,
  projectId: number,
  verbatims: readonly Verbatim[],
  indexes: number[],
  report: BulkReport,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const reject = (reason: string, status?: number, errors?: unknown[]) => {
    for (const index of indexes)
      report.rejected.push({
        index,
        sent: true,
        reason,
        ...(status ? { status } : {}),
        ...(errors ? { errors } : {}),
      });
    return false;
  };
  let result: Awaited<ReturnType<typeof postBulk>>;
  try {
    result = await postBulk(
      client,
      projectId,
      indexes.map((i) => verbatims[i]!),
      signal,
    );
  } catch (error) {
    return reject(error instanceof Error ? error.message : String(error));
  }
  const { data, error, response } = result;
  if (!data) {
    const errors = Array.isArray(error?.errors) ? error.errors : undefined;
    return reject(`batch refused with HTTP ${response.status}`, response.status, errors);
  }
  // The API answers one entry per verbatim, in order; match by verbatim_external_id when it does not.
  const byExternalId = new Map(data.map((created) => [created.verbatim_external_id, created]));
  indexes.forEach((index, position) => {
    const externalId = verbatims[index]!.verbatim_external_id;
    const created =
      data.length === indexes.length ? data[position] : externalId ? byExternalId.get(externalId) : undefined;
    if (created) report.created.push({ index, verbatim: created });
    else report.rejected.push({ index, sent: true, reason: "missing from the API's response" });
  });
  return true;
}

function postBulk(
  client: QemotionClient,
  projectId: number,
  body: Verbatim[],
  signal: AbortSignal | undefined,
) {
  return client.POST("/projects/{projectId}/verbatims/bulk", {
    params: { path: { projectId } },
    body,
    ...(signal ? { signal } : {}),
  });
}
