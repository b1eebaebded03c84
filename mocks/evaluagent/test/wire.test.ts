// Wire tests over the MSW handlers (which intercept the vendor's hosts): region selection, the bearer
// token lifecycle against the stateful mock account, the two-step call import (multipart upload, then
// the contact) end to end, JSON:API pagination and included records, documented examples round-tripping
// through the client, and per-test overrides.
import {
  createEvaluagentClient,
  EVALUAGENT_REGIONS,
  type EvaluagentClientOptions,
  ImportContactError,
  paginateList,
  resolveIncluded,
  type StoredToken,
  type TokenStore,
  uploadAudioAndImportContact,
  ValidationError,
} from "@cxkit/client-evaluagent";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { coverageRecorder } from "../../../tools/testing/coverage.ts";
import {
  createEvaluagentHandlers,
  createEvaluagentMockAccount,
  type EvaluagentMockAccount,
  evaluagentHttp,
  examples,
} from "../src/index.ts";

const accessKeyId = "ea-wire-key-id";
const secretKey = "ea-wire-secret-9f8e7d6c5b";
let account: EvaluagentMockAccount;
const server = setupServer();
const seen: Request[] = [];
server.events.on("request:start", ({ request }) => {
  seen.push(request.clone());
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  account = createEvaluagentMockAccount();
  seen.length = 0;
  server.resetHandlers(...createEvaluagentHandlers(undefined, account));
});
afterAll(() => server.close());

/** A token store kept in memory, as a file or a secrets manager would keep it across restarts. */
interface MemoryStore extends TokenStore {
  value: StoredToken | undefined;
  saves: number;
  cleared: boolean;
}
function memoryStore(initial?: StoredToken): MemoryStore {
  const store: MemoryStore = {
    value: initial,
    saves: 0,
    cleared: false,
    load: async () => store.value,
    save: async (token) => {
      store.value = token;
      store.saves += 1;
    },
    clear: async () => {
      store.value = undefined;
      store.cleared = true;
    },
  };
  return store;
}
const make = (options: Partial<EvaluagentClientOptions> = {}) =>
  createEvaluagentClient({ accessKeyId, secretKey, maxRetries: 0, ...options });
