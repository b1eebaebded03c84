import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  ANALYTICS_PRESETS,
  bulkFailures,
  CREATE_CONVERSATION_TYPES,
  createDixaClient,
  DIXA_BASE_URLS,
  DIXA_EVENT_FQN,
  DIXA_PRESET,
  DIXA_RULES,
  type DixaWebhookEvent,
  dixaEventType,
  isDixaEvent,
  QUEUE_MEMBERS_REMOVE_MAX,
  RATING_RANGES,
  SEARCH_PAGE_LIMIT_MAX,
  UPCOMING_DAYS_MAX,
  ValidationError,
  verifyDixaWebhook,
  WEBHOOK_EVENT_TYPES,
} from "@cxkit/client-dixa";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const apiKey = "dixa-secret-key-9c41";
const UUID = "6f1c6a5e-8f0e-4c4b-9d2a-2b7e1f3c9a10";
const spec = parse(readFileSync(new URL("../../../specs/dixa/openapi.yaml", import.meta.url), "utf8"));
const platform = parse(
  readFileSync(new URL("../../../specs/dixa/parts/platform.yaml", import.meta.url), "utf8"),
);

/** An injected fetch that records requests and answers with `answer`. */
function fakeFetch(answer: (request: Request) => Response = () => Response.json({ data: [] })) {
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return answer(input);
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

describe("createDixaClient", () => {
  test("sends the key verbatim as Authorization to https://dev.dixa.io/v1 by default", async () => {
    const { fetch, requests } = fakeFetch();
    await createDixaClient({ apiKey, fetch }).GET("/agents");
    expect(requests[0]?.url).toBe("https://dev.dixa.io/v1/agents");
    expect(requests[0]?.headers.get("authorization")).toBe(apiKey);
  });

  test("accepts a key already prefixed Bearer, and the beta version", async () => {
    const { fetch, requests } = fakeFetch();
    await createDixaClient({ apiKey: `Bearer ${apiKey}`, version: "beta", fetch }).GET("/organization");
    expect(requests[0]?.url).toBe("https://dev.dixa.io/beta/organization");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
  });

  test("baseUrl overrides the version; credentials never go to another host", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createDixaClient({ apiKey, baseUrl: "http://127.0.0.1:9/v1", fetch, rateLimit: false });
    await client.GET("/tags/{tagId}", { params: { path: { tagId: UUID } } });
    expect(requests[0]?.url).toBe(`http://127.0.0.1:9/v1/tags/${UUID}`);
    const error = await client
      .GET("/tags", { baseUrl: "https://elsewhere.example" } as never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "refused" });
    expect(requests).toHaveLength(1);
  });

  test.each([[""], ["  "], ["Bearer "]])("requires an API key (%j)", (key) => {
    expect(() => createDixaClient({ apiKey: key })).toThrow(/apiKey/);
  });

  test("refuses an unknown version", () => {
    expect(() => createDixaClient({ apiKey, version: "v2" as never })).toThrow(/version/);
  });

  test("an API error carries Dixa's message, never the key", async () => {
    const { fetch } = fakeFetch(() => Response.json({ message: `bad key ${apiKey}` }, { status: 401 }));
    const error = await createDixaClient({ apiKey, fetch, throwOnError: true })
      .GET("/agents")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 401 });
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
  });

  test("the preset is read off the spec: first server, documented rate limit, request checks", () => {
    expect(DIXA_PRESET).toMatchObject({ vendor: "dixa", baseUrl: spec.servers[0].url });
    expect(Object.values(DIXA_BASE_URLS)).toEqual(spec.servers.map((s: { url: string }) => s.url));
    const { requests, perSeconds } = spec.info["x-cxkit-rate-limit"];
    expect(DIXA_PRESET.rateLimit).toMatchObject({ limit: requests, intervalMs: perSeconds * 1000 });
    expect(DIXA_PRESET.check).toBeTypeOf("function");
  });
});

