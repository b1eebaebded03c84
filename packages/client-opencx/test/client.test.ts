import { readFileSync } from "node:fs";
import {
  AREA_CODE,
  CALL_MAX_DURATION,
  CHANNELS,
  type ChatMessageReply,
  CUSTOM_ID_MAX_LENGTH,
  createOpencxClient,
  ELEVENLABS_VOICE_IDS,
  FILTER_LIMIT_MAX,
  FILTER_SORT_FIELDS,
  INSIGHT_CATEGORY_TYPES,
  INSIGHT_SORT_FIELDS,
  INSIGHT_STATUSES,
  importActions,
  MAX_SAFE_NUMBER,
  OPENCX_BASE_URL,
  OPENCX_PRESET,
  OPENCX_RULES,
  OPENCX_SPEC,
  PHONE_LANGUAGES,
  paginateContacts,
  paginateCursorList,
  paginateFilteredChatSessions,
  paginateInsights,
  replyText,
  SENTIMENTS,
  SESSION_LANGUAGES,
  SESSION_STATUSES,
  SORT_ORDERS,
  SPEAKS_FIRST,
  TRAINING_TYPES,
  ValidationError,
} from "@cxkit/client-opencx";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const apiKey = "ocx-secret-key-7d3a";
const spec = parse(readFileSync(new URL("../../../specs/opencx/openapi.yaml", import.meta.url), "utf8"));
const schemas = spec.components.schemas;

/** An injected fetch that records requests and answers with `answer`. */
function fakeFetch(
  answer: (request: Request, n: number) => Response = () => Response.json({ items: [], next: null }),
) {
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return answer(input, requests.length);
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

const client = (fetch: typeof globalThis.fetch, options: { validate?: boolean } = {}) =>
  createOpencxClient({ apiKey, fetch, rateLimit: false, ...options });
/** What a call raised, or undefined when it went through. */
const raised = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("createOpencxClient", () => {
  test("sends the key as a bearer token to the base URL", async () => {
    const { fetch, requests } = fakeFetch();
    await createOpencxClient({ apiKey, baseUrl: "http://127.0.0.1:9", fetch }).GET("/contacts");
    expect(requests[0]?.url).toBe("http://127.0.0.1:9/contacts");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
  });

  test("defaults to the spec's first server", async () => {
    const { fetch, requests } = fakeFetch();
    await client(fetch).GET("/phone");
    expect(OPENCX_BASE_URL).toBe(spec.servers[0].url);
    expect(requests[0]?.url).toBe(`${spec.servers[0].url}/phone`);
  });

  test("requires an API key", () => {
    expect(() => createOpencxClient({ apiKey: "" })).toThrow(/apiKey/);
  });

  test("a call the spec refuses throws client-core's ValidationError before the network, without the key", async () => {
    const { fetch, requests } = fakeFetch();
    const error = await raised(
      client(fetch).POST("/insights", { body: { page: 1.5, sentiment: "furious" as never } }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ kind: "validation", method: "POST", path: "/insights" });
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(["body.page", "body.sentiment"]);
    expect((error as Error).message).toMatch(
      /^POST \/insights: invalid request: body\.page must be an integer/,
    );
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain(apiKey);
    expect(requests).toHaveLength(0);
  });

  test("validate: false on the client sends an invalid request to the network", async () => {
    const { fetch, requests } = fakeFetch(() =>
      Response.json({ data: [], page: 1, total: 0, totalPages: 0 }),
    );
    await client(fetch, { validate: false }).POST("/insights", { body: { page: 1.5 } });
    expect(requests).toHaveLength(1);
    expect(await requests[0]!.json()).toEqual({ page: 1.5 });
  });

  test("validate: false on one call sends that call only as given", async () => {
    const { fetch, requests } = fakeFetch();
    const c = client(fetch);
    const bad = { params: { query: { channel_type: "fax" as never } } };
    await c.GET("/chat/sessions", { ...bad, validate: false });
    expect(requests.map((r) => new URL(r.url).search)).toEqual(["?channel_type=fax"]);
    expect([...requests[0]!.headers.keys()]).not.toContain("validate");
    await expect(c.GET("/chat/sessions", bad)).rejects.toThrow("query.channel_type");
    expect(requests).toHaveLength(1);
  });

  test("an API error carries the status but never the key", async () => {
    const { fetch } = fakeFetch(() =>
      Response.json({ statusCode: 401, message: `Unauthorized: Bearer ${apiKey}` }, { status: 401 }),
    );
    const error = await paginateContacts(client(fetch))
      .pages()
      .next()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 401 });
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
  });
});