const authorizations = () =>
  seen.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.headers.get("authorization")}`);

describe("regions", () => {
  test.each(Object.entries(EVALUAGENT_REGIONS))("region %s sends every call to %s", async (region, url) => {
    const regional = createEvaluagentMockAccount();
    server.use(...createEvaluagentHandlers(url, regional));
    const client = make({ region: region as "eu", auth: "bearer" });
    expect((await client.GET("/org/levels")).response.status).toBe(200);
    expect(seen.map((r) => r.url)).toEqual([`${url}/auth/token`, `${url}/org/levels`]);
    // The token was created on that cluster's account only.
    expect(regional.issued).toBe(1);
    if (region !== "eu") expect(account.issued).toBe(0);
  });

  test("baseUrl overrides the region; an unknown region is refused", async () => {
    expect(() => make({ region: "asia" as never })).toThrow(/region must be one of eu, us-east, aus/);
    server.use(...createEvaluagentHandlers("https://mock.test/v1", account));
    await make({ region: "aus", baseUrl: "https://mock.test/v1" }).GET("/ping");
    expect(seen[0]?.url).toBe("https://mock.test/v1/ping");
  });
});

describe("bearer token lifecycle", () => {
  test("the auth scheme name is case-insensitive: `basic` creates a token; `bearer` on creation is 401, as Prism answers", async () => {
    const url = `${EVALUAGENT_REGIONS.eu}/auth/token`;
    // The spec's createBearerToken takes basicAuth only; the API documents 403, Prism (and the guard) 401.
    const bearer = await fetch(url, { method: "POST", headers: { authorization: "bearer some-token" } });
    expect(bearer.status).toBe(401);
    const basic = await fetch(url, {
      method: "POST",
      headers: { authorization: `basic ${btoa(`${accessKeyId}:${secretKey}`)}` },
    });
    expect(basic.status).toBe(201);
    expect(account.issued).toBe(1);
  });

  test("create → use → 401 → refresh → replay, the new token saved", async () => {
    const store = memoryStore();
    const client = make({ auth: "bearer", tokenStore: store });
    expect((await client.GET("/org/users")).response.status).toBe(200);
    const first = store.value!.token;
    expect(account.basicDisabled).toBe(true);
    server.use(
      evaluagentHttp().get(
        "/org/users",
        () => Response.json(examples.ping.responses["401"].unauthorized, { status: 401 }) as never,
        {
          once: true,
        },
      ),
    );
    const { data, response } = await client.GET("/org/users");
    expect(response.status).toBe(200);
    expect(data).toEqual(examples.listUsers.responses["200"].users);
    const second = store.value!.token;
    expect(second).not.toBe(first);
    expect(account.token).toBe(second);
    expect(authorizations()).toEqual([
      `POST /v1/auth/token Basic ${btoa(`${accessKeyId}:${secretKey}`)}`,
      `GET /v1/org/users Bearer ${first}`,
      `GET /v1/org/users Bearer ${first}`,
      `POST /v1/auth/token/refresh Bearer ${first}`,
      `GET /v1/org/users Bearer ${second}`,
    ]);
    expect(store.saves).toBe(2);
  });

  test("concurrent first calls create one token (single flight)", async () => {
    const client = make({ auth: "bearer" });
    const results = await Promise.all([
      client.GET("/org/roles"),
      client.GET("/org/levels"),
      client.GET("/ping"),
    ]);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(account.issued).toBe(1);
  });

  test("a restarted process reuses the stored token instead of creating one", async () => {
    const store = memoryStore();
    await make({ auth: "bearer", tokenStore: store }).GET("/ping");
    const restarted = make({ auth: "bearer", tokenStore: store });
    const { data } = await restarted.GET("/ping");
    expect(data?.data.attributes.method).toBe("bearer");
    expect(account.issued).toBe(1);
    // Even a client in the default Basic mode uses the stored token: Basic is disabled for the key.
    expect((await make({ tokenStore: store }).GET("/org/levels")).response.status).toBe(200);
    expect(seen.at(-1)?.headers.get("authorization")).toBe(`Bearer ${store.value!.token}`);
  });

  test("Basic refused after a token exists: a clear error naming the cause, never the secret", async () => {
    const store = memoryStore();
    await make({ auth: "bearer", tokenStore: store }).GET("/ping");
    const lost = make({ auth: "bearer", tokenStore: memoryStore() });
    const error = await lost.GET("/org/users").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "EvaluagentAuthError", reason: "basic-refused", status: 401 });
    expect(String(error)).toMatch(/Once a bearer token has been created.*tokenStore/);
    const dump = `${String(error)} ${JSON.stringify(error)}`;
    expect(dump).not.toContain(secretKey);
    expect(dump).not.toContain(btoa(`${accessKeyId}:${secretKey}`));
    expect(dump).not.toContain(store.value!.token);
    // A Basic-mode client without the token gets the API's 401 back.
    expect((await make().GET("/org/users")).response.status).toBe(401);
  });

  test("a Basic client whose key gets a token elsewhere picks it up from the store after the 401", async () => {
    const store = memoryStore();
    const client = make({ tokenStore: store });
    expect((await client.GET("/org/levels")).response.status).toBe(200); // Basic: no token yet
    await make({ auth: "bearer", tokenStore: store }).GET("/ping"); // another process creates one
    expect((await client.GET("/org/levels")).response.status).toBe(200);
    expect(authorizations().slice(-2)).toEqual([
      `GET /v1/org/levels Basic ${btoa(`${accessKeyId}:${secretKey}`)}`,
      `GET /v1/org/levels Bearer ${store.value!.token}`,
    ]);
  });

  test("a token about to expire is refreshed before it is used", async () => {
    const store = memoryStore();
    await make({ auth: "bearer", tokenStore: store }).GET("/ping");
    store.value = { ...store.value!, expiresAt: new Date(Date.now() + 5 * 60_000).toISOString() };
    const client = make({ tokenStore: store });
    expect((await client.GET("/org/levels")).response.status).toBe(200);
    expect(account.issued).toBe(2);
    expect(seen.map((r) => new URL(r.url).pathname).slice(-2)).toEqual([
      "/v1/auth/token/refresh",
      "/v1/org/levels",
    ]);
    expect(Date.parse(store.value!.expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
  });

  test("a token refreshed by another process is picked up from the store after the 401", async () => {
    const store = memoryStore();
    const client = make({ auth: "bearer", tokenStore: store });
    await client.GET("/ping");
    store.value = { token: account.rotate(), expiresAt: new Date(Date.now() + 86_400_000).toISOString() };
    expect((await client.GET("/org/levels")).response.status).toBe(200);
    expect(account.issued).toBe(2); // no refresh of our own
    expect(seen.at(-1)?.headers.get("authorization")).toBe(`Bearer ${store.value.token}`);
  });

  test("a token refused and not refreshable, with Basic disabled, fails clearly", async () => {
    const client = make({ auth: "bearer" });
    await client.GET("/ping");
    account.token = undefined; // e.g. revoked elsewhere
    account.revoked = false;
    await expect(client.GET("/org/levels")).rejects.toMatchObject({ reason: "token-refused" });
  });

  test("revoke: the store is cleared and the client refuses further calls before the network", async () => {
    const store = memoryStore();
    const client = make({ auth: "bearer", tokenStore: store });
    await client.GET("/ping");
    await client.tokens.revoke();
    expect(account.revoked).toBe(true);
    expect(store.cleared).toBe(true);
    const before = seen.length;
    await expect(client.GET("/ping")).rejects.toMatchObject({ reason: "revoked" });
    expect(seen).toHaveLength(before);
  });
});

describe("uploadAudioAndImportContact", () => {
  const recorder = coverageRecorder("evaluagent");
  afterAll(() => recorder.save());
  const contact = {
    reference: "CALL-2024-000731",
    agent_email: "jamie.carter@company.com",
    contact_date: "2024-05-02T14:31:07Z",
    channel: "Telephony",
    handling_time: 312,
  };
  const mp3 = () =>
    new File([new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0])], "call 731.mp3", { type: "audio/mpeg" });

  test("uploads the recording as multipart audio_file, then imports the contact with the returned path", async () => {
    const client = make();
    client.use(recorder);
    const result = await uploadAudioAndImportContact(client, mp3(), contact);
    expect([...account.uploads]).toEqual([result.path]);
    expect(result.created).toEqual(examples.createImportedContact.responses["201"].created);
    const [upload, create] = seen;
    expect(upload?.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const part = (await upload!.formData()).get("audio_file") as File;
    expect([part.name, part.size]).toEqual(["call 731.mp3", 8]);
    expect(await create!.json()).toEqual({ data: { ...contact, audio_file_path: result.path } });
  });

  test("an invalid contact costs no upload", async () => {
    const error = await uploadAudioAndImportContact(make(), mp3(), {
      ...contact,
      contact_date: "yesterday",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toContain("contact.contact_date must be a date-time");
    expect(seen).toHaveLength(0);
  });

  test("an import refused after the upload reports the stored path to retry with", async () => {
    server.use(
      evaluagentHttp().post(
        "/quality/imported-contacts",
        () => Response.json({ errors: [{ status: "500", title: "Server error" }] }, { status: 500 }) as never,
      ),
    );
    const error = await uploadAudioAndImportContact(make(), mp3(), contact).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportContactError);
    expect((error as ImportContactError).path).toBe([...account.uploads][0]);
  });

  test("a raw upload that is not multipart is refused before the network", async () => {
    const error = await make()
      .POST("/quality/imported-contacts/upload-audio", { body: { audio_file: "ID3" } })
      .catch((e: unknown) => e);
    expect(String(error)).toContain("multipart/form-data");
    expect(seen).toHaveLength(0);
  });
});

describe("JSON:API", () => {
  test("paginateList follows links.next page by page and keeps the query", async () => {
    const doc = examples.listEvaluations.responses["200"].withContacts;
    server.use(
      evaluagentHttp().get("/quality/evaluations", ({ query, response }) => {
        const page = Number(query.get("page[number]") ?? 1);
        const next = page < 3 ? `${doc.links.first.replace("=1", `=${page + 1}`)}&sort=-score` : null;
        return response(200).json({
          ...doc,
          data: doc.data.map((e) => ({ ...e, id: `${e.id}-p${page}` })),
          links: { ...doc.links, next },
        } as never);
      }),
    );
    const ids: string[] = [];
    for await (const evaluation of paginateList(make(), "/quality/evaluations", { sort: "-score" }))
      ids.push(evaluation.id);
    expect(ids.map((id) => id.slice(-3))).toEqual(["-p1", "-p2", "-p3"]);
    expect(seen.map((r) => decodeURIComponent(new URL(r.url).search))).toEqual([
      "?sort=-score",
      "?sort=-score&page[number]=2",
      "?sort=-score&page[number]=3",
    ]);
  });

  test("paginateList stops with a pagination error at maxPages", async () => {
    const doc = examples.listEvaluations.responses["200"].withContacts;
    server.use(
      evaluagentHttp().get("/quality/evaluations", ({ query, response }) =>
        response(200).json({
          ...doc,
          links: {
            ...doc.links,
            next: `/v1/quality/evaluations?page%5Bnumber%5D=${Number(query.get("page[number]") ?? 1) + 1}`,
          },
        } as never),
      ),
    );
    const pages = paginateList(make(), "/quality/evaluations", {}, { maxPages: 2 }).pages();
    await expect(async () => {
      for await (const _ of pages);
    }).rejects.toMatchObject({ kind: "pagination" });
  });

  test("resolveIncluded joins each evaluation's relationships to the included records, by type", async () => {
    const { data } = await make().GET("/quality/evaluations/{id}", {
      params: {
        path: { id: "8f4a2c6e-3b1d-4e7f-9a05-c2d8e6b4f173" },
        query: { include: ["contact", "evaluator", "agent"] },
      },
    });
    expect(new URL(seen[0]!.url).search).toBe("?include=contact,evaluator,agent");
    const evaluation = resolveIncluded(data!);
    expect(evaluation.related.contact?.attributes.contact_reference).toBe(
      "b2f0e605-9a55-4894-a0c7-e90d5f461bc9",
    );
    expect(evaluation.related.evaluator?.attributes.fullname).toBe("Priya Shah");
    expect(evaluation.related.agent?.attributes.fullname).toBe("Jamie Carter");

    const list = await make().GET("/quality/evaluations", { params: { query: { include: "contacts" } } });
    const [first] = resolveIncluded(list.data!);
    expect(first?.related.contacts.map((c) => c.attributes.channel)).toEqual(["Telephony"]);
    expect(first?.related.agent).toBeUndefined(); // agents are not included by the list
  });
});

test("documented examples round-trip through the client", async () => {
  const client = make();
  expect((await client.GET("/org/groups")).data).toEqual(examples.listGroups.responses["200"].hierarchy);
  const created = await client.POST("/performance/121s", {
    body: examples.createOneToOne.requests.scheduled as never,
  });
  expect(created.data).toEqual(examples.createOneToOne.responses["201"].created);
  const one = await client.GET("/analytics/conversations/{id}", {
    params: { path: { id: "d2a6f8c4-1e9b-4d37-a5c0-7b3e9f1d6a82" } },
  });
  expect(one.data).toEqual(examples.getConversationAnalytics.responses["200"].conversation);
});

describe("the handlers judge every request by the spec, as Prism does", () => {
  const basic = { authorization: `Basic ${btoa(`${accessKeyId}:${secretKey}`)}` };
  const errorDocument = (status: number, title: string) => ({
    errors: [{ status: String(status), title, detail: expect.any(String) }],
  });

  test("no credential, or a scheme the operation does not take → 401 in the JSON:API error shape", async () => {
    const none = await fetch(`${EVALUAGENT_REGIONS.eu}/org/users`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual(errorDocument(401, "Unauthorized"));
    // Refreshing takes the bearer token only.
    const refresh = await fetch(`${EVALUAGENT_REGIONS.eu}/auth/token/refresh`, {
      method: "POST",
      headers: basic,
    });
    expect(refresh.status).toBe(401);
  });

  test("a request breaking the spec → 400 naming every field, in the JSON:API error shape", async () => {
    const response = await fetch(
      `${EVALUAGENT_REGIONS.eu}/quality/evaluations?sort=colour&page%5Bnumber%5D=0`,
      { headers: basic },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { detail: string }[] };
    expect(body).toEqual(errorDocument(400, "Bad Request"));
    expect(body.errors[0]!.detail).toMatch(
      /^query\.sort must be one of: .*; query\.page\[number\] must be at least 1/,
    );
  });

  test("the rules of rules.ts too: an update naming another resource → 400", async () => {
    const response = await fetch(`${EVALUAGENT_REGIONS.eu}/org/groups/another-group`, {
      method: "PATCH",
      headers: { ...basic, "content-type": "application/json" },
      body: JSON.stringify(examples.updateGroup.requests.rename),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("body.data.id must be the id in the path");
  });

  test("an empty path id is the templated operation's, refused as Prism refuses it", async () => {
    const response = await fetch(`${EVALUAGENT_REGIONS.eu}/org/users/`, { headers: basic });
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("path.id must not be empty");
  });

  test("a JSON body for the multipart upload → 415", async () => {
    const response = await fetch(`${EVALUAGENT_REGIONS.eu}/quality/imported-contacts/upload-audio`, {
      method: "POST",
      headers: { ...basic, "content-type": "application/json" },
      body: JSON.stringify({ audio_file: "ID3" }),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual(errorDocument(415, "Unsupported Media Type"));
  });

  test("state past the guard: an audio_file_path that was never uploaded → 400 naming it", async () => {
    const call = examples.createImportedContact.requests.call as { data: object };
    const { error, response } = await make().POST("/quality/imported-contacts", { body: call as never });
    expect(response.status).toBe(400);
    expect(JSON.stringify(error)).toContain("body.data.audio_file_path names no uploaded recording");
  });
});
