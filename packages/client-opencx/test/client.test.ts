import { readFileSync } from "node:fs";
import {
  CHANNELS,
  type ChatMessageReply,
  createOpencxClient,
  ELEVENLABS_VOICE_IDS,
  importActions,
  OPENCX_PRESET,
  OpencxValidationError,
  PHONE_LANGUAGES,
  paginateContacts,
  paginateCursorList,
  paginateFilteredChatSessions,
  paginateInsights,
  replyText,
  SESSION_LANGUAGES,
  validateChatMessage,
  validateChatSessionCreate,
  validateChatSessionFilter,
  validateChatSessionUpdate,
  validateContactWrite,
  validateEmailSend,
  validateInsightSearch,
  validateParams,
  validatePhoneAgentCreate,
  validatePhoneAgentUpdate,
  validatePhoneCall,
  validateSequenceContacts,
  validateSequenceCreate,
  validateSequenceUpdate,
  validateTrainingWrite,
} from "@cxkit/client-opencx";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const apiKey = "ocx-secret-key-7d3a";
const spec = parse(readFileSync(new URL("../../../specs/opencx/openapi.yaml", import.meta.url), "utf8"));
const schemas = spec.components.schemas;
const sessionId = "2d9f5b8e-1c3a-4e7b-9f0d-6a5b4c3d2e1f";

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

const client = (fetch: typeof globalThis.fetch) => createOpencxClient({ apiKey, fetch, rateLimit: false });

