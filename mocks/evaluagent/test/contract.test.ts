// Contract tests: every EvaluAgent operation through the typed client against the Prism mock (request
// validation on, served under /v1 like the API), with Basic and with a bearer token, and the refusals the
// generated constraint suite (test/constraints.test.ts) does not build: multipart parts, credentials.
// The multipart audio upload goes through Prism too (5.16 parses multipart/form-data and validates the
// required part); test/wire.test.ts also drives it end to end over MSW and records its coverage there.
import {
  createEvaluagentClient,
  type EvaluagentClient,
  paginateList,
  resolveIncluded,
  type StoredToken,
  uploadAudioAndImportContact,
  ValidationError,
} from "@cxkit/client-evaluagent";
import { afterAll, describe, expect, inject, test } from "vitest";
import { coverageRecorder } from "../../../tools/testing/coverage.ts";
import { examples } from "../src/index.ts";

const mockUrl = inject("mockUrl");
const baseUrl = `${mockUrl}/v1`;
const accessKeyId = "ea-contract-key-id";
const secretKey = "ea-contract-secret-0123456789";
const recorder = coverageRecorder("evaluagent");
const client = createEvaluagentClient({ accessKeyId, secretKey, baseUrl, maxRetries: 0 });
client.use(recorder);
afterAll(() => recorder.save());

const request = <K extends keyof typeof examples>(id: K, name: string) =>
  (examples[id].requests as Record<string, unknown>)[name] as never;
const ids = {
  user: "99abbc05-9535-4e20-84be-0d4e55bcd407",
  group: "7e2d9c41-8b5a-4f36-9e1c-4a7b3d6f2e08",
  role: "5f3b9d1e-7c4a-4b28-9e6f-2a8d5c1b7e49",
  evaluation: "8f4a2c6e-3b1d-4e7f-9a05-c2d8e6b4f173",
  conversation: "d2a6f8c4-1e9b-4d37-a5c0-7b3e9f1d6a82",
  template: "e9b3d7f1-6a2c-4e85-b4d0-1c7f5a9e3b28",
  oneToOne: "a7c3e5f9-8d1b-4a26-9e4c-3f6b2d8a0c57",
};
const may = "2023-05-01T00:00:00.000Z,2023-05-31T00:00:00.000Z";

/** A client that already holds a token (as after a restart with a token store): it uses Bearer. */
function bearerClient(): { client: EvaluagentClient; saved: StoredToken[] } {
  const saved: StoredToken[] = [];
  const bearer = createEvaluagentClient({
    accessKeyId,
    secretKey,
    baseUrl,
    maxRetries: 0,
    tokenStore: {
      load: async () => ({ token: "stored-token-from-last-run", expiresAt: "2099-01-01T00:00:00Z" }),
      save: async (token) => {
        saved.push(token);
      },
    },
  });
  bearer.use(recorder);
  return { client: bearer, saved };
}

