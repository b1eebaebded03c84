import { pollUntil } from "@cxkit/client-core";
import type { ChatsightClient } from "./client.js";
import type { CommunityQueryJob, CommunityQueryRequest, Metric, RowsByMetric } from "./types.js";

export interface RunCommunityQueryOptions {
  /** Cancels the query: the in-flight request and the wait between polls. */
  signal?: AbortSignal;
  /** First delay between status checks; grows 1.5× per check up to 30 s. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Gives up (TimeoutError, scope "poll") after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** Called with the job after every status check that is not final yet. */
  onStatus?: (job: CommunityQueryJob) => void;
}

export interface CommunityQueryResult<M extends Metric> {
  job: CommunityQueryJob & { metric: M };
  /** The job's rows, newest first (as Chatsight sorts them). */
  rows: RowsByMetric[M][];
}

/** A community query that could not produce rows: refused, failed, expired or unknown. */
export class CommunityQueryError extends Error {
  override name = "CommunityQueryError";
  constructor(
    message: string,
    readonly reason: "refused" | "failed" | "not-found",
    readonly jobid?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * Runs a community query to completion: starts the job (the client checks the query first, as it
 * checks every call), polls its status with back-off until it is Finished or Failed, then fetches its
 * rows, typed by metric.
 */
export async function runCommunityQuery<M extends Metric>(
  client: ChatsightClient,
  query: CommunityQueryRequest & { metric: M },
  options: RunCommunityQueryOptions = {},
): Promise<CommunityQueryResult<M>> {
  const { signal, pollIntervalMs = 2000, timeoutMs = 10 * 60_000, onStatus } = options;
  const started = await client.POST("/insights/community/query", {
    body: query,
    ...(signal ? { signal } : {}),
  });
  if (!started.data?.success)
    throw new CommunityQueryError(
      `Chatsight refused the query (HTTP ${started.response.status})`,
      "refused",
      undefined,
      started.response.status,
    );
  const { jobid } = started.data.response;

  const view = async (v: "status" | "results", s: AbortSignal) => {
    const { data, response } = await client.GET("/insights/community/query/{jobid}", {
      params: { path: { jobid }, query: { view: v } },
      signal: s,
    });
    if (!data?.success)
      throw new CommunityQueryError(
        `Chatsight job ${jobid} was not found or has expired (HTTP ${response.status}); jobs are kept 24 hours`,
        "not-found",
        jobid,
        response.status,
      );
    return data.response;
  };

  const job = await pollUntil(
    async (s) => {
      const answer = await view("status", s);
      if (Array.isArray(answer))
        throw new CommunityQueryError(`job ${jobid}: expected a status`, "failed", jobid);
      return answer;
    },
    {
      isDone: (j) => j.status === "Finished" || j.status === "Failed",
      intervalMs: pollIntervalMs,
      backoff: 1.5,
      timeoutMs,
      ...(signal ? { signal } : {}),
      ...(onStatus ? { onStatus: (j: CommunityQueryJob) => onStatus(j) } : {}),
    },
  );
  if (job.status === "Failed")
    throw new CommunityQueryError(`Chatsight job ${jobid} failed`, "failed", jobid);

  const rows = await view("results", signal ?? new AbortController().signal);
  if (!Array.isArray(rows))
    throw new CommunityQueryError(`job ${jobid}: expected result rows`, "failed", jobid);
  return { job: job as CommunityQueryResult<M>["job"], rows: rows as RowsByMetric[M][] };
}