describe("the spec module and what is derived from it", () => {
  test("OPENCX_SPEC has every operation of the spec", () => {
    const methods = ["get", "put", "post", "patch", "delete"];
    const keys = Object.entries(spec.paths as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(Object.keys(OPENCX_SPEC.operations).sort()).toEqual(keys.sort());
  });

  test("every rule is for an operation of the spec", () => {
    for (const key of Object.keys(OPENCX_RULES)) expect(OPENCX_SPEC.operations).toHaveProperty([key]);
  });

  const nonNull = (values: unknown[]) => values.filter((v) => v !== null);
  test.each([
    [CHANNELS, schemas.Channel.enum],
    [SESSION_STATUSES, schemas.SessionStatus.enum],
    [SENTIMENTS, schemas.Sentiment.enum],
    [SESSION_LANGUAGES, schemas.SessionLanguage.enum],
    [PHONE_LANGUAGES, schemas.PhoneLanguage.enum],
    [ELEVENLABS_VOICE_IDS, schemas.ElevenLabsVoiceId.enum],
    [SPEAKS_FIRST, schemas.SpeaksFirst.enum],
    [TRAINING_TYPES, schemas.TrainingType.enum],
    [INSIGHT_CATEGORY_TYPES, schemas.InsightCategoryType.enum],
    [FILTER_SORT_FIELDS, schemas.ChatSessionFilter.properties.sort_by.enum],
    [SORT_ORDERS, schemas.ChatSessionFilter.properties.sort_order.enum],
    [INSIGHT_STATUSES, nonNull(schemas.InsightSearch.properties.status.enum)],
    [INSIGHT_SORT_FIELDS, nonNull(schemas.InsightSearch.properties.sortBy.enum)],
  ])("an enum constant lists the spec's values (%#)", (constant, values) => {
    expect([...constant]).toEqual(values.map(String));
  });

  test("limit constants are the spec's keywords", () => {
    expect(MAX_SAFE_NUMBER).toBe(schemas.InsightSearch.properties.page.maximum);
    expect(FILTER_LIMIT_MAX).toBe(schemas.ChatSessionFilter.properties.limit.maximum);
    expect(CALL_MAX_DURATION).toBe(schemas.PhoneAgentCreate.properties.call_max_duration.maximum);
    expect(CUSTOM_ID_MAX_LENGTH).toBe(schemas.SequenceCreate.properties.custom_id.maxLength);
    expect(AREA_CODE.source).toBe(schemas.PhoneAgentCreate.properties.area_code.pattern);
  });

  test("the rate-limit preset is the spec's documented limit", () => {
    const { requests, perSeconds } = spec.info["x-cxkit-rate-limit"];
    expect(OPENCX_PRESET.rateLimit).toMatchObject({ limit: requests, intervalMs: perSeconds * 1000 });
    expect(OPENCX_PRESET.baseUrl).toBe(OPENCX_BASE_URL);
  });

  // The rules must never refuse what the spec documents as a valid request.
  type Operation = {
    requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  };
  const examples = Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(
    ([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        Object.values(op.requestBody?.content ?? {}).flatMap((media) =>
          Object.entries(media.examples ?? {}).map(
            ([name, example]) => [`${method.toUpperCase()} ${path}`, name, example.value] as const,
          ),
        ),
      ),
  );
  test.each(examples)("%s: the spec's %s example passes the client's checks", (key, _, body) => {
    const [method, path] = key.split(" ") as [string, string];
    const ids = Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, "id-1"]));
    expect(() => OPENCX_PRESET.check!({ method, path, params: { path: ids }, body })).not.toThrow();
  });
});