describe("validation before the network (the spec's constraints, via client-core's engine)", () => {
  const ratingId = UUID;
  const submit = (client: ReturnType<typeof createDixaClient>, ratingResult: object, init: object = {}) =>
    client.POST("/conversations/{conversationId}/ratings/{ratingId}/submit", {
      params: { path: { conversationId: 42, ratingId } },
      body: { ratingResult } as never,
      ...init,
    });

  test("a breach throws client-core's ValidationError naming the field, sends nothing, shows no key", async () => {
    const { fetch, requests } = fakeFetch();
    const error = await submit(createDixaClient({ apiKey, fetch }), { _type: "Csat", value: 6 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      kind: "validation",
      method: "POST",
      path: "/conversations/{conversationId}/ratings/{ratingId}/submit",
      issues: [{ field: "body.ratingResult.value", message: "must be at most 5 (got 6)" }],
    });
    expect((error as Error).message).toBe(
      "POST /conversations/{conversationId}/ratings/{ratingId}/submit: invalid request: body.ratingResult.value must be at most 5 (got 6)",
    );
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
    expect(requests).toHaveLength(0);
  });

  test("validate: false, on the client or on one call, sends the invalid request as given", async () => {
    const { fetch, requests } = fakeFetch(() => Response.json({ message: "Bad Request" }, { status: 400 }));
    const off = await submit(createDixaClient({ apiKey, fetch, validate: false }), {
      _type: "Csat",
      value: 6,
    });
    expect(off.response.status).toBe(400);
    const on = createDixaClient({ apiKey, fetch });
    const once = await submit(on, { _type: "Nps", value: 11 }, { validate: false });
    expect(once.error).toEqual({ message: "Bad Request" });
    await expect(submit(on, { _type: "Nps", value: 11 })).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(2);
    expect(await requests[1]!.json()).toEqual({ ratingResult: { _type: "Nps", value: 11 } });
    expect([...requests[1]!.headers.keys()]).not.toContain("validate");
  });

  test("the exported limits are the ones the client enforces (read from the spec, not restated)", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createDixaClient({ apiKey, fetch, rateLimit: false });
    const refused = (call: Promise<unknown>) =>
      call.then(
        () => [],
        (e: ValidationError) => e.issues.map((i) => i.field),
      );
    for (const [kind, { min, max }] of Object.entries(RATING_RANGES)) {
      expect(await refused(submit(client, { _type: kind, value: min })), kind).toEqual([]);
      expect(await refused(submit(client, { _type: kind, value: max })), kind).toEqual([]);
      expect(await refused(submit(client, { _type: kind, value: max + 1 })), kind).toEqual([
        "body.ratingResult.value",
      ]);
    }
    const search = (pageLimit: number) =>
      client.GET("/search/conversations", { params: { query: { query: "refund", pageLimit } } });
    expect(await refused(search(SEARCH_PAGE_LIMIT_MAX))).toEqual([]);
    expect(await refused(search(SEARCH_PAGE_LIMIT_MAX + 1))).toEqual(["query.pageLimit"]);
    const upcoming = (days: number) =>
      client.GET("/business-hours/schedules/{scheduleId}/upcoming", {
        params: { path: { scheduleId: UUID }, query: { days } },
      });
    expect(await refused(upcoming(UPCOMING_DAYS_MAX))).toEqual([]);
    expect(await refused(upcoming(UPCOMING_DAYS_MAX + 1))).toEqual(["query.days"]);
    const remove = (n: number) =>
      client.DELETE("/queues/{queueId}/members", {
        params: { path: { queueId: UUID } },
        body: { agentIds: Array.from({ length: n }, (_, i) => UUID.replace(/..$/, String(10 + i))) },
      });
    expect(await refused(remove(QUEUE_MEMBERS_REMOVE_MAX))).toEqual([]);
    expect(await refused(remove(QUEUE_MEMBERS_REMOVE_MAX + 1))).toEqual(["body.agentIds"]);
    const create = (_type: string) =>
      client.POST("/conversations", { body: { _type, requesterId: UUID } as never });
    for (const _type of CREATE_CONVERSATION_TYPES)
      expect(await refused(create(_type)), _type).not.toContain("body._type");
    expect(await refused(create("Fax"))).toEqual(["body._type"]);
    expect(ANALYTICS_PRESETS).toContain("PreviousWeek");
    expect(requests.length).toBeGreaterThan(0);
  });
});

describe("DIXA_RULES: what no schema keyword says", () => {
  const interval = (start: string, end: string) => ({
    id: "closed_conversations",
    timezone: "Europe/Copenhagen",
    periodFilter: { _type: "Interval", start, end },
  });

  test.each(["/analytics/metrics", "/analytics/records"] as const)(
    "%s: an Interval period must start before it ends",
    async (path) => {
      const { fetch, requests } = fakeFetch();
      const client = createDixaClient({ apiKey, fetch, rateLimit: false });
      const error = await client
        .POST(path, { body: interval("2024-02-01T00:00:00Z", "2024-01-01T00:00:00Z") as never })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        {
          field: "body.periodFilter.start",
          message: "must be before body.periodFilter.end (got 2024-02-01T00:00:00Z and 2024-01-01T00:00:00Z)",
        },
      ]);
      expect(requests).toHaveLength(0);
      await client.POST(path, {
        body: interval("2024-01-01T00:00:00Z", "2024-02-01T00:00:00+01:00") as never,
      });
      expect(requests).toHaveLength(1);
    },
  );

  test("the rules hold only what the spec cannot say, and leave malformed dates to the schema", () => {
    expect(Object.keys(DIXA_RULES).sort()).toEqual(["POST /analytics/metrics", "POST /analytics/records"]);
    const call = (body: unknown) => ({ method: "POST", path: "/analytics/metrics", params: {}, body });
    const rule = DIXA_RULES["POST /analytics/metrics"]!;
    expect(rule(call(interval("not a date", "2024-01-01T00:00:00Z"))) ?? []).toEqual([]);
    expect(rule(call({ periodFilter: { _type: "Preset", value: { _type: "Today" } } })) ?? []).toEqual([]);
    expect(rule(call(undefined)) ?? []).toEqual([]);
    expect(rule(call(interval("2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")))).toHaveLength(1);
  });
});

