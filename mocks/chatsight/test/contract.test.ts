// Contract tests: every Chatsight operation through the typed client against the Prism mock (request
// validation on), the documented job-status examples, and invalid requests the mock must reject.
import { createChatsightClient, toUtcDateTime, validateCommunityQuery } from "@cxkit/client-chatsight";
import { afterAll, describe, expect, inject, test } from "vitest";
import { coverageRecorder } from "../../../tools/testing/coverage.ts";
import { examples } from "../src/index.ts";

const baseUrl = inject("mockUrl");
const apiKey = "cs-test-token-0123456789";
const recorder = coverageRecorder("chatsight");
const client = createChatsightClient({ apiKey, baseUrl, maxRetries: 0 });
client.use(recorder);
afterAll(() => recorder.save());

const hourAgo = toUtcDateTime(new Date(Date.now() - 3_600_000));
const now = toUtcDateTime(new Date());
const query = { timefrom: hourAgo, timeto: now, maxresults: 1000, metric: "sentiment" as const };
const voice = { "x-chatsight-api": "chatsightvoice" as const };
const request = <K extends keyof typeof examples>(id: K, name: string) =>
  (examples[id].requests as Record<string, unknown>)[name] as never;

describe("every operation through the client", () => {
  test("startCommunityQuery returns a Provisioning job", async () => {
    const { data } = await client.POST("/insights/community/query", { body: query });
    expect(data?.response.status).toBe("Provisioning");
  });

  test.each(["provisioning", "inProgress", "finished", "failed"])(
    "getCommunityQuery view=status answers the %s example on request",
    async (name) => {
      const { data } = await client.GET("/insights/community/query/{jobid}", {
        params: { path: { jobid: "f1gRozC1w5iHP6Kid2zhET" }, query: { view: "status" } },
        headers: { Prefer: `example=${name}` },
      });
      expect(data).toEqual((examples.getCommunityQuery.responses["200"] as Record<string, unknown>)[name]);
    },
  );

  test("getCommunityQuery view=results returns rows", async () => {
    const { data } = await client.GET("/insights/community/query/{jobid}", {
      params: { path: { jobid: "f1gRozC1w5iHP6Kid2zhET" }, query: { view: "results" } },
      headers: { Prefer: "example=sentiment" },
    });
    expect(Array.isArray(data?.response) && data.response[0]).toHaveProperty("SENTIMENT");
  });

  test("moderation stats and search", async () => {
    expect((await client.GET("/stats/moderation")).data?.success).toBe(true);
    const search = await client.POST("/stats/moderation/search", {
      body: { timefrom: hourAgo, timeto: now },
    });
    expect(search.data?.success).toBe(true);
  });

  test("text and username moderation", async () => {
    const text = await client.POST("/text/moderation", { body: request("moderateText", "documented") });
    expect(text.data?.success).toBe(true);
    const username = await client.POST("/text/moderation/username", { body: { username: "pizza_lover" } });
    expect(username.data?.response.usernameCheck).toBeTypeOf("string");
  });

  test("stream moderation: start, status, transcript (voice header added by the client)", async () => {
    const started = await client.POST("/stream/moderate", {
      params: { header: voice },
      body: request("startStreamModeration", "mediaFile"),
    });
    expect(started.response.status).toBe(200);
    const session = await client.GET("/stream", {
      params: { header: voice, query: { convoid: "convo-000042" } },
    });
    expect(session.response.status).toBe(200);
    const transcript = await client.POST("/stream/{convoid}", {
      params: { header: voice, path: { convoid: "convo-000042" } },
      body: request("fetchStreamTranscript", "authorKey"),
    });
    expect(transcript.response.status).toBe(200);
  });

  test("audio tagging session", async () => {
    const { response } = await client.POST("/stream/tag", {
      params: { header: voice },
      body: request("createTaggingSession", "minimal"),
    });
    expect(response.status).toBe(200);
  });
});

describe("the mock rejects invalid requests, naming the problem", () => {
  const cases = [
    { name: "maxresults over 5000", body: { ...query, maxresults: 5001 }, field: "maxresults" },
    { name: "unknown metric", body: { ...query, metric: "toxicity" }, field: "metric" },
    { name: "ISO timefrom", body: { ...query, timefrom: "2021-05-01T00:27:00Z" }, field: "timefrom" },
  ];
  test.each(cases)("$name → 422 naming $field, and the client refuses it first", async ({ body, field }) => {
    expect(validateCommunityQuery(body).map((i) => i.field)).toContain(field);
    await expect(client.POST("/insights/community/query", { body: body as never })).rejects.toThrow(field);
    const response = await rawFetch("/insights/community/query", {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(422);
    const error = (await response.json()) as { success: boolean; response: string };
    expect(error.success).toBe(false);
    expect(error.response).toContain(field);
  });

  test("a status check without view → 422 naming view", async () => {
    const response = await rawFetch("/insights/community/query/f1gRozC1w5iHP6Kid2zhET");
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("view");
  });

  test("no credential → 401", async () => {
    const response = await fetch(`${baseUrl}/stats/moderation`);
    expect(response.status).toBe(401);
  });

  test("a stream call without the voice header → 422 naming it", async () => {
    const response = await rawFetch("/stream?convoid=convo-000042");
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("x-chatsight-api");
  });
});

function rawFetch(path: string, init: RequestInit = {}) {
  return fetch(baseUrl + path, {
    ...init,
    headers: { "x-chatsight-api-auth": apiKey, "Content-Type": "application/json" },
  });
}