describe("rules a schema cannot say (OPENCX_RULES)", () => {
  /** The fields a call's checks refuse; [] when it would be sent. */
  const refused = async (call: (c: ReturnType<typeof client>) => Promise<unknown>) => {
    const { fetch, requests } = fakeFetch(() => Response.json({}));
    const error = await raised(call(client(fetch)));
    if (error !== undefined && !(error instanceof ValidationError)) throw error;
    expect(requests).toHaveLength(error ? 0 : 1);
    return error instanceof ValidationError ? error.issues.map((i) => i.field) : [];
  };
  const sequence = (after: string | null, before: string | null) => ({
    filter: {
      or: [
        {
          and: [
            { type: "contact_id_in" as const, contact_ids: [] },
            { type: "contacts_created_at_between" as const, after, before },
          ],
        },
      ],
    },
    steps: [{ action: { type: "make_phone_calls" as const, data: {} } }],
  });
  const sessions = (query: Record<string, string>) => (c: ReturnType<typeof client>) =>
    c.GET("/chat/sessions", { params: { query } });

  test("chat sessions: created_before must not be before created_after (same for updated_*)", async () => {
    const window = { created_after: "2025-04-01T00:00:00Z", created_before: "2025-03-01T00:00:00Z" };
    expect(await refused(sessions(window))).toEqual(["query.created_before"]);
    expect(
      await refused(
        sessions({ updated_after: "2025-04-01 00:00:00+00:00", updated_before: "2025-03-01 00:00:00+00:00" }),
      ),
    ).toEqual(["query.updated_before"]);
    expect(
      await refused(
        sessions({ created_after: "2025-03-01T00:00:00Z", created_before: "2025-04-01T00:00:00Z" }),
      ),
    ).toEqual([]);
  });

  test("windows are compared only when their bounds can be ordered without guessing a time zone", async () => {
    expect(await refused(sessions({ created_after: "2025-04-02", created_before: "2025-04-01" }))).toEqual([
      "query.created_before",
    ]);
    // A date and a date-time, a zoned and a zone-less date-time, or text that is no date: left to the server.
    expect(
      await refused(sessions({ created_after: "2025-04-02T10:00:00Z", created_before: "2025-04-01" })),
    ).toEqual([]);
    expect(
      await refused(
        sessions({ created_after: "2025-04-02T10:00:00Z", created_before: "2025-04-01T10:00:00" }),
      ),
    ).toEqual([]);
    expect(await refused(sessions({ created_after: "tomorrow", created_before: "yesterday" }))).toEqual([]);
  });

  test("insights: sessionToDate must not be before sessionFromDate", async () => {
    const search = (sessionFromDate: string, sessionToDate: string) => (c: ReturnType<typeof client>) =>
      c.POST("/insights", { body: { sessionFromDate, sessionToDate } });
    expect(await refused(search("2025-03-31", "2025-01-01"))).toEqual(["body.sessionToDate"]);
    expect(await refused(search("2025-01-01", "2025-01-01"))).toEqual([]);
  });

  test("training: end_time must not be before start_time, on creation and update", async () => {
    const entry = { title: "Spring sale", content: "Returns are free until the end of April." };
    const inverted = { start_time: "2025-04-30T23:59:59Z", end_time: "2025-03-20T00:00:00Z" };
    expect(await refused((c) => c.POST("/training", { body: { ...entry, ...inverted } }))).toEqual([
      "body.end_time",
    ]);
    const path = { params: { path: { training_id: "t-1" } } };
    expect(await refused((c) => c.PUT("/training/{training_id}", { ...path, body: inverted }))).toEqual([
      "body.end_time",
    ]);
    expect(
      await refused((c) =>
        c.POST("/training", {
          body: { ...entry, start_time: inverted.end_time, end_time: inverted.start_time },
        }),
      ),
    ).toEqual([]);
  });

  test("sequences: a contacts_created_at_between filter must not end before it starts", async () => {
    const bad = sequence("2025-02-01T00:00:00Z", "2025-01-01T00:00:00Z");
    expect(await refused((c) => c.POST("/sequences", { body: bad }))).toEqual([
      "body.filter.or[0].and[1].before",
    ]);
    const path = { params: { path: { sequence_id: "welcome-2025" } } };
    expect(await refused((c) => c.PATCH("/sequences/{sequence_id}", { ...path, body: bad }))).toEqual([
      "body.filter.or[0].and[1].before",
    ]);
    expect(
      await refused((c) => c.POST("/sequences", { body: sequence("2025-01-01T00:00:00Z", null) })),
    ).toEqual([]);
  });

  test("actions: the file must be an OpenAPI (Swagger) document in JSON", async () => {
    expect(await refused((c) => importActions(c, { paths: {} }))).toEqual(["body.file"]);
    expect(await refused((c) => importActions(c, "<xml/>"))).toEqual(["body.file"]);
    expect(await refused((c) => importActions(c, { swagger: "2.0", paths: {} }))).toEqual([]);
  });
});

