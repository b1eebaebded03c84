// Wire tests over the MSW handlers: the community query flow end to end (stateful job), documented
// examples round-tripping through the client, the handlers' refusals (from the spec, in Chatsight's
// error shape), and per-test overrides.
import {
  CommunityQueryError,
  createChatsightClient,
  type JobStatus,
  runCommunityQuery,
  toUtcDateTime,
} from "@cxkit/client-chatsight";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { chatsightHttp, createChatsightHandlers, DOCUMENTED_JOB_ID, examples } from "../src/index.ts";

const server = setupServer(...createChatsightHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createChatsightClient({ apiKey: "cs-wire-token", rateLimit: false });
const query = {
  timefrom: toUtcDateTime(new Date(Date.now() - 86_400_000)),
  timeto: toUtcDateTime(new Date()),
  maxresults: 100,
};

describe("runCommunityQuery", () => {
  test("walks Provisioning → In Progress → Finished and returns the metric's rows, typed", async () => {
    const seen: JobStatus[] = [];
    const result = await runCommunityQuery(
      client,
      { ...query, metric: "language_vulgarity" },
      { pollIntervalMs: 1, onStatus: (job) => seen.push(job.status) },
    );
    expect(seen).toEqual(["In Progress"]);
    expect(result.job.status).toBe("Finished");
    expect(result.rows.map((row) => row.LANGUAGE_VULGARITY)).toEqual(
      examples.getCommunityQuery.responses["200"].languageVulgarity.response.map((r) => r.LANGUAGE_VULGARITY),
    );
  });

  test("a Failed job is a typed error", async () => {
    server.use(...createChatsightHandlers(undefined, { statuses: ["In Progress", "Failed"] }));
    const error = await runCommunityQuery(
      client,
      { ...query, metric: "sentiment" },
      { pollIntervalMs: 1 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommunityQueryError);
    expect((error as CommunityQueryError).reason).toBe("failed");
  });

  test("an expired job is a typed error", async () => {
    server.use(
      chatsightHttp().get(
        "/insights/community/query/{jobid}",
        () =>
          Response.json(
            { api: "chatsight-lang-text", success: false, response: "expired" },
            { status: 404 },
          ) as never,
      ),
    );
    const error = await runCommunityQuery(
      client,
      { ...query, metric: "sentiment" },
      { pollIntervalMs: 1 },
    ).catch((e: unknown) => e);
    expect((error as CommunityQueryError).reason).toBe("not-found");
  });

  test("a job that never finishes times out; an abort stops it", async () => {
    server.use(...createChatsightHandlers(undefined, { statuses: ["In Progress"] }));
    await expect(
      runCommunityQuery(client, { ...query, metric: "sentiment" }, { pollIntervalMs: 5, timeoutMs: 50 }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
    const controller = new AbortController();
    const run = runCommunityQuery(
      client,
      { ...query, metric: "sentiment" },
      { pollIntervalMs: 5, signal: controller.signal, onStatus: () => controller.abort() },
    );
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
  });

  test("an invalid query never reaches the network", async () => {
    await expect(
      runCommunityQuery(client, { ...query, maxresults: 9000, metric: "sentiment" }),
    ).rejects.toThrow(/body\.maxresults must be at most 5000 \(got 9000\)/);
  });

  test("the documentation's own query (a fixed range in May 2021) runs to its rows", async () => {
    const docQuery = {
      timefrom: "2021-05-01 00:27:00",
      timeto: "2021-05-04 21:30:00",
      maxresults: 1000,
      metric: "sentiment" as const,
    };
    const result = await runCommunityQuery(client, docQuery, { pollIntervalMs: 1 });
    expect(result.rows.map((row) => row.SENTIMENT)).toEqual([0.5, -0.3, 0]);
  });
});

describe("the documentation's status and results requests, replayed as written", () => {
  const raw = (view: string, headers: Record<string, string> = {}) =>
    fetch(`https://api.chatsight.ai/insights/community/query/${DOCUMENTED_JOB_ID}?view=${view}`, {
      headers: { "x-chatsight-api-auth": "<YOUR_API_TOKEN>", ...headers },
    });

  test("view=status answers the documentation's Finished job", async () => {
    const response = await raw("status");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(examples.getCommunityQuery.responses["200"].finished);
  });

  test("view=results answers the documentation's rows", async () => {
    const response = await raw("results");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(examples.getCommunityQuery.responses["200"].sentiment);
  });

  test("Prefer: example=<name> picks a documented body, as on Prism", async () => {
    const response = await raw("status", { Prefer: "example=inProgress" });
    expect(await response.json()).toEqual(examples.getCommunityQuery.responses["200"].inProgress);
  });

  test("another unknown job id is not found", async () => {
    const { response } = await client.GET("/insights/community/query/{jobid}", {
      params: { path: { jobid: "unknownjob0000000000" }, query: { view: "status" } },
    });
    expect(response.status).toBe(404);
  });
});

test("documented examples round-trip", async () => {
  expect((await client.GET("/stats/moderation")).data).toEqual(
    examples.getModerationStats.responses["200"].counters,
  );
  const text = await client.POST("/text/moderation", { body: examples.moderateText.requests.documented });
  expect(text.data).toEqual(examples.moderateText.responses["200"].pass);
});

describe("the handlers validate every request against the spec and CHATSIGHT_RULES", () => {
  const url = "https://api.chatsight.ai";
  const token = { "x-chatsight-api-auth": "cs-wire-token" };
  const post = (path: string, body: unknown) =>
    fetch(url + path, {
      method: "POST",
      headers: { ...token, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  const envelope = async (response: Response) =>
    (await response.json()) as { api: string; success: boolean; response: string };

  test("a request without the token → 401 in the error envelope", async () => {
    const response = await fetch(`${url}/stats/moderation`);
    expect(response.status).toBe(401);
    expect(await envelope(response)).toEqual({
      api: "chatsight-lang-text",
      success: false,
      response: expect.stringMatching(/\S/),
    });
  });

  test("an invalid body → 422 naming every broken field", async () => {
    const response = await post("/insights/community/query", {
      ...query,
      timefrom: "yesterday",
      metric: "toxicity",
    });
    expect(response.status).toBe(422);
    const { success, response: message } = await envelope(response);
    expect(success).toBe(false);
    expect(message).toMatch(
      /^body\.timefrom must match the pattern .*; body\.metric must be one of: sentiment/,
    );
  });

  test("a rule the schema cannot say (timefrom after timeto) → 422 too", async () => {
    const response = await post("/stats/moderation/search", {
      timefrom: query.timeto,
      timeto: query.timefrom,
    });
    expect(response.status).toBe(422);
    expect((await envelope(response)).response).toMatch(/^body\.timefrom must not be after body\.timeto/);
    expect(
      (await post("/stats/moderation/search", { timefrom: query.timefrom, timeto: query.timeto })).status,
    ).toBe(200);
  });

  test("a voice call without its x-chatsight-api header, or a status check without view → 422", async () => {
    const stream = await fetch(`${url}/stream?convoid=convo-000042`, { headers: token });
    expect(stream.status).toBe(422);
    expect((await envelope(stream)).response).toContain("header.x-chatsight-api is required");
    const view = await fetch(`${url}/insights/community/query/${DOCUMENTED_JOB_ID}`, { headers: token });
    expect(view.status).toBe(422);
    expect((await envelope(view)).response).toContain("query.view is required");
  });

  test("a body that is not JSON → 415", async () => {
    const response = await fetch(`${url}/text/moderation`, {
      method: "POST",
      headers: { ...token, "Content-Type": "text/plain" },
      body: "hello",
    });
    expect(response.status).toBe(415);
  });

  test("a client with validate: false reaches the handlers, which still refuse", async () => {
    const body = { ...query, maxresults: 9000, metric: "sentiment" as const };
    for (const unchecked of [
      createChatsightClient({ apiKey: "cs-wire-token", rateLimit: false, validate: false }).POST(
        "/insights/community/query",
        { body },
      ),
      client.POST("/insights/community/query", { body, validate: false }),
    ]) {
      const { error, response } = await unchecked;
      expect(response.status).toBe(422);
      expect(error).toMatchObject({
        success: false,
        response: "body.maxresults must be at most 5000 (got 9000)",
      });
    }
  });
});
