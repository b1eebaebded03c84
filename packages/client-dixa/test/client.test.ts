import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  bulkFailures,
  createDixaClient,
  DIXA_EVENT_FQN,
  DIXA_PRESET,
  DixaValidationError,
  type DixaWebhookEvent,
  dixaEventType,
  isDixaEvent,
  validateAnalyticsQuery,
  validateAnonymizeEntity,
  validateQueryParams,
  validateQueueMembers,
  validateRatingOffer,
  validateRatingResult,
  validateWebhookSubscription,
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

  test.each([
    [
      "POST",
      "/conversations/{conversationId}/ratings/{ratingId}/submit",
      { ratingResult: { _type: "Csat", value: 6 } },
      "ratingResult.value",
    ],
    [
      "POST",
      "/conversations/{conversationId}/ratings/offer",
      { userId: UUID, ratingType: "Csat" },
      "agentId",
    ],
    ["POST", "/conversations", { requesterId: UUID, subject: "Hi" }, "_type"],
    ["POST", "/anonymization", { _type: "Conversation", entityId: UUID }, "entityId"],
    [
      "POST",
      "/analytics/metrics",
      {
        id: "m",
        timezone: "UTC",
        csidFilter: [1],
        periodFilter: { _type: "Preset", value: { _type: "Today" } },
      },
      "periodFilter",
    ],
    ["DELETE", "/queues/{queueId}/members", { agentIds: Array.from({ length: 11 }, () => UUID) }, "agentIds"],
    [
      "POST",
      "/webhooks",
      {
        name: "n",
        url: "https://h.example",
        events: ["ConversationCreated", "ConversationCreated"],
        authorization: { _type: "NoAuth" },
        customHeaders: {},
      },
      "events",
    ],
    ["PATCH", "/webhooks/{webhookSubscriptionId}", {}, "(body)"],
    ["PATCH", "/agents", [{ displayName: "No id" }], "[0].id"],
  ] as const)(
    "refuses an invalid %s %s body before the network, naming %s",
    async (method, path, body, field) => {
      const { fetch, requests } = fakeFetch();
      const client = createDixaClient({ apiKey, fetch });
      const call = client.request as (m: string, p: string, i: object) => Promise<unknown>;
      const error = await call(method.toLowerCase(), path, {
        params: { path: { conversationId: 42, ratingId: UUID, queueId: UUID, webhookSubscriptionId: UUID } },
        body,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DixaValidationError);
      expect((error as Error).message).toContain(field);
      expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
      expect(requests).toHaveLength(0);
    },
  );

  test("refuses out-of-range query parameters before the network", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createDixaClient({ apiKey, fetch });
    await expect(
      client.GET("/search/conversations", { params: { query: { query: "refund", pageLimit: 51 } } }),
    ).rejects.toThrow(/pageLimit must be an integer from 1 to 50/);
    await expect(
      client.GET("/business-hours/schedules/{scheduleId}/upcoming", {
        params: { path: { scheduleId: UUID }, query: { days: 91 } },
      }),
    ).rejects.toThrow(/days/);
    await expect(client.GET("/agents", { params: { query: { pageLimit: 0 } } })).rejects.toThrow(/pageLimit/);
    expect(requests).toHaveLength(0);
    await client.GET("/agents", { params: { query: { pageLimit: 500 } } });
    expect(requests).toHaveLength(1);
  });

  test("an API error carries Dixa's message, never the key", async () => {
    const { fetch } = fakeFetch(() => Response.json({ message: `bad key ${apiKey}` }, { status: 401 }));
    const error = await createDixaClient({ apiKey, fetch, throwOnError: true })
      .GET("/agents")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 401 });
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
  });

  test("the rate-limit preset is the spec's documented limit, with a small burst", () => {
    const { requests, perSeconds } = spec.info["x-cxkit-rate-limit"];
    expect(DIXA_PRESET.rateLimit).toMatchObject({ limit: requests, intervalMs: perSeconds * 1000 });
    expect(DIXA_PRESET.rateLimit.burst).toBeGreaterThan(1);
    expect(DIXA_PRESET.rateLimit.burst).toBeLessThan(requests);
  });
});