describe("bulkFailures", () => {
  test("lists every failure with index, kind, message and id; none when all succeed", () => {
    const result = {
      data: [
        { _type: "BulkActionSuccess" as const, data: { id: "a" } },
        {
          _type: "BulkActionFailure" as const,
          error: { _type: "Integrity" as const, id: "b", message: "EmailExists" },
        },
        { _type: "BulkActionFailure" as const, error: { message: "plain" } },
      ],
    };
    expect(bulkFailures(result).map(({ error, ...f }) => f)).toEqual([
      { index: 1, kind: "Integrity", id: "b", message: "EmailExists" },
      { index: 2, kind: "ErrorResponse", message: "plain" },
    ]);
    expect(bulkFailures({ data: [result.data[0]!] })).toEqual([]);
    expect(bulkFailures(undefined)).toEqual([]);
  });
});

describe("webhooks", () => {
  const secret = "8f3a9c2b7d4e1f6a0b5c8d2e7f1a4b9c";
  const body = JSON.stringify(
    platform.webhooks.ConversationRated.post.requestBody.content["application/json"].examples.event.value,
  );
  const sign = (t: string, raw = body, key = secret) =>
    `t=${t},v1=${createHmac("sha256", Buffer.from(key, "hex")).update(`${t}.${raw}`).digest("hex")}`;
  const nowMs = 1_689_238_949_803;

  test("accepts a signature with a seconds timestamp (known answer from node:crypto)", async () => {
    const t = String(Math.floor(nowMs / 1000));
    expect(await verifyDixaWebhook(body, sign(t), secret, { now: nowMs })).toBe(true);
  });

  test("accepts Dixa's 13-digit millisecond timestamp", async () => {
    expect(await verifyDixaWebhook(body, sign(String(nowMs)), secret, { now: nowMs + 1000 })).toBe(true);
  });

  test.each([
    ["a tampered body", sign(String(nowMs)), `${body} `],
    ["a signature made with another secret", sign(String(nowMs), body, "00".repeat(16)), body],
    [
      "a signature over the body without t",
      `t=${nowMs},v1=${createHmac("sha256", Buffer.from(secret, "hex")).update(body).digest("hex")}`,
      body,
    ],
    [
      "a utf8-keyed signature",
      `t=${nowMs},v1=${createHmac("sha256", secret).update(`${nowMs}.${body}`).digest("hex")}`,
      body,
    ],
    ["no v1", `t=${nowMs}`, body],
    ["no t", sign(String(nowMs)).replace(/^t=\d+,/, ""), body],
  ])("refuses %s", async (_, header, raw) => {
    expect(await verifyDixaWebhook(raw, header, secret, { now: nowMs })).toBe(false);
  });

  test("refuses stale deliveries in both units, within a configurable tolerance", async () => {
    const ms = sign(String(nowMs));
    expect(await verifyDixaWebhook(body, ms, secret, { now: nowMs + 301_000 })).toBe(false);
    expect(await verifyDixaWebhook(body, ms, secret, { now: nowMs + 301_000, toleranceSeconds: 600 })).toBe(
      true,
    );
    const s = sign(String(Math.floor(nowMs / 1000)));
    expect(await verifyDixaWebhook(body, s, secret, { now: nowMs + 400_000 })).toBe(false);
    expect(await verifyDixaWebhook(body, null, secret)).toBe(false);
  });

  test("the secret must be hex", async () => {
    await expect(verifyDixaWebhook(body, sign(String(nowMs)), "not-hex", { now: nowMs })).rejects.toThrow(
      TypeError,
    );
  });

  test("DIXA_EVENT_FQN and WEBHOOK_EVENT_TYPES match the spec's 32 events and their examples", () => {
    const types = Object.keys(platform.webhooks);
    expect(types).toHaveLength(32);
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual([...types].sort());
    for (const type of types) {
      const example =
        platform.webhooks[type].post.requestBody.content["application/json"].examples.event.value;
      expect(DIXA_EVENT_FQN[type as keyof typeof DIXA_EVENT_FQN], type).toBe(example.event_fqn);
      expect(dixaEventType(example)).toBe(type);
    }
  });

  test("isDixaEvent narrows a parsed payload by its event type", () => {
    const event = JSON.parse(body) as DixaWebhookEvent;
    expect(isDixaEvent(event, "ConversationRated")).toBe(true);
    expect(isDixaEvent(event, "ConversationCreated")).toBe(false);
    if (isDixaEvent(event, "ConversationRated")) expect(event.data.score).toBeTypeOf("number");
    expect(dixaEventType({ event_fqn: "SOMETHING_NEW" })).toBeUndefined();
  });
});
