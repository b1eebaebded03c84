// Contract tests: every Chatsight operation through the typed client against the Prism mock (request
// validation on), the documented job-status examples, and invalid requests the mock must reject.
import {
  createChatsightClient,
  toUtcDateTime,
  ValidationError,
  validateCommunityQuery,
} from "@cxkit/client-chatsight";
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

// The vendor documentation's own requests, replayed as its curl samples write them: same method,
// path, query, headers (the token header with the samples' placeholder values) and body.
describe("the documentation's requests, replayed as written", () => {
  const jobid = "f1gRozC1w5iHP6Kid2zhET";
  const docBody =
    '{"timefrom":"2021-05-01 00:27:00","timeto":"2021-05-04 21:30:00","maxresults":1000,"metric":"sentiment"}';
  const job = (status: string) => ({
    api: "chatsight-lang-text",
    success: true,
    response: { jobid, metric: "sentiment", status },
  });
  const docRows = [
    {
      SAMPLE: "I really love going to get pizza at the pier.",
      SENTIMENT: 0.5,
      requestTime: "2021-05-11T04:42:21.000Z",
      VERSION: "2.0",
    },
    {
      SAMPLE: "Damn that really makes me upset that, that pizza place closed.",
      SENTIMENT: -0.3,
      requestTime: "2021-05-11T04:42:16.000Z",
      VERSION: "2.0",
    },
    {
      SAMPLE: "I'm really happy, but really sad at the same time.",
      SENTIMENT: 0,
      requestTime: "2021-05-11T04:40:56.000Z",
      VERSION: "2.0",
    },
  ];
  const replays: {
    name: string;
    method: "GET" | "POST";
    path: string;
    headers: Record<string, string>;
    body?: string;
    /** The documentation's response examples: the answer must equal one of them. */
    oneOf: unknown[];
    /**
     * The mock serves one path for both views and cannot choose a body by `view` (see
     * specs/chatsight/README.md), so the results replay names its example; everything else is as written.
     */
    prefer?: string;
    viaClient: () => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  }[] = [
    {
      name: "Start a Query",
      method: "POST",
      path: "/insights/community/query",
      headers: { "x-chatsight-api-auth": "<YOUR_API_TOKEN>", "Content-Type": "application/json" },
      body: docBody,
      oneOf: [
        {
          api: "chatsight-lang-text",
          success: true,
          response: { status: "Provisioning", jobid, metric: "sentiment" },
        },
      ],
      viaClient: () => docClient.POST("/insights/community/query", { body: JSON.parse(docBody) }),
    },
    {
      name: "Check Query Status",
      method: "GET",
      path: `/insights/community/query/${jobid}?view=status`,
      headers: { "x-chatsight-api-auth": "<YOUR_API_TOKEN>" },
      oneOf: [job("In Progress"), job("Finished"), job("Failed")],
      viaClient: () =>
        docClient.GET("/insights/community/query/{jobid}", {
          params: { path: { jobid }, query: { view: "status" } },
        }),
    },
    {
      name: "Get the results of the Query",
      method: "GET",
      path: `/insights/community/query/${jobid}?view=results`,
      headers: { "x-chatsight-api-auth": "<YOUR_AUTH_TOKEN>" },
      oneOf: [{ api: "chatsight-lang-text", success: true, response: docRows }],
      prefer: "example=sentiment",
      viaClient: () =>
        docClient.GET("/insights/community/query/{jobid}", {
          params: { path: { jobid }, query: { view: "results" } },
          headers: { Prefer: "example=sentiment" },
        }),
    },
  ];
  const docClient = createChatsightClient({ apiKey: "<YOUR_API_TOKEN>", baseUrl, maxRetries: 0 });
  docClient.use(recorder);
  const send = (r: (typeof replays)[number], headers: Record<string, string>) =>
    fetch(baseUrl + r.path, { method: r.method, headers, ...(r.body ? { body: r.body } : {}) });

  test.each(replays)("raw: $name → 200 with the documented response", async (r) => {
    const response = await send(r, { ...r.headers, ...(r.prefer ? { Prefer: r.prefer } : {}) });
    expect(response.status).toBe(200);
    expect(r.oneOf).toContainEqual(await response.json());
  });

  test("raw: the results request exactly as written (no Prefer) is accepted as a success envelope", async () => {
    const results = replays[2]!;
    const response = await send(results, results.headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ api: "chatsight-lang-text", success: true });
  });

  test.each(replays)("typed client (validation on): $name is sent and answered", async (r) => {
    if (r.body) expect(validateCommunityQuery(JSON.parse(r.body))).toEqual([]);
    const { data, error, response } = await r.viaClient();
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(r.oneOf).toContainEqual(data);
  });

  test.each(replays)("without x-chatsight-api-auth: $name → 401 with the error envelope", async (r) => {
    const { "x-chatsight-api-auth": _, ...rest } = r.headers;
    const response = await send(r, rest);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false });
  });

  test("paths with a trailing slash are served", async () => {
    const response = await send(
      { ...replays[1]!, path: `/insights/community/query/${jobid}/?view=status` },
      replays[1]!.headers,
    );
    expect(response.status).toBe(200);
  });
});

// Which values break which constraint is the generated mutation test's job (test/constraints.test.ts);
// these check the refusals' shape and the escape hatch.
describe("the mock rejects invalid requests, naming the problem", () => {
  test("the client refuses first with ValidationError; with validate: false, Prism answers 422 in the envelope", async () => {
    const body = { ...query, maxresults: 5001, metric: "toxicity" as never };
    const refused = await client.POST("/insights/community/query", { body }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.field)).toEqual([
      "body.maxresults",
      "body.metric",
    ]);
    const { error, response } = await client.POST("/insights/community/query", { body, validate: false });
    expect(response.status).toBe(422);
    const envelope = error as { success: boolean; response: string };
    expect(envelope.success).toBe(false);
    expect(envelope.response).toContain("maxresults");
    expect(envelope.response).toContain("metric");
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
