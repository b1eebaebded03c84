import type { JobStatus, Metric, paths } from "@cxkit/client-chatsight";
import { HttpResponse } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

export const CHATSIGHT_MOCK_BASE_URL = "https://api.chatsight.ai";

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
const unauthorized = () =>
  HttpResponse.json(ex.getModerationStats.responses["401"].missingToken, { status: 401 }) as never;
const authorized = (request: Request) => Boolean(request.headers.get("x-chatsight-api-auth"));
const rowsByMetric: Record<Metric, unknown[]> = {
  sentiment: ex.getCommunityQuery.responses["200"].sentiment.response,
  language_political: ex.getCommunityQuery.responses["200"].languagePolitical.response,
  language_vulgarity: ex.getCommunityQuery.responses["200"].languageVulgarity.response,
};

/**
 * MSW handlers for every Chatsight operation, answering with the spec's examples. The community query
 * is stateful: a started job walks through `scenario.statuses` one status check at a time, and its
 * results (rows for its metric) can be fetched once it is Finished. Unknown job ids answer 404 like an
 * expired job. Requests without `x-chatsight-api-auth` get 401. Bodies are not schema-validated here:
 * the Prism mock does that.
 */
export function createChatsightHandlers(
  baseUrl: string = CHATSIGHT_MOCK_BASE_URL,
  scenario: CommunityJobScenario = {},
) {
  const http = chatsightHttp(baseUrl);
  const statuses = scenario.statuses ?? ["In Progress", "Finished"];
  const jobs = new Map<string, { metric: Metric; checks: number }>();
  const api = "chatsight-lang-text" as const;
  const status = (jobid: string) => {
    const job = jobs.get(jobid)!;
    return statuses[Math.min(job.checks, statuses.length) - 1] ?? "Provisioning";
  };
  const notFound = (jobid: string) =>
    HttpResponse.json(
      { api, success: false, response: `Job ${jobid} was not found or has expired.` },
      { status: 404 },
    ) as never;

  return [
    http.post("/insights/community/query", async ({ request, response }) => {
      if (!authorized(request)) return unauthorized();
      const { metric } = await request.json();
      const jobid = `mockjob${String(jobs.size + 1).padStart(15, "0")}`;
      jobs.set(jobid, { metric, checks: 0 });
      return response(200).json({ api, success: true, response: { status: "Provisioning", jobid, metric } });
    }),
    http.get("/insights/community/query/{jobid}", ({ request, params, query, response }) => {
      if (!authorized(request)) return unauthorized();
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
    http.get("/stats/moderation", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.getModerationStats.responses["200"].counters as never)
        : unauthorized(),
    ),
    http.post("/stats/moderation/search", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.searchModerationStats.responses["200"].records as never)
        : unauthorized(),
    ),
    http.post("/text/moderation", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.moderateText.responses["200"].pass as never)
        : unauthorized(),
    ),
    http.post("/text/moderation/username", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.moderateUsername.responses["200"].allow as never)
        : unauthorized(),
    ),
    http.post("/stream/moderate", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.startStreamModeration.responses["200"].accepted as never)
        : unauthorized(),
    ),
    http.get("/stream", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.getStreamSession.responses["200"].moderationRunning as never)
        : unauthorized(),
    ),
    http.post("/stream/{convoid}", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.fetchStreamTranscript.responses["200"].transcript as never)
        : unauthorized(),
    ),
    http.post("/stream/tag", ({ request, response }) =>
      authorized(request)
        ? response(200).json(ex.createTaggingSession.responses["200"].accepted as never)
        : unauthorized(),
    ),
  ];
}
