// Wire tests over the MSW handlers: documented examples round-tripping through the client, the
// paginators over a paginated insights scenario and the cursor lists, the stateful flows (contacts, chat,
// phone agents, sequences, training) end to end, the spec's guard in front of them (401, 415, 400 in
// Open.cx's shape, OPENCX_RULES), and per-test overrides.
import {
  type ApiError,
  createOpencxClient,
  importActions,
  paginateChatSessionHistory,
  paginateChatSessions,
  paginateContacts,
  paginateFilteredChatSessions,
  paginateInsights,
  paginatePhoneAgents,
  replyText,
  unwrap,
} from "@cxkit/client-opencx";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createOpencxHandlers, examples, mockInsights, opencxHttp } from "../src/index.ts";

const server = setupServer(...createOpencxHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Fresh state for one test: handlers replaced by a new stateful set. */
const fresh = (scenario?: Parameters<typeof createOpencxHandlers>[1]) =>
  server.use(...createOpencxHandlers(undefined, scenario));
const client = createOpencxClient({ apiKey: "ocx-wire-key", rateLimit: false });
const collect = async <T>(iterable: AsyncIterable<T>) => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

describe("documented examples round-trip", () => {
  test("contacts, phone agents, categories", async () => {
    expect((await client.GET("/contacts")).data).toEqual(examples.listContacts.responses["200"].lastPage);
    expect((await client.GET("/phone")).data).toEqual(examples.listPhoneAgents.responses["200"].agents);
    expect((await client.GET("/insights/categories")).data).toEqual(
      examples.listInsightCategories.responses["200"].categories,
    );
  });

  test("a chat session, its history, a sequence, a training entry", async () => {
    const session_id = examples.getChatSession.responses["200"].handedOff.id;
    const session = await client.GET("/chat/sessions/{session_id}", { params: { path: { session_id } } });
    expect(session.data).toEqual(examples.getChatSession.responses["200"].handedOff);
    const history = await collect(paginateChatSessionHistory(client, session_id));
    expect(history).toEqual(examples.listChatSessionHistory.responses["200"].handoff.items);
    const sequence = await client.GET("/sequences/{sequence_id}", {
      params: { path: { sequence_id: "welcome-2025" } },
    });
    expect(sequence.data).toEqual(examples.getSequence.responses["200"].running);
    const training = await client.GET("/training/{training_id}", {
      params: { path: { training_id: examples.getTraining.responses["200"].published.id } },
    });
    expect(training.data).toEqual(examples.getTraining.responses["200"].published);
  });
});

describe("insights paginator over a paginated scenario", () => {
  test("12 insights, 5 per page: three pages, every insight once, in order", async () => {
    const pages = await collect(paginateInsights(client).pages());
    expect(pages.map((p) => [p.page, p.data.length, p.total, p.totalPages])).toEqual([
      [1, 5, 12, 3],
      [2, 5, 12, 3],
      [3, 2, 12, 3],
    ]);
    const insights = await collect(paginateInsights(client));
    expect(insights.map((i) => i.id)).toEqual(mockInsights(12).map((i) => i.id));
  });

  test("filters are sent with every page: unresolved angry insights only", async () => {
    const insights = await collect(paginateInsights(client, { status: "unresolved", sentiment: "angry" }));
    expect(insights).toHaveLength(6);
    expect(insights.every((i) => i.resolved_at === null && i.sentiment === "angry")).toBe(true);
  });

  test("sorting and an empty result", async () => {
    const ascending = await collect(
      paginateInsights(client, { sortBy: "occurrence_count", sortOrder: "asc" }),
    );
    expect(ascending.map((i) => i.occurrence_count)).toEqual([...Array(12).keys()].map((i) => i + 1));
    expect(await collect(paginateInsights(client, { search: "no such text" }))).toEqual([]);
  });

  test("maxPages stops a long listing with a pagination error", async () => {
    fresh({ insights: mockInsights(40), insightsPageSize: 1 });
    const seen: string[] = [];
    const read = async () => {
      for await (const insight of paginateInsights(client, {}, { maxPages: 3 })) seen.push(insight.id);
    };
    await expect(read()).rejects.toMatchObject({ kind: "pagination" });
    expect(seen).toHaveLength(3);
  });

  test("getInsight finds the scenario's insights; unknown ids are 404", async () => {
    const [first] = mockInsights(12);
    expect((await client.GET("/insights/{id}", { params: { path: { id: first!.id } } })).data).toEqual(first);
    const missing = await client.GET("/insights/{id}", { params: { path: { id: "nope" } } });
    expect(missing.error).toMatchObject({ statusCode: 404, error: "Not Found" });
  });
});

describe("stateful flows", () => {
  test("contacts: create, list across cursor pages, update, delete", async () => {
    fresh();
    const created = [];
    for (const name of ["Bo", "Cy", "Di"])
      created.push(
        await unwrap(client.POST("/contacts", { body: { contact: { name, phone: "+15550100" } } })),
      );
    const pages = await collect(paginateContacts(client).pages());
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    const all = pages.flatMap((p) => p.items);
    expect(all.slice(2).map((c) => [c.name, c.phone_number])).toEqual([
      ["Bo", "+15550100"],
      ["Cy", "+15550100"],
      ["Di", "+15550100"],
    ]);

    const contact_id = created[0]!.id;
    await unwrap(
      client.PATCH("/contacts/{contact_id}", {
        params: { path: { contact_id } },
        body: { contact: { name: "Bo Lee", custom_data: { plan: "scale" } } },
      }),
    );
    const updated = (await collect(paginateContacts(client))).find((c) => c.id === contact_id);
    expect(updated).toMatchObject({ name: "Bo Lee", custom_data: { plan: "scale" } });

    await unwrap(client.DELETE("/contacts/{contact_id}", { params: { path: { contact_id } } }));
    expect((await collect(paginateContacts(client))).map((c) => c.id)).not.toContain(contact_id);
    const again = await client.DELETE("/contacts/{contact_id}", { params: { path: { contact_id } } });
    expect(again.response.status).toBe(404);
  });

  test("chat: open a session for a contact, talk, read the history, resolve, find it", async () => {
    fresh();
    const contact_id = examples.listContacts.responses["200"].lastPage.items[0]!.id;
    const { id: session_id } = await unwrap(
      client.POST("/chat/sessions", { body: { contact_id, channel: { type: "web" } } }),
    );
    const reply = await unwrap(
      client.POST("/chat/sessions/{session_id}/send", {
        params: { path: { session_id } },
        body: { sender: "contact", message: { type: "text", text: "Where is my order 10492?" } },
      }),
    );
    expect(replyText(reply)).toMatch(/10492/);
    const history = await collect(paginateChatSessionHistory(client, session_id));
    expect(
      history.map((h) => h.event.type === "message" && [h.event.sender.type, h.event.content.text]),
    ).toEqual([
      ["contact", "Where is my order 10492?"],
      ["ai", replyText(reply)],
    ]);

    await unwrap(
      client.PATCH("/chat/sessions/{session_id}", {
        params: { path: { session_id } },
        body: { status: "closed_resolved" },
      }),
    );
    const resolved = await collect(
      paginateChatSessions(client, { status: "closed_resolved", channel_type: "web" }),
    );
    expect(resolved.map((s) => [s.id, s.contact?.id])).toEqual([[session_id, contact_id]]);
    const handedOff = await collect(paginateChatSessions(client, { handed_off: true }));
    expect(handedOff.map((s) => s.id)).toEqual([examples.getChatSession.responses["200"].handedOff.id]);
    const filtered = await collect(paginateFilteredChatSessions(client, { limit: 1, sort_by: "created_at" }));
    expect(filtered).toHaveLength(2);
  });

  test("chat with an unknown session is a typed 404", async () => {
    const error = await unwrap(
      client.GET("/chat/sessions/{session_id}", {
        params: { path: { session_id: "00000000-0000-4000-8000-000000000000" } },
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 404 } satisfies Partial<ApiError>);
  });

  test("phone agents: buy, list, rename, call, delete", async () => {
    fresh();
    const agent = await unwrap(
      client.POST("/phone/buy", {
        body: { area_code: "415", elevenlabs_voice_id: "hP72SDESIJq2YuAblBqz", name: "Sales" },
      }),
    );
    expect(agent.phone_number).toMatch(/^\+1415/);
    const path = { params: { path: { phone_number_id: agent.id } } };
    await unwrap(client.PATCH("/phone/{phone_number_id}", { ...path, body: { name: "Sales line" } }));
    expect((await collect(paginatePhoneAgents(client))).find((a) => a.id === agent.id)?.name).toBe(
      "Sales line",
    );
    const call = await client.POST("/phone/{phone_number_id}/call", {
      ...path,
      body: { contact: { phone_number: "+12345678910" } },
    });
    expect(call.response.status).toBe(201);
    await unwrap(client.DELETE("/phone/{phone_number_id}", path));
    const afterDelete = await client.POST("/phone/{phone_number_id}/call", {
      ...path,
      body: { contact: { phone_number: "+12345678910" } },
    });
    expect(afterDelete.response.status).toBe(404);
  });

  test("sequences: a one-off starts and refuses contacts; a continuous one takes contacts and cancels a run", async () => {
    fresh();
    const body = examples.createSequence.requests;
    const oneOff = await unwrap(client.POST("/sequences", { body: body.oneOff as never }));
    const oneOffPath = { params: { path: { sequence_id: oneOff.id } } };
    await unwrap(client.PUT("/sequences/{sequence_id}/start", oneOffPath));
    expect((await unwrap(client.GET("/sequences/{sequence_id}", oneOffPath))).started_at).not.toBeNull();
    const refused = await client.POST("/sequences/{sequence_id}/contacts", {
      ...oneOffPath,
      body: { contacts: [{ email: "new@acme.example" }] },
    });
    expect(refused.error?.message).toMatch(/continuous/);

    await unwrap(client.POST("/sequences", { body: body.welcome as never }));
    const byCustomId = { params: { path: { sequence_id: "welcome-2025" } } };
    const { run_id } = await unwrap(
      client.POST("/sequences/{sequence_id}/contacts", {
        ...byCustomId,
        body: { contacts: [{ phone_number: "+14155550123" }] },
      }),
    );
    await unwrap(
      client.PUT("/sequences/{sequence_id}/cancel", { params: { path: { sequence_id: run_id } } }),
    );
    expect((await unwrap(client.GET("/sequences/{sequence_id}", byCustomId))).canceled_at).toBeNull();
    expect((await client.PUT("/sequences/{sequence_id}/start", byCustomId)).response.status).toBe(400);
  });

  test("training: create, read, replace, delete", async () => {
    fresh();
    const created = await unwrap(
      client.POST("/training", { body: { title: "Tone", content: "Be brief.", type: "BEHAVIORAL" } }),
    );
    const path = { params: { path: { training_id: created.id } } };
    expect(await unwrap(client.GET("/training/{training_id}", path))).toEqual(created);
    const replaced = await unwrap(
      client.PUT("/training/{training_id}", { ...path, body: { title: "Tone", content: "Be very brief." } }),
    );
    expect([replaced.content, replaced.current_version]).toEqual(["Be very brief.", 2]);
    await unwrap(client.DELETE("/training/{training_id}", path));
    expect((await client.GET("/training/{training_id}", path)).response.status).toBe(404);
  });

  test("importActions uploads its file", async () => {
    await expect(importActions(client, '{"openapi":"3.1.0","paths":{}}')).resolves.toBeUndefined();
  });
});

describe("the spec's guard, first of the handlers", () => {
  const raw = createOpencxClient({ apiKey: "ocx-wire-key", rateLimit: false, validate: false });

  test.each([
    ["GET", "/contacts"],
    ["DELETE", "/actions"],
    ["GET", "/chat/sessions/2d9f5b8e-1c3a-4e7b-9f0d-6a5b4c3d2e1f"],
  ])("no credential on %s %s → 401 in Open.cx's error shape", async (method, path) => {
    const response = await fetch(`https://api.open.cx${path}`, { method });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      message: ["header.authorization is missing or not accepted"],
      error: "Unauthorized",
    });
  });

  test("a scheme other than Bearer is refused; POST /insights also takes no credential, as the spec says", async () => {
    const basic = await fetch("https://api.open.cx/contacts", {
      headers: { Authorization: "Basic a2V5Og==" },
    });
    expect(basic.status).toBe(401);
    const anonymous = await fetch("https://api.open.cx/insights", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(anonymous.status).toBe(200);
  });

  test("a body that breaks the spec → 400 naming every field, as the client names them", async () => {
    const { error, response } = await raw.POST("/insights", {
      body: { page: 1.5, sentiment: "furious" as never },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({
      statusCode: 400,
      message: [
        "body.page must be an integer (got number)",
        'body.sentiment must be one of: angry, happy, neutral, null (got "furious")',
      ],
      error: "Bad Request",
    });
  });

  test("query and multipart bodies too: an unknown channel_type, an actions import without its file", async () => {
    const list = await raw.GET("/chat/sessions", { params: { query: { channel_type: "fax" as never } } });
    expect(list.response.status).toBe(400);
    expect(list.error?.message).toEqual([expect.stringMatching(/^query\.channel_type must be one of/)]);
    const upload = await fetch("https://api.open.cx/actions", {
      method: "PUT",
      headers: { Authorization: "Bearer k" },
      body: new FormData(),
    });
    expect(upload.status).toBe(400);
    expect(await upload.json()).toMatchObject({ message: ["body.file is required"] });
  });

  test("a body of another media type → 415", async () => {
    const response = await fetch("https://api.open.cx/contacts", {
      method: "POST",
      headers: { Authorization: "Bearer k", "Content-Type": "text/plain" },
      body: "ana@example.com",
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ statusCode: 415, error: "Unsupported Media Type" });
  });

  test("the rules of OPENCX_RULES are applied too: an inverted session window → 400", async () => {
    const { error, response } = await raw.GET("/chat/sessions", {
      params: { query: { created_after: "2025-04-01T00:00:00Z", created_before: "2025-03-01T00:00:00Z" } },
    });
    expect(response.status).toBe(400);
    expect(error?.message).toEqual([
      expect.stringMatching(/^query\.created_before must not be before query\.created_after/),
    ]);
  });

  test("the client refuses the same request before the network, with the same words", async () => {
    const error = await client.POST("/insights", { body: { page: 1.5 } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "ValidationError", issues: [{ field: "body.page" }] });
    expect((error as Error).message).toContain("body.page must be an integer (got number)");
  });
});

test("handlers can be overridden per test with typed responses", async () => {
  server.use(
    opencxHttp().get("/contacts", ({ response }) =>
      response(429).json({ statusCode: 429, message: "Too Many Requests", error: "Too Many Requests" }),
    ),
  );
  const error = await collect(paginateContacts(createOpencxClient({ apiKey: "k", maxRetries: 0 }))).catch(
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: "ApiError", status: 429 });
});