describe("validators", () => {
  test.each([
    [{ _type: "Csat", value: 1 }, []],
    [{ _type: "Csat", value: 5 }, []],
    [{ _type: "Nps", value: 0 }, []],
    [{ _type: "Nps", value: 10 }, []],
    [{ _type: "ThumbsUpOrDown", value: 1 }, []],
    [{ _type: "Csat", value: 0 }, ["ratingResult.value"]],
    [{ _type: "Csat", value: 4.5 }, ["ratingResult.value"]],
    [{ _type: "Nps", value: 11 }, ["ratingResult.value"]],
    [{ _type: "ThumbsUpOrDown", value: 2 }, ["ratingResult.value"]],
    [{ _type: "Stars", value: 3 }, ["ratingResult._type"]],
  ])("rating %j → %j", (ratingResult, fields) => {
    expect(validateRatingResult({ ratingResult }).map((i) => i.field)).toEqual(fields);
  });

  test("the spec's request examples pass the client's checks", () => {
    const examples = (path: string, method: string) =>
      Object.values(
        (spec.paths[path] ? resolve(spec.paths[path]) : {})[method]?.requestBody?.content["application/json"]
          ?.examples ?? {},
      ).map((e) => (e as { value: unknown }).value);
    const cases: [string, string, (b: unknown) => unknown[]][] = [
      ["/conversations/{conversationId}/ratings/{ratingId}/submit", "post", validateRatingResult],
      ["/conversations/{conversationId}/ratings/offer", "post", validateRatingOffer],
      ["/anonymization", "post", validateAnonymizeEntity],
      ["/analytics/metrics", "post", validateAnalyticsQuery],
      ["/queues/{queueId}/members", "delete", (b) => validateQueueMembers(b, 1, 10)],
      ["/webhooks", "post", (b) => validateWebhookSubscription(b, "create")],
    ];
    for (const [path, method, rule] of cases) {
      const bodies = examples(path, method);
      expect(bodies.length, path).toBeGreaterThan(0);
      for (const body of bodies) expect(rule(body), `${method} ${path}`).toEqual([]);
    }
  });

  test.each([
    [
      { id: "m", timezone: "UTC", periodFilter: { _type: "Preset", value: "PreviousWeek" } },
      "periodFilter.value._type",
    ],
    [
      {
        id: "m",
        timezone: "UTC",
        periodFilter: { _type: "Interval", start: "2024-02-01T00:00:00Z", end: "2024-01-01T00:00:00Z" },
      },
      "periodFilter.start",
    ],
    [{ id: "m", timezone: "UTC", csidFilter: [] }, "csidFilter"],
    [{ id: "m", timezone: "UTC", filters: [{ attribute: "channel", values: [] }] }, "filters[0].values"],
    [{ timezone: "UTC" }, "id"],
  ])("analytics %j flags %s", (body, field) => {
    expect(validateAnalyticsQuery(body).map((i) => i.field)).toContain(field);
  });

  test("validateQueryParams knows search's page maximum and the upcoming-days range", () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(validateQueryParams("POST /search/conversations", q("pageLimit=50"))).toEqual([]);
    expect(validateQueryParams("POST /search/conversations", q("pageLimit=51"))[0]?.field).toBe("pageLimit");
    expect(validateQueryParams("GET /agents", q("pageLimit=51"))).toEqual([]);
    expect(validateQueryParams("GET /search/conversations", q(""))[0]?.field).toBe("query");
    expect(validateQueryParams("GET /business-hours/schedules/{scheduleId}/upcoming", q("days=90"))).toEqual(
      [],
    );
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

/** The composed spec's paths are `$ref`s into parts/*.yaml; follows one. */
function resolve(item: {
  $ref?: string;
}): Record<string, { requestBody?: { content: Record<string, { examples?: Record<string, unknown> }> } }> {
  if (!item.$ref) return item as never;
  const [file, pointer] = item.$ref.split("#");
  const doc = parse(readFileSync(new URL(`../../../specs/dixa/${file}`, import.meta.url), "utf8"));
  return pointer!
    .split("/")
    .slice(1)
    .reduce((node, key) => node[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}
