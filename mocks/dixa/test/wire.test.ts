// Wire tests over the MSW handlers: documented examples round-trip through the typed client, pagination
// follows meta.next across several pages, bulk failures are listed, anonymization is polled until
// processed, the first handler refuses what the spec refuses (401, 400, 415, in Dixa's shape), and
// handlers can be overridden per test.
import { readFileSync } from "node:fs";
import {
  anonymizeAndWait,
  bulkFailures,
  createDixaClient,
  isBulkFailure,
  paginate,
} from "@cxkit/client-dixa";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { createDixaHandlers, dixaHttp, documentedSuccess, examples } from "../src/index.ts";

const server = setupServer(...createDixaHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const apiKey = "dixa-wire-key-42";
const client = createDixaClient({ apiKey, rateLimit: false });
const beta = createDixaClient({ apiKey: `Bearer ${apiKey}`, version: "beta", rateLimit: false });
const UUID = "6f1c6a5e-8f0e-4c4b-9d2a-2b7e1f3c9a10";

describe("documented examples round-trip", () => {
  test("getConversation, listConversationMessages and createTag", async () => {
    const conversation = await client.GET("/conversations/{conversationId}", {
      params: { path: { conversationId: 42 } },
    });
    expect(conversation.data).toEqual(examples.getConversation.responses["200"].chat);
    const messages = await client.GET("/conversations/{conversationId}/messages", {
      params: { path: { conversationId: 42 } },
    });
    expect(messages.data).toEqual(examples.listConversationMessages.responses["200"].email);
    const tag = await client.POST("/tags", { body: examples.createTag.requests.withColor as never });
    expect(tag.data).toEqual(documentedSuccess("createTag").body);
  });

  test("beta-only operations, with a key already written as Bearer", async () => {
    const { data, response } = await beta.GET("/organization");
    expect(response.url).toBe("https://dev.dixa.io/beta/organization");
    expect(data).toEqual(documentedSuccess("getOrganization").body);
    const deleted = await beta.DELETE("/templates/{templateId}", { params: { path: { templateId: UUID } } });
    expect(deleted.response.status).toBe(204);
  });

  // Parses the three spec parts (~0.5 s alone, several seconds on a busy 2-core machine): a generous
  // explicit budget, since nothing here measures speed.
  test("each handler answers the status the spec documents", { timeout: 60_000 }, () => {
    const specStatus = new Map<string, number>();
    for (const part of ["people", "conversations", "platform"]) {
      const doc = parse(
        readFileSync(new URL(`../../../specs/dixa/parts/${part}.yaml`, import.meta.url), "utf8"),
      );
      for (const item of Object.values(doc.paths as Record<string, Record<string, unknown>>))
        for (const op of Object.values(item) as { operationId?: string; responses?: object }[])
          if (op?.operationId && op.responses)
            specStatus.set(op.operationId, Number(Object.keys(op.responses).find((s) => s.startsWith("2"))));
    }
    expect(specStatus.size).toBe(134);
    for (const [operationId, status] of specStatus)
      expect(documentedSuccess(operationId).status, operationId).toBe(status);
  });
});

describe("paginate follows meta.next", () => {
  test("collects every agent across three pages, requesting each next link's pageKey", async () => {
    const seen: string[] = [];
    server.events.on("request:start", ({ request }) => seen.push(new URL(request.url).search));
    const names: string[] = [];
    for await (const agent of paginate(client, "/agents")) names.push(agent.displayName);
    server.events.removeAllListeners();
    expect(names).toEqual(["Alice Brown", "Jonas Berg", "Agent 3", "Agent 4", "Agent 5"]);
    expect(seen).toEqual(["", "?pageLimit=2&pageKey=2", "?pageLimit=2&pageKey=4"]);
  });

  test("keeps the caller's filters and page size, and yields whole pages", async () => {
    const pages = [];
    for await (const page of paginate(client, "/agents", { query: { pageLimit: 4 } }).pages())
      pages.push(page);
    expect(pages.map((p) => p.data.length)).toEqual([4, 1]);
    expect(pages[0]?.meta?.next).toBe("/v1/agents?pageLimit=4&pageKey=4");
  });

  test("works under /beta: the next link carries the beta prefix", async () => {
    let count = 0;
    for await (const _ of paginate(beta, "/agents")) count++;
    expect(count).toBe(5);
  });

  test("stops at maxPages with a pagination error", async () => {
    const pages = paginate(client, "/agents", {}, { maxPages: 2 });
    const read: unknown[] = [];
    await expect(
      (async () => {
        for await (const agent of pages) read.push(agent);
      })(),
    ).rejects.toMatchObject({ kind: "pagination", message: expect.stringContaining("maxPages (2)") });
    expect(read).toHaveLength(4);
  });

  test("refuses a next link to another host or path", async () => {
    server.use(
      dixaHttp().get("/agents", ({ response }) =>
        response(200).json({ data: [], meta: { next: "https://evil.example/v1/agents?pageKey=1" } }),
      ),
    );
    const pages = paginate(client, "/agents").pages();
    expect((await pages.next()).value?.data).toEqual([]);
    await expect(pages.next()).rejects.toMatchObject({
      kind: "pagination",
      message: expect.stringContaining("leaves /agents"),
    });
    server.use(
      dixaHttp().get("/agents", ({ response }) =>
        response(200).json({ data: [], meta: { next: "/v1/endusers?pageKey=1" } }),
      ),
    );
    const other = paginate(client, "/agents").pages();
    await other.next();
    await expect(other.next()).rejects.toMatchObject({ kind: "pagination" });
  });

  test("an API error ends the iteration with ApiError", async () => {
    server.use(dixaHttp().get("/agents", ({ response }) => response(404).json({ message: "Not found" })));
    await expect(paginate(client, "/agents").pages().next()).rejects.toMatchObject({
      name: "ApiError",
      status: 404,
    });
  });
});

describe("bulk outcomes", () => {
  test("bulkFailures lists each failed agent with its index, kind and message", async () => {
    const { data } = await client.PATCH("/agents", {
      body: examples.patchAgents.requests.two as never,
    });
    expect(bulkFailures(data)).toEqual([
      {
        index: 1,
        kind: "NotFound",
        id: "434ce9f5-14c8-4be1-a0a8-f755010deb9c",
        message: "Agent not found",
        error: expect.any(Object),
      },
    ]);
    const success = data?.data.find((o) => !isBulkFailure(o));
    expect(success?._type === "BulkActionSuccess" && success.data.displayName).toBe("AB");
  });

  test("queue members and notes: every failure, kinds included (notes' default ErrorResponse)", async () => {
    const members = await client.PATCH("/queues/{queueId}/members", {
      params: { path: { queueId: UUID } },
      body: examples.addQueueMembers.requests.two as never,
    });
    expect(bulkFailures(members.data).map((f) => [f.index, f.kind])).toEqual([
      [1, "NotFound"],
      [2, "Validation"],
    ]);
    const notes = await client.POST("/conversations/{conversationId}/notes/bulk", {
      params: { path: { conversationId: 42 } },
      body: examples.createInternalNotesBulk.requests.twoNotes as never,
    });
    expect(bulkFailures(notes.data)).toMatchObject([{ index: 1, kind: "ErrorResponse" }]);
    expect(
      bulkFailures({ data: [{ _type: "BulkActionFailure", error: { message: "no kind" } }] })[0]?.kind,
    ).toBe("ErrorResponse");
  });
});

describe("anonymizeAndWait", () => {
  test("requests the anonymization and polls until processed", async () => {
    const statuses: boolean[] = [];
    const request = await anonymizeAndWait(
      client,
      { _type: "User", userId: UUID },
      { pollIntervalMs: 1, onStatus: (r) => statuses.push(Boolean(r.processedAt)) },
    );
    expect(request).toMatchObject({ _type: "User", targetEntityId: UUID, processedAt: expect.any(String) });
    expect(statuses).toEqual([false]);
  });

  test("conversations and messages too; several pending checks", async () => {
    server.use(...createDixaHandlers(undefined, { pendingChecks: 3 }));
    let checks = 0;
    const conversation = await anonymizeAndWait(
      client,
      { _type: "Conversation", conversationId: 42 },
      { pollIntervalMs: 1, force: true, onStatus: () => checks++ },
    );
    expect(conversation).toMatchObject({ _type: "Conversation", targetEntityId: "42" });
    expect(checks).toBe(3);
    const message = await anonymizeAndWait(
      client,
      { _type: "Message", conversationId: 42, messageId: UUID },
      { pollIntervalMs: 1 },
    );
    expect(message._type).toBe("Message");
  });

  test("is cancellable, and times out when the request never completes", async () => {
    server.use(...createDixaHandlers(undefined, { pendingChecks: Number.POSITIVE_INFINITY }));
    const controller = new AbortController();
    await expect(
      anonymizeAndWait(
        client,
        { _type: "User", userId: UUID },
        { pollIntervalMs: 1, signal: controller.signal, onStatus: () => controller.abort() },
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
    await expect(
      anonymizeAndWait(client, { _type: "User", userId: UUID }, { pollIntervalMs: 5, timeoutMs: 50 }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
  });

  test("a refused request is an ApiError without the key", async () => {
    server.use(
      dixaHttp().patch("/endusers/{userId}/anonymize", ({ response }) =>
        response(409).json({ message: "Conflict" }),
      ),
    );
    const error = await anonymizeAndWait(client, { _type: "User", userId: UUID }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 409 });
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
  });
});

describe("the first handler validates every request against the spec (client-core's guard)", () => {
  const submit = `https://dev.dixa.io/v1/conversations/42/ratings/${UUID}/submit`;
  const post = (url: string, body: unknown, headers: Record<string, string> = { Authorization: apiKey }) =>
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  test("no credential → 401 in Dixa's {message} shape, under /v1 and /beta", async () => {
    for (const version of ["v1", "beta"]) {
      const response = await fetch(`https://dev.dixa.io/${version}/agents`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: "header.authorization is missing or not accepted" });
    }
    const blank = await post(submit, { ratingResult: { _type: "Csat", value: 5 } }, { Authorization: " " });
    expect(blank.status).toBe(401);
  });

  test("a broken constraint → 400 naming every field, as Prism refuses it", async () => {
    const response = await post(submit, { ratingResult: { _type: "Csat", value: 6 } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "body.ratingResult.value must be at most 5 (got 6)" });
    const beta = await fetch(`https://dev.dixa.io/beta/agents/not-a-uuid`, {
      headers: { Authorization: apiKey },
    });
    expect(beta.status).toBe(400);
    expect(await beta.json()).toEqual({ message: 'path.agentId must be a UUID (got "not-a-uuid")' });
  });

  test("a client with validate: false reaches the handlers, which refuse what the client would have", async () => {
    const loose = createDixaClient({ apiKey, rateLimit: false, validate: false, maxRetries: 0 });
    const { response, error } = await loose.POST(
      "/conversations/{conversationId}/ratings/{ratingId}/submit",
      {
        params: { path: { conversationId: 42, ratingId: UUID } },
        body: { ratingResult: { _type: "Nps", value: 11 } } as never,
      },
    );
    expect(response.status).toBe(400);
    expect(error).toEqual({ message: "body.ratingResult.value must be at most 10 (got 11)" });
  });

  test("DIXA_RULES run here too: an analytics Interval that ends before it starts → 400", async () => {
    const period = { _type: "Interval", start: "2024-02-01T00:00:00Z", end: "2024-01-01T00:00:00Z" };
    const body = { id: "closed_conversations", timezone: "UTC", periodFilter: period };
    const response = await post("https://dev.dixa.io/v1/analytics/metrics", body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^body\.periodFilter\.start must be before/,
    );
    const ordered = await post("https://dev.dixa.io/v1/analytics/metrics", {
      ...body,
      periodFilter: { ...period, start: "2023-12-01T00:00:00Z" },
    });
    expect(ordered.status).toBe(200);
  });

  test("a body in another media type → 415; handlers for another base URL guard that server", async () => {
    const text = await fetch("https://dev.dixa.io/v1/tags", {
      method: "POST",
      headers: { Authorization: apiKey, "Content-Type": "text/plain" },
      body: "urgent",
    });
    expect(text.status).toBe(415);
    server.use(...createDixaHandlers("http://127.0.0.1:9/v1"));
    const local = createDixaClient({
      apiKey,
      baseUrl: "http://127.0.0.1:9/v1",
      rateLimit: false,
      validate: false,
    });
    const { response } = await local.GET("/agents/{agentId}", { params: { path: { agentId: "nope" } } });
    expect(response.status).toBe(400);
    expect((await local.GET("/tags")).response.status).toBe(200);
  });
});

test("handlers can be overridden per test with typed responses", async () => {
  server.use(dixaHttp().get("/tags", ({ response }) => response(500).json({ message: "maintenance" })));
  const { data, error, response } = await createDixaClient({ apiKey, maxRetries: 0 }).GET("/tags");
  expect(data).toBeUndefined();
  expect(response.status).toBe(500);
  expect(error).toEqual({ message: "maintenance" });
});