describe("createOpencxClient", () => {
  test("sends the key as a bearer token to the base URL", async () => {
    const { fetch, requests } = fakeFetch();
    await createOpencxClient({ apiKey, baseUrl: "http://127.0.0.1:9", fetch }).GET("/contacts");
    expect(requests[0]?.url).toBe("http://127.0.0.1:9/contacts");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
  });

  test("defaults to the production base URL", async () => {
    const { fetch, requests } = fakeFetch();
    await client(fetch).GET("/phone");
    expect(requests[0]?.url).toBe("https://api.open.cx/phone");
  });

  test("requires an API key", () => {
    expect(() => createOpencxClient({ apiKey: "" })).toThrow(/apiKey/);
  });

  test.each([
    ["/insights", { page: 1.5 }, "page"],
    ["/insights", { sentiment: "furious" }, "sentiment"],
    ["/chat/sessions/filter", { limit: 101 }, "limit"],
    ["/phone/buy", { area_code: "41", elevenlabs_voice_id: "hP72SDESIJq2YuAblBqz" }, "area_code"],
    ["/email", { from_email: "hello@acme.example", recipients: [] }, "recipients"],
    ["/training", { title: "", content: "c" }, "title"],
  ] as const)("refuses an invalid %s body before the network, naming %s", async (path, body, field) => {
    const { fetch, requests } = fakeFetch();
    const error = await client(fetch)
      .POST(path as "/insights", { body: body as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpencxValidationError);
    expect((error as Error).message).toContain(field);
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain(apiKey);
    expect(requests).toHaveLength(0);
  });

  test("refuses invalid path ids and query values before the network", async () => {
    const { fetch, requests } = fakeFetch();
    const c = client(fetch);
    await expect(
      c.GET("/chat/sessions/{session_id}", { params: { path: { session_id: "" } } }),
    ).rejects.toThrow(/session_id/);
    await expect(
      c.GET("/chat/sessions", { params: { query: { channel_type: "fax" as never } } }),
    ).rejects.toThrow(/channel_type/);
    await expect(c.GET("/contacts", { params: { query: { cursor: "" } } })).rejects.toThrow(/cursor/);
    expect(requests).toHaveLength(0);
    await c.GET("/chat/sessions/{session_id}", { params: { path: { session_id: sessionId } } });
    // Any non-empty id goes through: the vendor's published spec types path ids as plain strings.
    await c.GET("/chat/sessions/{session_id}", { params: { path: { session_id: "42" } } });
    expect(requests).toHaveLength(2);
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

/** Each JSON operation's validator, by operationId. */
const validators: Record<string, (body: unknown) => unknown[]> = {
  listInsights: validateInsightSearch,
  createContact: validateContactWrite,
  updateContact: validateContactWrite,
  createChatSession: validateChatSessionCreate,
  filterChatSessions: validateChatSessionFilter,
  updateChatSession: validateChatSessionUpdate,
  sendChatMessage: validateChatMessage,
  createPhoneAgent: validatePhoneAgentCreate,
  updatePhoneAgent: validatePhoneAgentUpdate,
  makePhoneCall: validatePhoneCall,
  sendEmails: validateEmailSend,
  createSequence: validateSequenceCreate,
  updateSequence: validateSequenceUpdate,
  addContactsToSequence: validateSequenceContacts,
  createTraining: validateTrainingWrite,
  updateTraining: validateTrainingWrite,
};

describe("validators", () => {
  const jsonOperations = Object.values(spec.paths).flatMap((item) =>
    Object.values(item as Record<string, { operationId?: string; requestBody?: { content: object } }>).filter(
      (op) => op.requestBody && "application/json" in op.requestBody.content,
    ),
  );

  test("every JSON request body of the spec has a validator", () => {
    expect(jsonOperations.map((op) => op.operationId).sort()).toEqual(Object.keys(validators).sort());
  });

  const examples = jsonOperations.flatMap((op) =>
    Object.entries(
      (op.requestBody!.content as Record<string, { examples: Record<string, { value: unknown }> }>)[
        "application/json"
      ]!.examples,
    ).map(([name, example]) => [op.operationId!, name, example.value] as const),
  );
  test.each(examples)("%s accepts the spec's %s example", (operationId, _, body) => {
    expect(validators[operationId]!(body)).toEqual([]);
  });

  const insight = { page: 1 };
  test.each([
    [validateInsightSearch, { ...insight, page: 9_007_199_254_740_992 }, "page"],
    [validateInsightSearch, { ...insight, page: 1.5 }, "page"],
    [validateInsightSearch, { ...insight, page: null }, "page"],
    [validateInsightSearch, { minSessions: 0 }, "minSessions"],
    [validateInsightSearch, { insightNumber: 9_007_199_254_740_992 }, "insightNumber"],
    [validateInsightSearch, { status: "open" }, "status"],
    [validateInsightSearch, { sortBy: "score" }, "sortBy"],
    [validateInsightSearch, { sortOrder: "DESC" }, "sortOrder"],
    [validateInsightSearch, { sessionLanguage: "xx" }, "sessionLanguage"],
    [validateInsightSearch, { channel: "fax" }, "channel"],
    [validateInsightSearch, { teamId: "payments" }, "teamId"],
    [validateInsightSearch, { sessionContactId: "42" }, "sessionContactId"],
    [validateInsightSearch, { ticketCustomData: [{ plan: { tier: 1 } }] }, "ticketCustomData[0].plan"],
    [validateInsightSearch, { contactCustomData: {} }, "contactCustomData"],
    [validateInsightSearch, [], "(body)"],
    [validateChatSessionFilter, { limit: 0 }, "limit"],
    [validateChatSessionFilter, { sort_by: "updated_at" }, "sort_by"],
    [validateChatSessionFilter, { filters: [] }, "filters"],
    [validateContactWrite, { email: "a@b.example" }, "contact"],
    [validateContactWrite, { contact: { email: "not-an-email" } }, "contact.email"],
    [validateContactWrite, { contact: { custom_data: { n: 1 } } }, "contact.custom_data.n"],
    [validateChatSessionCreate, { channel: { type: "fax" } }, "channel.type"],
    [validateChatSessionUpdate, { status: "closed" }, "status"],
    [validateChatMessage, { sender: "ai", message: { type: "text", text: "hi" } }, "sender"],
    [validateChatMessage, { sender: "contact", message: { type: "text", text: "" } }, "message.text"],
    [validatePhoneAgentCreate, { area_code: "415" }, "elevenlabs_voice_id"],
    [validatePhoneAgentCreate, { area_code: "415", elevenlabs_voice_id: "nope" }, "elevenlabs_voice_id"],
    [validatePhoneAgentUpdate, { call_max_duration: 21_601 }, "call_max_duration"],
    [validatePhoneAgentUpdate, { voice_speed: 0 }, "voice_speed"],
    [validatePhoneAgentUpdate, { language: "en-US" }, "language"],
    [validatePhoneCall, { contact: { id: "42" } }, "contact"],
    [
      validatePhoneCall,
      { contact: { phone_number: "+1" }, options: { speaks_first: "ai" } },
      "options.speaks_first",
    ],
    [validateEmailSend, { from_email: "a@b.example", recipients: [{}] }, "recipients[0].to_email"],
    [
      validateEmailSend,
      { from_email: "a@b.example", recipients: [{ to_email: "c@d.example" }], delay_in_minutes: 0 },
      "delay_in_minutes",
    ],
    [validateSequenceCreate, { filter: { or: [] }, steps: [] }, "filter.or"],
    [validateSequenceCreate, { filter: { or: [{ and: [] }] } }, "steps"],
    [
      validateSequenceCreate,
      {
        filter: { or: [{ and: [{ type: "everyone" }] }] },
        steps: [{ action: { type: "make_phone_calls", data: {} } }],
      },
      "filter.or[0].and[0].type",
    ],
    [
      validateSequenceCreate,
      {
        filter: { or: [{ and: [{ type: "contact_id_in", contact_ids: ["x"] }] }] },
        steps: [{ action: { type: "make_phone_calls", data: {} } }],
      },
      "filter.or[0].and[0].contact_ids[0]",
    ],
    [validateSequenceUpdate, { custom_id: "x".repeat(51) }, "custom_id"],
    [
      validateSequenceUpdate,
      { steps: [{ action: { type: "send_emails", data: {} } }] },
      "steps[0].action.data.from_email",
    ],
    [
      validateSequenceUpdate,
      { steps: [{ action: { type: "make_phone_calls", data: {} }, delay_in_minutes: -1 }] },
      "steps[0].delay_in_minutes",
    ],
    [validateSequenceContacts, { contacts: [] }, "contacts"],
    [validateSequenceContacts, { contacts: [{ email: "nope" }] }, "contacts[0]"],
    [validateTrainingWrite, { title: "t", content: "" }, "content"],
    [validateTrainingWrite, { title: "t", content: "c", type: "behavioural" }, "type"],
    [validateTrainingWrite, { title: "t", content: "c", end_time: "2025-04-30" }, "end_time"],
  ] as const)("%o flags %j at %s", (validate, body, field) => {
    expect((validate as (b: unknown) => { field: string }[])(body).map((i) => i.field)).toContain(field);
  });

  test("custom_id counts characters as code points, like the mock's JSON Schema maxLength", () => {
    expect(validateSequenceUpdate({ custom_id: "😀".repeat(50) })).toEqual([]);
  });

  test("null filters, a null teamId and teamId none are no filter, not an error", () => {
    expect(
      validateInsightSearch({ status: null, teamId: null, channel: null, ticketCustomData: null }),
    ).toEqual([]);
    expect(validateInsightSearch({ teamId: "none" })).toEqual([]);
  });

  test("page has only the documented maximum: 0 and negative pages are not refused", () => {
    expect(validateInsightSearch({ page: 0 })).toEqual([]);
    expect(validateInsightSearch({ page: -1 })).toEqual([]);
  });

  test("path and query parameters", () => {
    expect(validateParams("GET /contacts/{contact_id}", { path: { contact_id: sessionId } })).toEqual([]);
    expect(validateParams("GET /insights/{id}", { path: { id: "" } }).map((i) => i.field)).toEqual(["id"]);
    expect(
      validateParams("GET /insights/categories", { query: { type: "custom" } }).map((i) => i.field),
    ).toEqual(["type"]);
    expect(
      validateParams("GET /chat/sessions", { query: { status: "pending", handed_off: "yes" } }).map(
        (i) => i.field,
      ),
    ).toEqual(["status", "handed_off"]);
  });

  test.each([
    ["Channel", CHANNELS],
    ["SessionLanguage", SESSION_LANGUAGES],
    ["PhoneLanguage", PHONE_LANGUAGES],
    ["ElevenLabsVoiceId", ELEVENLABS_VOICE_IDS],
  ] as const)("%s lists exactly the spec's enum", (name, values) => {
    expect([...values]).toEqual(schemas[name].enum.map(String));
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
    await expect(read()).rejects.toBeInstanceOf(OpencxValidationError);
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
    await expect(importActions(client(fetch), { paths: {} })).rejects.toBeInstanceOf(OpencxValidationError);
    expect(requests).toHaveLength(0);
  });
});

test("the rate-limit preset is the spec's documented limit", () => {
  const { requests, perSeconds } = spec.info["x-cxkit-rate-limit"];
  expect(OPENCX_PRESET.rateLimit).toMatchObject({ limit: requests, intervalMs: perSeconds * 1000 });
});