describe("every operation through the client (Basic)", () => {
  test("ping", async () => {
    const { data } = await client.GET("/ping");
    expect(data?.data.type).toBe("authentication");
  });

  test("createBearerToken (Basic only)", async () => {
    const fresh = createEvaluagentClient({ accessKeyId, secretKey, baseUrl, maxRetries: 0 });
    fresh.use(recorder);
    const token = await fresh.tokens.create();
    expect(token.token).toBe(examples.createBearerToken.responses["201"].created.data.attributes.token);
    // The client now holds a token, so it uses Bearer (Basic is disabled for the key).
    expect((await fresh.GET("/ping")).response.status).toBe(200);
  });

  test("users: create, list (filtered), get, update", async () => {
    const created = await client.POST("/org/users", { body: request("createUser", "agent") });
    expect(created.response.status).toBe(201);
    const list = await client.GET("/org/users", {
      params: { query: { "filter[email]": "user@company.com" } },
    });
    expect(list.data?.data.length).toBeGreaterThan(0);
    const one = await client.GET("/org/users/{id}", { params: { path: { id: ids.user } } });
    expect(one.data?.data.id).toBe(ids.user);
    for (const name of ["moveTeam", "deactivate"]) {
      const updated = await client.PATCH("/org/users/{id}", {
        params: { path: { id: ids.user } },
        body: request("updateUser", name),
      });
      expect(updated.response.status).toBe(200);
    }
  });

  test("groups: create, list, update, delete", async () => {
    expect((await client.POST("/org/groups", { body: request("createGroup", "team") })).response.status).toBe(
      201,
    );
    const list = await client.GET("/org/groups", { params: { query: { show_inactive: true } } });
    expect(list.data?.data[0]?.type).toBe("groups");
    const updated = await client.PATCH("/org/groups/{id}", {
      params: { path: { id: ids.group } },
      body: request("updateGroup", "rename"),
    });
    expect(updated.data?.data.attributes.name).toBe("Support Team Alpha");
    const deleted = await client.DELETE("/org/groups/{id}", { params: { path: { id: ids.group } } });
    expect(deleted.response.status).toBe(204);
  });

  test("roles: create, list, update, delete; levels and abilities", async () => {
    expect(
      (await client.POST("/org/roles", { body: request("createRole", "teamLeader") })).response.status,
    ).toBe(201);
    expect((await client.GET("/org/roles")).data?.data).toHaveLength(2);
    const updated = await client.PATCH("/org/roles/{id}", {
      params: { path: { id: ids.role } },
      body: request("updateRole", "abilities"),
    });
    expect(updated.response.status).toBe(200);
    expect(
      (await client.DELETE("/org/roles/{id}", { params: { path: { id: ids.role } } })).response.status,
    ).toBe(204);
    expect((await client.GET("/org/levels")).data?.data[0]?.type).toBe("levels");
    expect((await client.GET("/org/abilities")).data?.data[0]?.type).toBe("abilities");
  });

  test("evaluations: the paginator over the list, and the detail with everything included", async () => {
    const items = [];
    for await (const evaluation of paginateList(client, "/quality/evaluations", {
      "filter[published_at;between]": "2023-05-01T00:00:00.000Z, 2023-08-01T00:00:00.000Z",
      sort: "-published_at",
      include: "contacts",
    }))
      items.push(evaluation);
    expect(items.map((e) => e.id)).toEqual([ids.evaluation]);
    const { data } = await client.GET("/quality/evaluations/{id}", {
      params: { path: { id: ids.evaluation }, query: { include: ["contact", "evaluator", "agent"] } },
    });
    const evaluation = resolveIncluded(data!);
    expect(evaluation.related.evaluator?.attributes.fullname).toBe("Priya Shah");
    expect(evaluation.related.contact?.attributes.channel).toBe("Telephony");
  });

  test.each(["call", "chat"])("createImportedContact accepts the %s example", async (name) => {
    const { data, error } = await client.POST("/quality/imported-contacts", {
      body: request("createImportedContact", name),
    });
    expect(error).toBeUndefined();
    expect(data?.message).toBeTypeOf("string");
  });

  test("uploadAudioAndImportContact: multipart upload, then the import with the returned path", async () => {
    const { audio_file_path, ...contact } = (examples.createImportedContact.requests.call as { data: never })
      .data as Record<string, unknown>;
    expect(audio_file_path).toBeTypeOf("string");
    const mp3 = new Blob([new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0])], { type: "audio/mpeg" });
    const result = await uploadAudioAndImportContact(client, mp3, contact as never, { filename: "call.mp3" });
    expect(result.path).toBe(examples.uploadImportedContactAudio.responses["201"].uploaded.path);
    expect(result.created.message).toBeTypeOf("string");
  });

  test("conversational analytics: list (filtered by period and topic) and one", async () => {
    const { data, error } = await client.GET("/analytics/conversations", {
      params: {
        query: {
          "filter[contact_date;between]": may,
          "filter[insight_topics][]": ["13686037-e52e-470a-966c-843437e7d422"],
          sort: "-contact_date",
          "page[number]": 1,
        },
      },
    });
    expect(error).toBeUndefined();
    expect(data?.data[0]?.type).toBe("conversations");
    const one = await client.GET("/analytics/conversations/{id}", {
      params: { path: { id: ids.conversation } },
    });
    expect(one.data?.data.id).toBe(ids.conversation);
  });

  test("work queue templates and their agents", async () => {
    const path = { params: { path: { id: ids.template } } };
    expect((await client.GET("/quality/work-queue-templates")).response.status).toBe(200);
    expect((await client.GET("/quality/work-queue-templates/{id}", path)).response.status).toBe(200);
    expect((await client.GET("/quality/work-queue-templates/{id}/agents", path)).response.status).toBe(200);
    const synced = await client.PUT("/quality/work-queue-templates/{id}/agents", {
      ...path,
      body: request("syncWorkQueueTemplateAgents", "twoAgents"),
    });
    expect(synced.data?.data.relationships?.agents?.data).toHaveLength(2);
    const added = await client.POST("/quality/work-queue-templates/{id}/agents", {
      ...path,
      body: request("addWorkQueueTemplateAgents", "oneAgent"),
    });
    expect(added.response.status).toBe(200);
    const removed = await client.DELETE("/quality/work-queue-templates/{id}/agents", {
      ...path,
      body: request("removeWorkQueueTemplateAgents", "oneAgent"),
    });
    expect(removed.response.status).toBe(200);
  });

  test("121s: topics, list (filtered), create, get, update, delete", async () => {
    expect((await client.GET("/performance/121-topics")).data?.data).toHaveLength(2);
    const list = await client.GET("/performance/121s", {
      params: {
        query: {
          "filter[scheduled_date;between]": may,
          "filter[participant]": ids.user,
          sort: "-scheduled_date",
          "page[number]": 1,
        },
      },
    });
    expect(list.data?.data[0]?.type).toBe("121s");
    expect(
      (await client.POST("/performance/121s", { body: request("createOneToOne", "scheduled") })).response
        .status,
    ).toBe(201);
    const path = { params: { path: { id: ids.oneToOne } } };
    expect((await client.GET("/performance/121s/{id}", path)).data?.data.id).toBe(ids.oneToOne);
    const updated = await client.PATCH("/performance/121s/{id}", {
      ...path,
      body: request("updateOneToOne", "reschedule"),
    });
    expect(updated.response.status).toBe(200);
    expect((await client.DELETE("/performance/121s/{id}", path)).response.status).toBe(204);
  });
});

