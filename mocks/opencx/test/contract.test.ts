// Contract tests: every Open.cx operation through the typed client against the Prism mock (request
// validation on), every request example of the spec, the documented error responses, and invalid
// requests the mock must reject with a reason — which the client refuses first.
import { createOpencxClient, type InsightSearch, importActions, replyText } from "@cxkit/client-opencx";
import { afterAll, describe, expect, inject, test } from "vitest";
import { coverageRecorder } from "../../../tools/testing/coverage.ts";
import { examples } from "../src/index.ts";

const baseUrl = inject("mockUrl");
const apiKey = "ocx-test-key-0123456789";
const recorder = coverageRecorder("opencx");
const client = createOpencxClient({ apiKey, baseUrl, maxRetries: 0 });
client.use(recorder);
afterAll(() => recorder.save());

/** A valid value for every path parameter of the spec. */
const ids = {
  id: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  contact_id: "5f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5",
  session_id: "2d9f5b8e-1c3a-4e7b-9f0d-6a5b4c3d2e1f",
  phone_number_id: "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
  sequence_id: "welcome-2025",
  training_id: "8f0e1d2c-3b4a-4596-8877-66554433aa11",
};
type Id = keyof typeof ids;
const pathOf = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: Id) => ids[name]);
const paramsOf = (template: string) =>
  Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, ids[name as Id]]));
const session = { params: { path: { session_id: ids.session_id } } };

describe("every request example of the spec through the client", () => {
  const cases = Object.entries(examples).flatMap(([operationId, op]) =>
    Object.entries(op.requests as Record<string, unknown>).map(([name, body]) => ({
      operationId,
      op,
      name,
      body,
    })),
  );
  test.each(cases)("$operationId accepts the $name example", async ({ op, body }) => {
    const { response, error } = await client.request(
      op.method as "post",
      op.path as "/insights",
      {
        params: { path: paramsOf(op.path) },
        body,
      } as never,
    );
    expect(error).toBeUndefined();
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
  });
});

describe("every operation through the client", () => {
  test("listInsights returns a page with its totals", async () => {
    const { data } = await client.POST("/insights", { body: { status: "unresolved", page: 1 } });
    expect(data).toMatchObject({ data: expect.any(Array), totalPages: expect.any(Number) });
  });

  test("listInsightCategories and getInsight", async () => {
    const categories = await client.GET("/insights/categories", {
      params: { query: { type: "user_defined", search: "billing" } },
    });
    expect(categories.data?.[0]?.name).toBe("Billing");
    const insight = await client.GET("/insights/{id}", { params: { path: { id: ids.id } } });
    expect(insight.data?.insight_number).toBeTypeOf("number");
  });

  test("contacts: list (first and next page), delete", async () => {
    const first = await client.GET("/contacts");
    expect(first.data?.items[0]?.id).toBe(ids.contact_id);
    const next = await client.GET("/contacts", { params: { query: { cursor: "eyJpZCI6IjVmMWMyZDNlIn0" } } });
    expect(next.response.status).toBe(200);
    const deleted = await client.DELETE("/contacts/{contact_id}", { params: { path: ids } });
    expect(deleted.response.status).toBe(200);
  });

  test("chat sessions: list with every filter, get, history", async () => {
    const list = await client.GET("/chat/sessions", {
      params: {
        query: {
          handed_off: true,
          status: "open",
          channel_type: "whatsapp",
          created_after: "2025-03-01T00:00:00Z",
          created_before: "2025-04-01T00:00:00Z",
          updated_after: "2025-03-15T00:00:00Z",
          updated_before: "2025-03-31T23:59:59Z",
        },
      },
    });
    expect(list.response.status).toBe(200);
    const got = await client.GET("/chat/sessions/{session_id}", session);
    expect(got.data?.channel.type).toBe("whatsapp");
    const history = await client.GET("/chat/sessions/{session_id}/history", session);
    expect(history.data?.items[0]?.event.type).toBe("message");
  });

  test("sendChatMessage returns an answer replyText can read", async () => {
    const { data } = await client.POST("/chat/sessions/{session_id}/send", {
      ...session,
      body: { sender: "contact", message: { type: "text", text: "Where is my order?" } },
    });
    expect(replyText(data!)).toMatch(/order/);
  });

  test("phone agents: list, delete", async () => {
    expect((await client.GET("/phone")).data?.items).toHaveLength(2);
    const deleted = await client.DELETE("/phone/{phone_number_id}", { params: { path: ids } });
    expect(deleted.response.status).toBe(200);
  });

  test("actions: import an OpenAPI file (multipart), delete all", async () => {
    await importActions(client, { openapi: "3.0.3", info: { title: "Orders", version: "1" }, paths: {} });
    expect((await client.DELETE("/actions")).response.status).toBe(200);
  });

  test("sequences: get, start, cancel", async () => {
    const params = { params: { path: { sequence_id: ids.sequence_id } } };
    expect((await client.GET("/sequences/{sequence_id}", params)).data?.custom_id).toBe("welcome-2025");
    expect((await client.PUT("/sequences/{sequence_id}/start", params)).response.status).toBe(200);
    expect((await client.PUT("/sequences/{sequence_id}/cancel", params)).response.status).toBe(200);
  });

  test("training: get, delete", async () => {
    const params = { params: { path: { training_id: ids.training_id } } };
    expect((await client.GET("/training/{training_id}", params)).data?.title).toBe("Spring sale returns");
    expect((await client.DELETE("/training/{training_id}", params)).response.status).toBe(200);
  });
});

