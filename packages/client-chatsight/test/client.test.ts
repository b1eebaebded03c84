import {
  CHATSIGHT_PRESET,
  ChatsightValidationError,
  createChatsightClient,
  toUtcDateTime,
  validateCommunityQuery,
} from "@cxkit/client-chatsight";
import { describe, expect, test } from "vitest";

const apiKey = "cs-secret-token-77";
const now = Date.parse("2024-05-11T12:00:00Z");
const ok = {
  timefrom: "2024-05-10 00:00:00",
  timeto: "2024-05-11 00:00:00",
  maxresults: 1000,
  metric: "sentiment",
};

function fakeFetch() {
  const requests: Request[] = [];
  const fetch = (async (request: Request) => {
    requests.push(request);
    return Response.json({ api: "chatsight-lang-text", success: true, response: {} });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, requests };
}

describe("validateCommunityQuery", () => {
  test("accepts a documented query", () => {
    expect(validateCommunityQuery(ok, now)).toEqual([]);
  });

  test.each([
    [{ ...ok, timefrom: "2024-05-10T00:00:00Z" }, "timefrom"],
    [{ ...ok, timeto: "2024-05-11 24:00:00" }, "timeto"],
    [{ ...ok, timefrom: "2024-02-30 00:00:00" }, "timefrom"],
    [{ ...ok, timefrom: "2024-05-11 00:00:01" }, "timefrom"],
    [{ ...ok, timefrom: "2024-05-03 23:59:59" }, "timefrom"],
    [{ ...ok, maxresults: 5001 }, "maxresults"],
    [{ ...ok, maxresults: 0 }, "maxresults"],
    [{ ...ok, maxresults: 10.5 }, "maxresults"],
    [{ ...ok, metric: "toxicity" }, "metric"],
    [[], "(body)"],
  ])("flags %j at %s", (body, field) => {
    expect(validateCommunityQuery(body, now).map((i) => i.field)).toContain(field);
  });

  test("the documented query (May 2021) passes; the seven-day window is checked only when asked", () => {
    const documented = {
      timefrom: "2021-05-01 00:27:00",
      timeto: "2021-05-04 21:30:00",
      maxresults: 1000,
      metric: "sentiment",
    };
    expect(validateCommunityQuery(documented)).toEqual([]);
    expect(validateCommunityQuery(documented, now).map((i) => i.field)).toEqual(["timefrom"]);
  });

  test("the seven-day window is inclusive of its start", () => {
    expect(validateCommunityQuery({ ...ok, timefrom: "2024-05-04 12:00:00" }, now)).toEqual([]);
  });

  test("toUtcDateTime writes the API's format", () => {
    expect(toUtcDateTime(new Date("2021-05-01T00:27:00.123Z"))).toBe("2021-05-01 00:27:00");
  });
});

describe("createChatsightClient", () => {
  test("sends the token in x-chatsight-api-auth, and the voice header on stream calls", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createChatsightClient({ apiKey, baseUrl: "http://127.0.0.1:9", fetch, rateLimit: false });
    await client.GET("/stats/moderation");
    await client.GET("/stream", { params: { query: { convoid: "convo-000042" } } as never });
    expect(requests[0]?.headers.get("x-chatsight-api-auth")).toBe(apiKey);
    expect(requests[0]?.headers.has("x-chatsight-api")).toBe(false);
    expect(requests[1]?.headers.get("x-chatsight-api")).toBe("chatsightvoice");
  });

  test("refuses invalid bodies before the network, naming the field, without the token", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createChatsightClient({ apiKey, fetch });
    const error = await client
      .POST("/insights/community/query", { body: { ...ok, maxresults: 9000 } as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatsightValidationError);
    expect(String(error)).toContain("maxresults");
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
    const empty = await client.POST("/text/moderation", { body: { sample: "" } }).catch((e: unknown) => e);
    expect(String(empty)).toContain("sample");
    expect(requests).toHaveLength(0);
  });

  test("requires a token and defaults to the production host", async () => {
    expect(() => createChatsightClient({ apiKey: "" })).toThrow(/apiKey/);
    const { fetch, requests } = fakeFetch();
    await createChatsightClient({ apiKey, fetch }).GET("/stats/moderation");
    expect(requests[0]?.url).toBe("https://api.chatsight.ai/stats/moderation");
    expect(CHATSIGHT_PRESET.rateLimit.limit).toBeGreaterThan(0);
  });

  test.each([toUtcDateTime(new Date())])("a current window (%s) passes", (timeto) => {
    expect(validateCommunityQuery({ ...ok, timefrom: timeto, timeto })).toEqual([]);
  });
});