describe("paginators", () => {
  const insightsPage = (page: number, totalPages: number) =>
    Response.json({ data: [{ id: `i${page}` }], page, total: totalPages, totalPages });

  test("paginateInsights reads pages 1 to totalPages, with the filters on every page", async () => {
    const { fetch, requests } = fakeFetch((_, n) => insightsPage(n, 3));
    const ids: string[] = [];
    for await (const insight of paginateInsights(client(fetch), { sentiment: "angry" })) ids.push(insight.id);
    expect(ids).toEqual(["i1", "i2", "i3"]);
    const bodies = await Promise.all(requests.map((r) => r.json()));
    expect(bodies).toEqual([1, 2, 3].map((page) => ({ sentiment: "angry", page })));
  });

  test("paginateInsights stops at once when nothing matches", async () => {
    const { fetch, requests } = fakeFetch(() =>
      Response.json({ data: [], page: 1, total: 0, totalPages: 0 }),
    );
    const pages = [];
    for await (const page of paginateInsights(client(fetch)).pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  test("maxPages guards against runaway iteration", async () => {
    const { fetch, requests } = fakeFetch((_, n) => insightsPage(n, 1000));
    const read = async () => {
      for await (const _ of paginateInsights(client(fetch), {}, { maxPages: 2 }));
    };
    await expect(read()).rejects.toMatchObject({ kind: "pagination" });
    expect(requests).toHaveLength(2);
  });

  test("invalid filters are refused before the first page", async () => {
    const { fetch, requests } = fakeFetch();
    const read = async () => {
      for await (const _ of paginateInsights(client(fetch), { channel: "fax" as never }));
    };
    await expect(read()).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });

  test("paginateContacts follows next as the cursor query until it is null", async () => {
    const { fetch, requests } = fakeFetch((_, n) =>
      Response.json({ items: [{ id: `c${n}` }], next: n < 3 ? `cursor-${n}` : null }),
    );
    const ids: string[] = [];
    for await (const contact of paginateContacts(client(fetch))) ids.push(contact.id);
    expect(ids).toEqual(["c1", "c2", "c3"]);
    expect(requests.map((r) => new URL(r.url).search)).toEqual(["", "?cursor=cursor-1", "?cursor=cursor-2"]);
  });

  test("a repeated cursor is a pagination error, not an endless loop", async () => {
    const list = paginateCursorList(async () => ({ items: [1], next: "same" }));
    const read = async () => {
      for await (const _ of list);
    };
    await expect(read()).rejects.toMatchObject({ kind: "pagination" });
  });

  test("paginateFilteredChatSessions pages while has_next", async () => {
    const { fetch, requests } = fakeFetch((_, n) =>
      Response.json({ data: [{ id: `s${n}` }], page: n, limit: 1, has_next: n < 2, has_previous: n > 1 }),
    );
    const ids: string[] = [];
    for await (const session of paginateFilteredChatSessions(client(fetch), { limit: 1 }))
      ids.push(session.id);
    expect(ids).toEqual(["s1", "s2"]);
    expect((await requests[1]!.json()).page).toBe(2);
  });
});

describe("helpers", () => {
  const replies = spec.paths["/chat/sessions/{session_id}/send"].post.responses["201"].content[
    "application/json"
  ].examples as Record<string, { value: ChatMessageReply }>;

  test("replyText reads both documented reply shapes", () => {
    const text = "Your order 10492 left our warehouse yesterday and should arrive on Friday.";
    expect(replyText(replies.current!.value)).toBe(text);
    expect(replyText(replies.legacy!.value)).toBe(text);
  });

  test("replyText is undefined when the AI gave no answer or failed", () => {
    expect(
      replyText({ success: true, data: { autopilotResponse: null, sessionIsHandedOff: true } }),
    ).toBeUndefined();
    expect(replyText({ ai_response: { text: "", error: { message: "model unavailable" } } })).toBeUndefined();
  });

  test("importActions uploads the document as the multipart field file", async () => {
    const { fetch, requests } = fakeFetch(() => new Response(null, { status: 200 }));
    const document = { openapi: "3.0.3", info: { title: "Orders", version: "1" }, paths: {} };
    await importActions(client(fetch), document);
    expect(requests[0]?.method).toBe("PUT");
    expect(requests[0]?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const file = (await requests[0]!.formData()).get("file") as File;
    expect(file.name).toBe("openapi.json");
    expect(JSON.parse(await file.text())).toEqual(document);
  });

  test("importActions refuses what is not an OpenAPI document before the network", async () => {
    const { fetch, requests } = fakeFetch();
    await expect(importActions(client(fetch), "<xml/>")).rejects.toThrow(/file must be an OpenAPI/);
    await expect(importActions(client(fetch), { paths: {} })).rejects.toBeInstanceOf(ValidationError);
    expect(requests).toHaveLength(0);
  });
});