describe("with a bearer token", () => {
  test("a stored token is used instead of Basic; refresh replaces and saves it; revoke ends it", async () => {
    const { client: bearer, saved } = bearerClient();
    expect((await bearer.GET("/org/users")).response.status).toBe(200);
    const refreshed = await bearer.tokens.refresh();
    expect(refreshed.token).toBe(
      examples.refreshBearerToken.responses["200"].refreshed.data.attributes.token,
    );
    expect(saved).toEqual([refreshed]);
    await bearer.tokens.revoke();
    await expect(bearer.GET("/org/users")).rejects.toMatchObject({ reason: "revoked" });
  });

  test("raw calls to the token endpoints get the credentials each requires", async () => {
    const { client: bearer } = bearerClient();
    expect((await bearer.POST("/auth/token/refresh")).response.status).toBe(200);
    expect((await bearer.DELETE("/auth/token")).response.status).toBe(204);
    // Basic for creating: refused before the network while a token exists.
    await expect(bearerClient().client.POST("/auth/token")).rejects.toMatchObject({ reason: "token-exists" });
  });
});

// Every constraint of the spec, breached one at a time, is checked against the client, the MSW handlers
// and this mock by the generated suite (test/constraints.test.ts). What stays here: what it cannot build.
describe("the mock refuses what the spec refuses, in the JSON:API error shape", () => {
  test("an upload without the audio_file part → 400 naming it; the client refuses it first", async () => {
    const error = await client
      .POST("/quality/imported-contacts/upload-audio", { body: new FormData() as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual(["body.audio_file"]);
    const response = await fetch(`${baseUrl}/quality/imported-contacts/upload-audio`, {
      method: "POST",
      body: new FormData(),
      headers: { authorization: `Basic ${btoa(`${accessKeyId}:${secretKey}`)}` },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("audio_file");
  });

  test("no credential → 401; Bearer on createBearerToken and Basic on refresh → 401", async () => {
    const none = await fetch(`${baseUrl}/org/users`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      errors: [{ status: "401", title: "Unauthorized", detail: expect.any(String) }],
    });
    const bearer = await fetch(`${baseUrl}/auth/token`, {
      method: "POST",
      headers: { authorization: "Bearer x" },
    });
    expect(bearer.status).toBe(401);
    const basic = await rawFetch("/auth/token/refresh", { method: "POST" });
    expect(basic.status).toBe(401);
    // The client never sends them: refresh without a token is refused before the network.
    await expect(client.POST("/auth/token/refresh")).rejects.toMatchObject({ reason: "no-token" });
  });

  test("nothing is served outside /v1", async () => {
    expect((await rawFetch("/org/users", {}, mockUrl)).status).toBe(404);
  });
});

// The vendor page's own requests: the getting-started curl (`-u id:secret`, i.e. Basic) and every query
// example of its parameter tables, exactly as the page writes them (its values percent-encoded, its keys
// with literal brackets). Each is replayed three ways: as written, fully URL-encoded (keys and values),
// and not encoded at all (raw brackets, `;`, `:`, `,`; fetch only turns the space into %20). The page
// shows no response bodies, so the answer is checked for the JSON:API document each operation returns.
const docRange = (from: string, to: string) => `${from}T00%3A00%3A00.000Z%2C%20${to}T00%3A00%3A00.000Z`;
const mayToAug = docRange("2023-05-01", "2023-08-01");
const mayRange = `filter[contact_date;between]=${docRange("2023-05-01", "2023-05-31")}`;
const person = "99abbc05-9535-4e20-84be-0d4e55bcd407";
const docRequests: { name: string; path: string; query?: string; type: string; list: boolean }[] = [
  { name: "getting started: list users", path: "/org/users", type: "users", list: true },
  {
    name: "users by email",
    path: "/org/users",
    query: "filter[email]=user%40company.com",
    type: "users",
    list: true,
  },
  {
    name: "users by username",
    path: "/org/users",
    query: "filter[username]=user%40company.com",
    type: "users",
    list: true,
  },
  {
    name: "groups with inactive ones",
    path: "/org/groups",
    query: "show_inactive=true",
    type: "groups",
    list: true,
  },
  {
    name: "evaluations published in a range",
    path: "/quality/evaluations",
    query: `filter[published_at;between]=${mayToAug}`,
    type: "evaluations",
    list: true,
  },
  {
    name: "evaluations, newest first",
    path: "/quality/evaluations",
    query: "sort=-published_at",
    type: "evaluations",
    list: true,
  },
  {
    name: "evaluations page 1",
    path: "/quality/evaluations",
    query: "page[number]=1",
    type: "evaluations",
    list: true,
  },
  {
    name: "evaluations with contacts",
    path: "/quality/evaluations",
    query: "include=contacts",
    type: "evaluations",
    list: true,
  },
  {
    name: "one evaluation with everything included",
    path: `/quality/evaluations/${ids.evaluation}`,
    query: "include=contact,evaluator,agent",
    type: "evaluations",
    list: false,
  },
  // `filter[contact_date;between]` is required, so the page's other examples for this operation are
  // sent together with it.
  {
    name: "conversations in a range",
    path: "/analytics/conversations",
    query: mayRange,
    type: "conversations",
    list: true,
  },
  {
    name: "conversations in a range about a topic",
    path: "/analytics/conversations",
    query: `${mayRange}&filter[insight_topics][]=13686037-e52e-470a-966c-843437e7d422`,
    type: "conversations",
    list: true,
  },
  {
    name: "conversations in a range, newest first, page 1",
    path: "/analytics/conversations",
    query: `${mayRange}&sort=-contact_date&page[number]=1`,
    type: "conversations",
    list: true,
  },
  {
    name: "121s created in a range",
    path: "/performance/121s",
    query: `filter[created_at;between]=${mayToAug}`,
    type: "121s",
    list: true,
  },
  {
    name: "121s scheduled in a range",
    path: "/performance/121s",
    query: `filter[scheduled_date;between]=${mayToAug}`,
    type: "121s",
    list: true,
  },
  {
    name: "121s completed in a range",
    path: "/performance/121s",
    query: `filter[completed_at;between]=${mayToAug}`,
    type: "121s",
    list: true,
  },
  {
    name: "121s of a participant",
    path: "/performance/121s",
    query: `filter[participant]=${person}`,
    type: "121s",
    list: true,
  },
  {
    name: "121s of a facilitator",
    path: "/performance/121s",
    query: `filter[facilitator]=${person}`,
    type: "121s",
    list: true,
  },
  {
    name: "121s, latest scheduled first",
    path: "/performance/121s",
    query: "sort=-scheduled_date",
    type: "121s",
    list: true,
  },
  { name: "121s page 1", path: "/performance/121s", query: "page[number]=1", type: "121s", list: true },
  {
    name: "121s sorted by a field the prose lists",
    path: "/performance/121s",
    query: "sort=-created_at",
    type: "121s",
    list: true,
  },
  { name: "one 121", path: `/performance/121s/${person}`, type: "121s", list: false },
];
const pairs = (query = "") =>
  query ? query.split("&").map((pair) => pair.split("=").map(decodeURIComponent) as [string, string]) : [];
const encodings = {
  "as written": (query?: string) => query ?? "",
  "fully URL-encoded": (query?: string) =>
    pairs(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join("&"),
  "not encoded": (query?: string) =>
    pairs(query)
      .map(([k, v]) => `${k}=${v}`)
      .join("&"),
};
const basicAuth = `Basic ${btoa(`${accessKeyId}:${secretKey}`)}`;

describe("the vendor page's requests, replayed exactly", () => {
  const cases = docRequests.flatMap((c) =>
    Object.entries(encodings)
      .filter(([form]) => c.query || form === "as written")
      .map(([form, encode]) => ({ ...c, form, url: c.query ? `${c.path}?${encode(c.query)}` : c.path })),
  );

  test.each(cases)("$name ($form) → 200 with a JSON:API document of $type", async ({ url, type, list }) => {
    const response = await fetch(baseUrl + url, { headers: { Authorization: basicAuth } });
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: unknown };
    const resources = (list ? data : [data]) as { type: string; id: string; attributes: object }[];
    expect(Array.isArray(resources) && resources.length).toBeTruthy();
    for (const resource of resources)
      expect(resource).toMatchObject({ type, id: expect.any(String), attributes: expect.any(Object) });
  });

  test("the typed client (validation on) sends each of them, with its own serialisation, and gets 200", async () => {
    const range = (from: string, to: string) => `${from}T00:00:00.000Z, ${to}T00:00:00.000Z`;
    const may = range("2023-05-01", "2023-05-31");
    const calls = [
      client.GET("/org/users"),
      client.GET("/org/users", { params: { query: { "filter[email]": "user@company.com" } } }),
      client.GET("/org/users", { params: { query: { "filter[username]": "user@company.com" } } }),
      client.GET("/org/groups", { params: { query: { show_inactive: true } } }),
      client.GET("/quality/evaluations", {
        params: {
          query: {
            "filter[published_at;between]": range("2023-05-01", "2023-08-01"),
            sort: "-published_at",
            "page[number]": 1,
            include: "contacts",
          },
        },
      }),
      client.GET("/quality/evaluations/{id}", {
        params: { path: { id: ids.evaluation }, query: { include: ["contact", "evaluator", "agent"] } },
      }),
      client.GET("/analytics/conversations", {
        params: {
          query: {
            "filter[contact_date;between]": may,
            "filter[insight_topics][]": ["13686037-e52e-470a-966c-843437e7d422"],
            sort: "-contact_date",
            "page[number]": 1,
          },
        },
      }),
      client.GET("/performance/121s", {
        params: {
          query: {
            "filter[created_at;between]": range("2023-05-01", "2023-08-01"),
            "filter[scheduled_date;between]": range("2023-05-01", "2023-08-01"),
            "filter[completed_at;between]": range("2023-05-01", "2023-08-01"),
            "filter[participant]": person,
            "filter[facilitator]": person,
            sort: "-scheduled_date",
            "page[number]": 1,
          },
        },
      }),
      client.GET("/performance/121s", { params: { query: { sort: "-created_at" } } }),
      client.GET("/performance/121s/{id}", { params: { path: { id: person } } }),
    ];
    for (const { response, error } of await Promise.all(calls)) {
      expect(error).toBeUndefined();
      expect(response.status).toBe(200);
    }
  });
});

describe("requests third-party EvaluAgent clients send", () => {
  // EvaluAgent/ea-api-change-teams (axios, `auth: {username, password}`): list groups, find a user by a
  // raw (unencoded) username, move the user to a team with a relationships-only update.
  test("ea-api-change-teams: groups, user by username, move to a team", async () => {
    expect((await rawFetch("/org/groups")).status).toBe(200);
    const found = await rawFetch("/org/users?filter[username]=jamie.carter@company.com");
    expect(found.status).toBe(200);
    const moved = await rawFetch(`/org/users/${ids.user}`, {
      method: "PATCH",
      body: JSON.stringify({
        data: {
          type: "users",
          id: ids.user,
          relationships: { "agent-team": { data: { id: ids.group, type: "groups" } } },
        },
      }),
    });
    expect(moved.status).toBe(200);
  });

  // DangerMounce/conversation_stream: evaluations of the last hours through URLSearchParams (keys and
  // values encoded; date-fns formatISO gives second precision and a zone offset), reading the outcome via
  // included contacts; DangerMounce/ea_con_gen: roles and users, then imported calls and chats built
  // from templates (agent by id and email, `responses_stored_externally` as the string "true").
  test("conversation_stream: evaluations with contacts since a local-time start", async () => {
    const params = new URLSearchParams();
    params.append("filter[published_at;between]", "2023-05-01T09:00:00+01:00,2023-05-03T09:00:00+01:00");
    params.append("sort", "-published_at");
    params.append("include", "contacts");
    const response = await rawFetch(`/quality/evaluations?${params}`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      data: { id: string; attributes: { outcome: string } }[];
      included: {
        type: string;
        attributes: { contact_reference: string };
        relationships: { evaluation: { data: { id: string } } };
      }[];
    };
    const contact = document.included.find((item) => item.type === "contacts");
    const evaluation = document.data.find((e) => e.id === contact?.relationships.evaluation.data.id);
    expect(evaluation?.attributes.outcome).toEqual(expect.any(String));
  });

  test("ea_con_gen: roles, users, an uploaded call and a chat imported from templates", async () => {
    expect((await rawFetch("/org/roles")).status).toBe(200);
    expect((await rawFetch("/org/users")).status).toBe(200);
    const form = new FormData();
    form.append(
      "audio_file",
      new Blob([new Uint8Array([0xff, 0xfb, 0x90])], { type: "audio/mpeg" }),
      "call.mp3",
    );
    const upload = await fetch(`${baseUrl}/quality/imported-contacts/upload-audio`, {
      method: "POST",
      headers: { Authorization: basicAuth },
      body: form,
    });
    expect(upload.status).toBeLessThan(300);
    const { path } = (await upload.json()) as { path: string };
    const common = {
      agent_id: ids.user,
      agent_email: "jamie.carter@company.com",
      contact_date: "2024-05-02T14:31:07Z",
      assigned_at: "2024-05-02T14:31:07Z",
      solved_at: "2024-05-02T14:31:07Z",
      external_url: "https://www.evaluagent.com",
      responses_stored_externally: "true",
    };
    const call = {
      data: {
        ...common,
        reference: "rd10_0_20240502T143107123Z42",
        channel: "Telephony",
        handling_time: 154,
        customer_telephone_number: "01753 877212",
        audio_file_path: path,
        metadata: { Filename: "call", Contact: "Call" },
      },
    };
    const chat = {
      data: {
        ...common,
        reference: "rd10_0_20240502T143107123Z43",
        channel: "Chat",
        responses: [
          { speaker_is_customer: true, message: "Hello?", message_created_at: "2024-05-02T14:31:07Z" },
          {
            speaker_is_customer: false,
            speaker_email: "jamie.carter@company.com",
            message: "Hi, how can I help?",
            message_created_at: "2024-05-02T14:32:07Z",
          },
        ],
        metadata: { Filename: "ticket", Status: "Solved", AgentResponses: 1, Contact: "Ticket" },
      },
    };
    for (const body of [call, chat]) {
      const response = await rawFetch("/quality/imported-contacts", {
        method: "POST",
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ message: expect.any(String) });
    }
  });

  // happyarmadillo/wildix-evaluagent-webhook: upload (form-data with a file name), then the contact with
  // the agent by email only and a millisecond ISO date from Date.toISOString().
  test("wildix-evaluagent-webhook: upload then import with the agent's email", async () => {
    const form = new FormData();
    form.append("audio_file", new Blob([new Uint8Array([1, 2, 3])]), "recording-8812.wav");
    const upload = await fetch(`${baseUrl}/quality/imported-contacts/upload-audio`, {
      method: "POST",
      headers: { Authorization: basicAuth },
      body: form,
    });
    const { path } = (await upload.json()) as { path: string };
    const response = await rawFetch("/quality/imported-contacts", {
      method: "POST",
      body: JSON.stringify({
        data: {
          reference: "1714660267.8812",
          agent_email: "jamie.carter@company.com",
          contact_date: "2024-05-02T14:31:07.000Z",
          channel: "Telephony",
          audio_file_path: path,
        },
      }),
    });
    expect(response.status).toBe(201);
  });
});

function rawFetch(path: string, init: RequestInit = {}, base = baseUrl) {
  return fetch(base + path, {
    ...init,
    headers: {
      authorization: `Basic ${btoa(`${accessKeyId}:${secretKey}`)}`,
      "content-type": "application/json",
    },
  });
}
