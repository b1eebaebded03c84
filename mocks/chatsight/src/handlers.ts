import {
  CHATSIGHT_BASE_URL,
  CHATSIGHT_RULES,
  CHATSIGHT_SPEC,
  type JobStatus,
  type Metric,
  type paths,
} from "@cxkit/client-chatsight";
import { createRequestGuard } from "@cxkit/client-core/server";
import { HttpResponse, http as mswHttp } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

/** The spec's first server, which the client calls by default. */
export const CHATSIGHT_MOCK_BASE_URL = CHATSIGHT_BASE_URL;

/** The job id of the documentation's examples; the stateful handlers know it as a Finished sentiment job. */
export const DOCUMENTED_JOB_ID = "f1gRozC1w5iHP6Kid2zhET";

/** Typed MSW `http` for Chatsight paths, for per-test overrides: `server.use(chatsightHttp().get(...))`. */
export const chatsightHttp = (baseUrl: string = CHATSIGHT_MOCK_BASE_URL) =>
  createOpenApiHttp<paths>({ baseUrl });

export interface CommunityJobScenario {
  /**
   * The statuses a job reports, one per status check, starting with the first check after it was
   * created (which answered Provisioning). The last one repeats. Default: In Progress, then Finished.
   */
  statuses?: JobStatus[];
}

const ex = examples;
const rowsByMetric: Record<Metric, unknown[]> = {
  sentiment: ex.getCommunityQuery.responses["200"].sentiment.response,
  language_political: ex.getCommunityQuery.responses["200"].languagePolitical.response,
  language_vulgarity: ex.getCommunityQuery.responses["200"].languageVulgarity.response,
};

/**
 * MSW handlers for every Chatsight operation, answering with the spec's examples. The community query
 * is stateful: a started job walks through `scenario.statuses` one status check at a time, and its
 * results (rows for its metric) can be fetched once it is Finished. The documentation's job
 * ({@link DOCUMENTED_JOB_ID}) is known from the start as Finished, with the documented sentiment rows.
 * Other unknown job ids answer 404 like an expired job. `Prefer: example=<name>` on a status/results
 * request answers that named example, as Prism does.
 *
 * The first handler checks every request with client-core's request guard, from the spec alone (its
 * `x-chatsight-api-auth` scheme, each operation's parameters and body) and CHATSIGHT_RULES: 401 without
 * the token, 415 for a body that is not JSON, 422 naming every broken constraint, in Chatsight's
 * `{ api, success: false, response }` shape. A valid request falls through to the handlers after it.
 * Handlers a test adds with `server.use()` run before the guard.
 */
export function createChatsightHandlers(
  baseUrl: string = CHATSIGHT_MOCK_BASE_URL,
  scenario: CommunityJobScenario = {},
) {
  const http = chatsightHttp(baseUrl);
  const statuses = scenario.statuses ?? ["In Progress", "Finished"];
  // The documentation's job is known from the start, already Finished with the documentation's rows,
  // so its status and results requests can be replayed as written without starting a job first.
  const jobs = new Map<string, { metric: Metric; checks: number; finished?: true }>([
    [DOCUMENTED_JOB_ID, { metric: "sentiment", checks: 0, finished: true }],
  ]);
  let started = 0;
  const api = "chatsight-lang-text" as const;
  const status = (jobid: string): JobStatus => {
    const job = jobs.get(jobid)!;
    if (job.finished) return "Finished";
    return statuses[Math.min(job.checks, statuses.length) - 1] ?? "Provisioning";
  };
  const notFound = (jobid: string) =>
    HttpResponse.json(
      { api, success: false, response: `Job ${jobid} was not found or has expired.` },
      { status: 404 },
    ) as never;

  const guard = createRequestGuard(CHATSIGHT_SPEC, baseUrl, CHATSIGHT_RULES);

  return [
    mswHttp.all(`${baseUrl.replace(/\/$/, "")}/*`, ({ request }) => guard(request)),
    http.post("/insights/community/query", async ({ request, response }) => {
      const { metric } = await request.json();
      const jobid = `mockjob${String(++started).padStart(15, "0")}`;
      jobs.set(jobid, { metric, checks: 0 });
      return response(200).json({ api, success: true, response: { status: "Provisioning", jobid, metric } });
    }),
    http.get("/insights/community/query/{jobid}", ({ request, params, query, response }) => {
      // `Prefer: example=<name>` picks a documented body, as it does on the Prism mock.
      const preferred = /example=([A-Za-z]+)/.exec(request.headers.get("prefer") ?? "")?.[1];
      const named = ex.getCommunityQuery.responses["200"] as Record<string, unknown>;
      if (preferred && preferred in named) return response(200).json(named[preferred] as never);
      const job = jobs.get(params.jobid);
      if (!job) return notFound(params.jobid);
      if (query.get("view") === "results") {
        if (status(params.jobid) !== "Finished")
          return HttpResponse.json(
            { api, success: false, response: `Job ${params.jobid} has not finished.` },
            { status: 409 },
          ) as never;
        return response(200).json({ api, success: true, response: rowsByMetric[job.metric] as never });
      }
      job.checks += 1;
      return response(200).json({
        api,
        success: true,
        response: { jobid: params.jobid, metric: job.metric, status: status(params.jobid) },
      });
    }),
    http.get("/stats/moderation", ({ response }) =>
      response(200).json(ex.getModerationStats.responses["200"].counters as never),
    ),
    http.post("/stats/moderation/search", ({ response }) =>
      response(200).json(ex.searchModerationStats.responses["200"].records as never),
    ),
    http.post("/text/moderation", ({ response }) =>
      response(200).json(ex.moderateText.responses["200"].pass as never),
    ),
    http.post("/text/moderation/username", ({ response }) =>
      response(200).json(ex.moderateUsername.responses["200"].allow as never),
    ),
    http.post("/stream/moderate", ({ response }) =>
      response(200).json(ex.startStreamModeration.responses["200"].accepted as never),
    ),
    http.get("/stream", ({ response }) =>
      response(200).json(ex.getStreamSession.responses["200"].moderationRunning as never),
    ),
    http.post("/stream/{convoid}", ({ response }) =>
      response(200).json(ex.fetchStreamTranscript.responses["200"].transcript as never),
    ),
    http.post("/stream/tag", ({ response }) =>
      response(200).json(ex.createTaggingSession.responses["200"].accepted as never),
    ),
  ];
}