describe("documented error responses (Prefer: code=…)", () => {
  const cases = Object.entries(examples).flatMap(([operationId, op]) =>
    Object.entries(op.responses as Record<string, Record<string, unknown>>)
      .filter(([status]) => Number(status) >= 400)
      .flatMap(([status, named]) =>
        Object.entries(named).map(([name, body]) => ({
          operationId,
          op,
          status: Number(status),
          name,
          body,
        })),
      ),
  );

  test.each(cases)(
    "$operationId answers $status with the $name example",
    async ({ op, status, name, body }) => {
      const request = Object.values(op.requests as Record<string, unknown>)[0];
      const multipart = op.path === "/actions" && op.method === "put";
      const form = new FormData();
      form.set("file", '{"openapi":"3.0.3"}');
      const response = await fetch(baseUrl + pathOf(op.path), {
        method: op.method.toUpperCase(),
        headers: {
          Authorization: `Bearer ${apiKey}`,
          ...(request ? { "Content-Type": "application/json" } : {}),
          Prefer: `code=${status}, example=${name}`,
        },
        ...(multipart ? { body: form } : request ? { body: JSON.stringify(request) } : {}),
      });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual(body);
    },
  );
});

describe("the mock rejects invalid requests, naming the problem", () => {
  // Every constraint of the spec is breached, one at a time, by the generated mutation suite
  // (constraints.test.ts); these few show the vendor's error shape for a body and a path.
  const cases: { name: string; path: string; method?: string; body?: unknown; field: string }[] = [
    { name: "fractional insights page", path: "/insights", body: { page: 1.5 }, field: "page" },
    {
      name: "custom_id over 50 characters",
      method: "PATCH",
      path: "/sequences/welcome-2025",
      body: { custom_id: "x".repeat(51) },
      field: "custom_id",
    },
  ];

  test.each(cases)("$name → 400 naming $field, and the client refuses it first", async (c) => {
    const method = c.method ?? "POST";
    const template = c.path.replace("welcome-2025", "{sequence_id}");
    await expect(
      client.request(
        method.toLowerCase() as "post",
        template as "/insights",
        {
          params: { path: paramsOf(template) },
          body: c.body,
        } as never,
      ),
    ).rejects.toThrow(`body.${c.field}`);
    const response = await rawFetch(c.path, { method, body: JSON.stringify(c.body) });
    expect(response.status).toBe(400);
    const { message } = (await response.json()) as { message: string[] };
    expect(message.join(" ")).toContain(c.field);
  });

  test("validate: false sends what the client would refuse, and the mock refuses it", async () => {
    const raw = createOpencxClient({ apiKey, baseUrl, maxRetries: 0, validate: false });
    const { response, error } = await raw.POST("/insights", { body: { page: 1.5 } });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ statusCode: 400, error: "Bad Request" });
    const once = await client.POST("/insights", { body: { page: 1.5 }, validate: false } as {
      body: InsightSearch;
    });
    expect(once.response.status).toBe(400);
  });

  test("an unknown channel_type → 400, and the client refuses it first", async () => {
    await expect(
      client.GET("/chat/sessions", { params: { query: { channel_type: "fax" as never } } }),
    ).rejects.toThrow("channel_type");
    const response = await rawFetch("/chat/sessions?channel_type=fax");
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("channel_type");
  });

  test("a body-less insights call → 400 naming the body", async () => {
    const none = await fetch(`${baseUrl}/insights`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    expect(none.status).toBe(400);
    expect(await none.json()).toEqual({
      statusCode: 400,
      message: [expect.stringMatching(/body/i)],
      error: "Bad Request",
    });
  });

  test("an actions import without its file → 400", async () => {
    const response = await fetch(`${baseUrl}/actions`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${apiKey}` },
      body: new FormData(),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("file");
  });

  test.each([
    ["GET", "/contacts"],
    ["GET", `/chat/sessions/${ids.session_id}`],
    ["POST", "/chat/sessions"],
    ["DELETE", "/actions"],
  ])("no credential on %s %s → 401 in the vendor's error shape", async (method, path) => {
    const response = await fetch(baseUrl + path, {
      method,
      ...(method === "POST" ? { headers: { "Content-Type": "application/json" }, body: "{}" } : {}),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      message: [expect.any(String)],
      error: "Unauthorized",
    });
  });
});

/** A value's structure: key names and JSON types, arrays by their first item. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, 1).map(shape);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return value === null ? "null" : typeof value;
}

// The vendor documentation's own request and response for `POST /insights`, exactly as its curl sample
// and response sample write them (placeholders included). The sample sends no Authorization header.
const docInsightsBody: InsightSearch = {
  category: "<string>",
  status: "all",
  sentiment: "angry",
  sortBy: "occurrence_count",
  sortOrder: "desc",
  minSessions: 4503599627370495,
  search: "<string>",
  teamId: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
  insightNumber: 4503599627370495,
  sessionLanguage: "el",
  ticketSentiment: "angry",
  channel: "web",
  sessionFromDate: "<string>",
  sessionToDate: "<string>",
  sessionStatus: "closed_resolved",
  sessionContactId: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
  ticketCustomData: [{}],
  contactCustomData: [{}],
  page: 1,
};
const docTime = "2023-11-07T05:31:56Z";
const docUuid = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
const docInsightsResponse = {
  data: [
    {
      id: docUuid,
      insight_number: 0,
      content: "<string>",
      sentiment: "angry",
      occurrence_count: 0,
      category: { id: docUuid, name: "<string>", description: "<string>" },
      team: { id: docUuid, name: "<string>" },
      resolved_by: { name: "<string>", avatar_url: "<string>" },
      resolved_at: docTime,
      archived_by: { name: "<string>", avatar_url: "<string>", reason: "<string>" },
      archived_at: docTime,
      deep_research: "<string>",
      deep_research_completed_at: docTime,
      first_seen_at: docTime,
      last_seen_at: docTime,
      created_at: docTime,
      updated_at: docTime,
    },
  ],
  page: 0,
  total: 0,
  totalPages: 0,
};

describe("the vendor documentation's requests, replayed exactly", () => {
  const cases: { name: string; headers: Record<string, string> }[] = [
    { name: "as written (Content-Type only, no credential)", headers: {} },
    { name: "with the bearer key every client adds", headers: { Authorization: `Bearer ${apiKey}` } },
  ];

  test.each(cases)("raw POST /insights $name → 200 in the documented shape", async ({ headers }) => {
    const response = await fetch(`${baseUrl}/insights`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(docInsightsBody, null, 2),
    });
    expect(response.status).toBe(200);
    expect(shape(await response.json())).toEqual(shape(docInsightsResponse));
  });

  test("through the typed client (validation on) → 200 in the documented shape", async () => {
    const { data, error, response } = await client.POST("/insights", { body: docInsightsBody });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(shape(data)).toEqual(shape(docInsightsResponse));
  });

  test("the spec's `documented` examples are the doc's own", () => {
    expect(examples.listInsights.requests.documented).toEqual(docInsightsBody);
    expect(examples.listInsights.responses["200"].documented).toEqual(docInsightsResponse);
  });
});

describe("requests third-party Open.cx clients send", () => {
  // TicketSwap/tap-opencx (Singer tap): GET /chat/sessions with `updated_after` as Python's str(datetime)
  // (a space, not `T`), the first page without `cursor`, then `cursor` = the previous page's `next`.
  test("tap-opencx: session sync from a start date, then the next page", async () => {
    const first = await rawFetch("/chat/sessions?updated_after=2024-01-01+00%3A00%3A00%2B00%3A00");
    expect(first.status).toBe(200);
    const { items, next } = (await first.json()) as {
      items: { id: string; updated_at: string }[];
      next: string;
    };
    expect(items[0]).toMatchObject({ id: expect.any(String), updated_at: expect.any(String) });
    const second = await rawFetch(
      `/chat/sessions?cursor=${encodeURIComponent(next)}&updated_after=2024-01-01+00%3A00%3A00%2B00%3A00`,
    );
    expect(second.status).toBe(200);
  });

  // edidevs/discord-bot-opencx (axios): a contact with empty phone and name, a session on the email
  // channel, and a message carrying an extra `contact` object.
  test("discord-bot-opencx: create contact, create session, send a message", async () => {
    const contact = await rawFetch("/contacts", {
      method: "POST",
      body: JSON.stringify({ contact: { email: "ana@example.com", phone: "", name: "", custom_data: {} } }),
    });
    expect(contact.status).toBe(201);
    const created = await rawFetch("/chat/sessions", {
      method: "POST",
      body: JSON.stringify({ channel: { type: "email" } }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const sent = await rawFetch(`/chat/sessions/${id}/send`, {
      method: "POST",
      body: JSON.stringify({
        sender: "contact",
        message: { type: "text", text: "Where is my order?" },
        contact: { email: "ana@example.com" },
      }),
    });
    expect(sent.status).toBe(201);
  });
});

function rawFetch(path: string, init: RequestInit = {}) {
  return fetch(baseUrl + path, {
    ...init,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
  });
}
