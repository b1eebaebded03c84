import { readFileSync } from "node:fs";
import {
  CHATSIGHT_BASE_URL,
  CHATSIGHT_PRESET,
  CHATSIGHT_RULES,
  CHATSIGHT_SPEC,
  chatsightRules,
  createChatsightClient,
  MAX_RESULTS,
  METRICS,
  QUERY_WINDOW_MS,
  toUtcDateTime,
  UTC_DATE_TIME,
  ValidationError,
  validateCommunityQuery,
} from "@cxkit/client-chatsight";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const apiKey = "cs-secret-token-77";
const now = Date.parse("2024-05-11T12:00:00Z");
const ok = {
  timefrom: "2024-05-10 00:00:00",
  timeto: "2024-05-11 00:00:00",
  maxresults: 1000,
  metric: "sentiment" as const,
};
const spec = parse(readFileSync(new URL("../../../specs/chatsight/openapi.yaml", import.meta.url), "utf8"));

function fakeFetch() {
  const requests: Request[] = [];
  const fetch = (async (request: Request) => {
    requests.push(request);
    return Response.json({ api: "chatsight-lang-text", success: true, response: {} });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

/** The issues of CHATSIGHT_RULES (or `rules`) alone for `METHOD /path` with `body`. */
const ruleIssues = (key: string, body: unknown, rules = CHATSIGHT_RULES) => {
  const [method, path] = key.split(" ") as [string, string];
  return rules[key]?.({ method, path, params: {}, body }) ?? [];
};

// Each rule of src/rules.ts: one refused case naming the field, one accepted case. Which values break
// the spec's own constraints is the generated mutation test's job (mocks/chatsight/test/constraints.test.ts).
describe("CHATSIGHT_RULES", () => {
  test.each(["POST /insights/community/query", "POST /stats/moderation/search"])(
    "%s: timefrom must not be after timeto",
    (key) => {
      const late = { ...ok, timefrom: "2024-05-11 00:00:01" };
      expect(ruleIssues(key, late)).toEqual([
        { field: "body.timefrom", message: expect.stringContaining("must not be after body.timeto") },
      ]);
      expect(ruleIssues(key, ok)).toEqual([]);
      expect(ruleIssues(key, { ...ok, timefrom: ok.timeto })).toEqual([]);
    },
  );

  test("the seven-day window applies only when now is given, inclusive of its start", () => {
    const key = "POST /insights/community/query";
    const old = { ...ok, timefrom: toUtcDateTime(new Date(now - QUERY_WINDOW_MS - 1000)) };
    expect(ruleIssues(key, old, chatsightRules(now))).toEqual([
      { field: "body.timefrom", message: expect.stringContaining("within the 7 days before now") },
    ]);
    const edge = { ...ok, timefrom: toUtcDateTime(new Date(now - QUERY_WINDOW_MS)) };
    expect(ruleIssues(key, edge, chatsightRules(now))).toEqual([]);
    expect(ruleIssues(key, old)).toEqual([]);
  });

  test("the rules leave values the schema refuses to the schema", () => {
    expect(ruleIssues("POST /insights/community/query", { ...ok, timefrom: "yesterday" })).toEqual([]);
    expect(ruleIssues("POST /insights/community/query", "not an object")).toEqual([]);
  });

  test("hold rules only for operations of the spec", () => {
    for (const key of Object.keys(chatsightRules(now)))
      expect(CHATSIGHT_SPEC.operations).toHaveProperty([key]);
  });
});

describe("validateCommunityQuery", () => {
  test("runs the spec's constraints, then the rules, naming fields as in a call", () => {
    expect(validateCommunityQuery(ok, now)).toEqual([]);
    expect(
      validateCommunityQuery({ ...ok, timefrom: "2024-05-11 00:00:01", metric: "toxicity" }).map(
        (i) => i.field,
      ),
    ).toEqual(["body.metric", "body.timefrom"]);
  });

  test("the documented query (May 2021) passes; the seven-day window is checked only when asked", () => {
    const documented =
      spec.paths["/insights/community/query"].post.requestBody.content["application/json"].examples.documented
        .value;
    expect(validateCommunityQuery(documented)).toEqual([]);
    expect(validateCommunityQuery(documented, now).map((i) => i.field)).toEqual(["body.timefrom"]);
  });

  test("toUtcDateTime writes the API's format", () => {
    expect(toUtcDateTime(new Date("2021-05-01T00:27:00.123Z"))).toBe("2021-05-01 00:27:00");
    expect(toUtcDateTime(new Date())).toMatch(UTC_DATE_TIME);
  });
});

describe("createChatsightClient", () => {
  test("sends the token in x-chatsight-api-auth, and fills in the voice header the spec fixes", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createChatsightClient({ apiKey, baseUrl: "http://127.0.0.1:9", fetch, rateLimit: false });
    await client.GET("/stats/moderation");
    await client.GET("/stream", { params: { query: { convoid: "convo-000042" } } as never });
    await client.POST("/stream/{convoid}", {
      params: { path: { convoid: "convo-000042" } },
      body: { authorKey: `${"A".repeat(42)}A=` },
    } as never);
    expect(requests[0]?.headers.get("x-chatsight-api-auth")).toBe(apiKey);
    expect(requests[0]?.headers.has("x-chatsight-api")).toBe(false);
    expect(requests[1]?.headers.get("x-chatsight-api")).toBe("chatsightvoice");
    expect(requests[2]?.headers.get("x-chatsight-api")).toBe("chatsightvoice");
  });

  test("a call breaking the spec or a rule throws ValidationError naming every field, sending nothing", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createChatsightClient({ apiKey, fetch });
    const error = await client
      .POST("/insights/community/query", {
        body: { ...ok, timefrom: "2024-05-11 00:00:01", maxresults: MAX_RESULTS + 1 },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      kind: "validation",
      method: "POST",
      path: "/insights/community/query",
      issues: [
        { field: "body.maxresults", message: `must be at most ${MAX_RESULTS} (got ${MAX_RESULTS + 1})` },
        { field: "body.timefrom", message: expect.stringContaining("must not be after body.timeto") },
      ],
    });
    expect(String(error)).toMatch(/^ValidationError: POST \/insights\/community\/query: invalid request: /);
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
    const view = await client
      .GET("/insights/community/query/{jobid}", {
        params: { path: { jobid: "j" }, query: { view: "all" as never } },
      })
      .catch((e: unknown) => e);
    expect((view as ValidationError).issues.map((i) => i.field)).toEqual(["query.view"]);
    expect(requests).toHaveLength(0);
  });

  test("validate: false on the client, or in one call, sends an invalid request to the network", async () => {
    const { fetch, requests } = fakeFetch();
    const bad = { ...ok, timefrom: "2024-05-11 00:00:01", metric: "toxicity" as never };
    const lenient = createChatsightClient({ apiKey, fetch, validate: false });
    await lenient.POST("/insights/community/query", { body: bad });
    const strict = createChatsightClient({ apiKey, fetch });
    await strict.POST("/insights/community/query", { body: bad, validate: false });
    await expect(strict.POST("/insights/community/query", { body: bad })).rejects.toThrow(ValidationError);
    expect(requests).toHaveLength(2);
    for (const r of requests) expect(await r.json()).toMatchObject({ metric: "toxicity" });
  });

  test("requires a token and defaults to the spec's first server", async () => {
    expect(() => createChatsightClient({ apiKey: "" })).toThrow(/apiKey/);
    const { fetch, requests } = fakeFetch();
    await createChatsightClient({ apiKey, fetch }).GET("/stats/moderation");
    expect(requests[0]?.url).toBe(`${spec.servers[0].url}/stats/moderation`);
  });
});

test("the preset and the exported constants are read off the spec", () => {
  expect(CHATSIGHT_BASE_URL).toBe(spec.servers[0].url);
  expect(CHATSIGHT_PRESET.baseUrl).toBe(CHATSIGHT_BASE_URL);
  // No general limit in the spec: the preset's 10/s courtesy default; the stats search's own from the spec.
  expect(spec.info["x-cxkit-rate-limit"]).toBeUndefined();
  expect(CHATSIGHT_PRESET.rateLimit).toMatchObject({ limit: 10, intervalMs: 1000 });
  const search = CHATSIGHT_PRESET.limiter!({});
  const key = { method: "POST", path: "/stats/moderation/search" };
  const { requests, perSeconds } = spec.paths["/stats/moderation/search"].post["x-cxkit-rate-limit"];
  for (let i = 0; i < requests; i++) expect(search.acquire(key, 0)).toBe(0);
  expect(search.acquire(key, 0)).toBe(perSeconds * 1000);
  const schemas = spec.components.schemas;
  expect(METRICS).toEqual(schemas.Metric.enum);
  expect(MAX_RESULTS).toBe(schemas.CommunityQueryRequest.properties.maxresults.maximum);
  expect(UTC_DATE_TIME.source).toBe(schemas.UtcDateTime.pattern);
});
