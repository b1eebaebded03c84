import { readFileSync } from "node:fs";
import { CxkitError } from "@cxkit/client-core";
import {
  createEvaluagentClient,
  createEvaluagentRateLimiter,
  DATE_TIME,
  DATE_TIME_RANGE,
  dateTimeRange,
  EVALUAGENT_DAILY_LIMIT,
  EVALUAGENT_PRESET,
  EVALUAGENT_REGIONS,
  EVALUAGENT_RULES,
  EVALUAGENT_SPEC,
  EVALUATION_INCLUDES,
  EVALUATION_SORTS,
  type ImportedContact,
  ONE_TO_ONE_SORTS,
  resolveIncluded,
  ValidationError,
  validateImportedContact,
} from "@cxkit/client-evaluagent";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const accessKeyId = "ea-unit-key-id";
const secretKey = "ea-unit-secret-5f1c9a";
const basic = `Basic ${btoa(`${accessKeyId}:${secretKey}`)}`;
const spec = parse(readFileSync(new URL("../../../specs/evaluagent/openapi.yaml", import.meta.url), "utf8"));
const schemas = spec.components.schemas;

/** An injected fetch that records requests and answers with `answer`. */
function fakeFetch(answer: (request: Request, n: number) => Response = () => Response.json({ data: [] })) {
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return answer(input, requests.length);
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}
const token = (value: string, status = 201) =>
  Response.json(
    {
      data: {
        type: "tokens",
        attributes: { token: value, token_type: "Bearer", expires_at: "2099-01-01T00:00:00Z" },
      },
    },
    { status },
  );

describe("createEvaluagentClient", () => {
  test("sends Basic credentials to the base URL", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createEvaluagentClient({
      accessKeyId,
      secretKey,
      baseUrl: "http://127.0.0.1:9/v1",
      fetch,
    });
    await client.GET("/org/users");
    expect(requests[0]?.url).toBe("http://127.0.0.1:9/v1/org/users");
    expect(requests[0]?.headers.get("authorization")).toBe(basic);
  });

  test.each(Object.entries(EVALUAGENT_REGIONS))(
    "region %s is served from %s; eu is the default",
    async (region, url) => {
      const { fetch, requests } = fakeFetch();
      await createEvaluagentClient({ accessKeyId, secretKey, region: region as "eu", fetch }).GET("/ping");
      await createEvaluagentClient({ accessKeyId, secretKey, fetch }).GET("/ping");
      expect(requests.map((r) => r.url)).toEqual([`${url}/ping`, "https://api.evaluagent.com/v1/ping"]);
    },
  );

  test("requires the key's id and secret, a known region and auth mode", () => {
    expect(() => createEvaluagentClient({ accessKeyId, secretKey: "" })).toThrow(/accessKeyId and secretKey/);
    expect(() => createEvaluagentClient({ accessKeyId, secretKey, region: "eu-west" as never })).toThrow(
      /region/,
    );
    expect(() => createEvaluagentClient({ accessKeyId, secretKey, auth: "oauth" as never })).toThrow(/auth/);
  });

  test("the regions are the spec's servers", () => {
    expect(Object.values(EVALUAGENT_REGIONS)).toEqual(spec.servers.map((s: { url: string }) => s.url));
  });

  test("bearer mode creates a token with Basic, then uses it; refresh and revoke send the token", async () => {
    const { fetch, requests } = fakeFetch((r) =>
      r.url.endsWith("/auth/token") && r.method === "POST"
        ? token("t-1")
        : r.url.endsWith("/refresh")
          ? token("t-2", 200)
          : r.method === "DELETE"
            ? new Response(null, { status: 204 })
            : Response.json({ data: [] }),
    );
    const client = createEvaluagentClient({ accessKeyId, secretKey, auth: "bearer", fetch });
    await client.GET("/org/roles");
    expect((await client.tokens.refresh()).token).toBe("t-2");
    await client.GET("/org/roles");
    await client.tokens.revoke();
    expect(
      requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.headers.get("authorization")}`),
    ).toEqual([
      `POST /v1/auth/token ${basic}`,
      "GET /v1/org/roles Bearer t-1",
      "POST /v1/auth/token/refresh Bearer t-1",
      "GET /v1/org/roles Bearer t-2",
      "DELETE /v1/auth/token Bearer t-2",
    ]);
  });

  test("an expiry already due when the token is issued (clock skew) counts 24 hours from receipt", async () => {
    const { fetch, requests } = fakeFetch((r) =>
      r.url.endsWith("/auth/token")
        ? Response.json(
            { data: { type: "tokens", attributes: { token: "t-1", expires_at: "2024-08-06T09:30:00Z" } } },
            { status: 201 },
          )
        : Response.json({ data: [] }),
    );
    const client = createEvaluagentClient({ accessKeyId, secretKey, auth: "bearer", fetch });
    await client.GET("/org/roles");
    await client.GET("/org/roles");
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/v1/auth/token",
      "/v1/org/roles",
      "/v1/org/roles",
    ]);
    expect(Date.parse((await client.tokens.current()).expiresAt) - Date.now()).toBeGreaterThan(
      23 * 3_600_000,
    );
  });

  test("a 401 on Basic while creating a token is a clear error without the credentials", async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        { errors: [{ status: "401", title: "Unauthorized", detail: `echo ${basic}` }] },
        { status: 401 },
      ),
    );
    const client = createEvaluagentClient({ accessKeyId, secretKey, auth: "bearer", fetch });
    const error = await client.GET("/ping").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "EvaluagentAuthError", reason: "basic-refused" });
    const dump = `${String(error)} ${JSON.stringify(error)}`;
    expect(dump).not.toContain(secretKey);
    expect(dump).not.toContain(basic.slice(6));
  });

  test("an API error echoing the credentials carries none of them", async () => {
    const { fetch } = fakeFetch(() =>
      Response.json({ errors: [{ status: "400", title: basic }] }, { status: 400 }),
    );
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch, throwOnError: true });
    const error = await client.GET("/org/levels").catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain(basic.slice(6));
  });

  test("a call breaking the spec throws client-core's ValidationError before the network, without credentials", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch });
    const error = await client
      .GET("/quality/evaluations", { params: { query: { sort: "colour" as never, "page[number]": 0 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(CxkitError);
    expect(error).toMatchObject({ kind: "validation", method: "GET", path: "/quality/evaluations" });
    expect((error as ValidationError).issues.map((i) => i.field)).toEqual([
      "query.sort",
      "query.page[number]",
    ]);
    expect((error as Error).message).toMatch(
      /^GET \/quality\/evaluations: invalid request: query\.sort must be one of: /,
    );
    expect(JSON.stringify(error) + String(error)).not.toContain(secretKey);
    expect(requests).toHaveLength(0);
  });

  test("validate: false, on the client or on one call, sends an invalid request to the network", async () => {
    const invalid = { params: { query: { sort: "colour" as never, "page[number]": 0 } } };
    const off = fakeFetch();
    await createEvaluagentClient({ accessKeyId, secretKey, fetch: off.fetch, validate: false }).GET(
      "/quality/evaluations",
      invalid,
    );
    expect(off.requests.map((r) => decodeURIComponent(new URL(r.url).search))).toEqual([
      "?sort=colour&page[number]=0",
    ]);
    const on = fakeFetch();
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch: on.fetch });
    await client.GET("/quality/evaluations", { ...invalid, validate: false } as typeof invalid);
    // The rules of rules.ts are skipped too: here, a JSON body for the multipart upload.
    await client.POST("/quality/imported-contacts/upload-audio", {
      body: { audio_file: "ID3" },
      validate: false,
    } as never);
    expect(on.requests).toHaveLength(2);
    expect([...on.requests[0]!.headers.keys()]).not.toContain("validate");
    await expect(client.GET("/quality/evaluations", invalid)).rejects.toBeInstanceOf(ValidationError);
  });

  test("getEvaluation's include is sent comma-separated", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch });
    await client.GET("/quality/evaluations/{id}", {
      params: { path: { id: "e1" }, query: { include: ["contact", "agent"] } },
    });
    expect(new URL(requests[0]!.url).search).toBe("?include=contact,agent");
  });
});

describe("validation agrees with the spec", () => {
  test("every request example of the spec reaches the network", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch, rateLimit: false });
    let sent = 0;
    for (const [path, item] of Object.entries<
      Record<
        string,
        {
          requestBody?: {
            content: Record<string, { examples?: Record<string, { value: { data: { id?: string } } }> }>;
          };
        }
      >
    >(spec.paths))
      for (const [method, op] of Object.entries(item))
        for (const { value } of Object.values(op.requestBody?.content["application/json"]?.examples ?? {})) {
          const id = (!Array.isArray(value.data) && value.data.id) || "e9b3d7f1-6a2c-4e85-b4d0-1c7f5a9e3b28";
          await client.request(
            method as "post",
            path as never,
            { params: { path: { id } }, body: value } as never,
          );
          expect(requests, `${method} ${path}`).toHaveLength(++sent);
        }
    expect(sent).toBeGreaterThan(10);
  });

  test("the exported constants are the spec's", () => {
    expect([...EVALUATION_SORTS]).toEqual(schemas.EvaluationSort.enum);
    expect([...ONE_TO_ONE_SORTS]).toEqual(schemas.OneToOneSort.enum);
    const include = spec.paths["/quality/evaluations/{id}"].get.parameters.find(
      (p: { name: string }) => p.name === "include",
    );
    expect([...EVALUATION_INCLUDES]).toEqual(include.schema.items.enum);
    expect(DATE_TIME_RANGE.source).toBe(new RegExp(schemas.DateTimeRange.pattern, "u").source);
    for (const value of [
      "2023-05-01T00:00:00.000Z, 2023-08-01T00:00:00+01:00",
      dateTimeRange(new Date(0), new Date(1)),
    ])
      expect(DATE_TIME_RANGE.test(value)).toBe(true);
    expect(DATE_TIME.test("2024-05-02T14:31:07.250+0200")).toBe(true);
    expect(DATE_TIME.test("2024-05-02")).toBe(false);
  });

  test("the hand-written ImportedContact type names the spec's fields", () => {
    const fields: { [K in keyof Required<ImportedContact>]: true } = {
      reference: true,
      agent_id: true,
      agent_email: true,
      contact_date: true,
      channel: true,
      assigned_at: true,
      solved_at: true,
      external_url: true,
      handling_time: true,
      customer_telephone_number: true,
      audio_file_path: true,
      responses_stored_externally: true,
      responses: true,
      metadata: true,
    };
    expect(Object.keys(fields).sort()).toEqual(Object.keys(schemas.ImportedContact.properties).sort());
  });

  test("validateImportedContact is the spec's ImportedContact, named from the field given", () => {
    const contact = { reference: "R", agent_email: "a@b.co", contact_date: "2024-05-02T14:31:07Z" };
    expect(validateImportedContact(contact)).toEqual([]);
    expect(validateImportedContact({ ...contact, handling_time: -1 }, "contact").map((i) => i.field)).toEqual(
      ["contact.handling_time"],
    );
    const { agent_email: _, ...noAgent } = contact;
    expect(validateImportedContact(noAgent).map((i) => i.field)).toContain("data.agent_id");
  });
});

describe("rules.ts: what the spec cannot say", () => {
  const refused = async (call: (c: ReturnType<typeof createEvaluagentClient>) => Promise<unknown>) => {
    const { fetch, requests } = fakeFetch();
    const error = await call(createEvaluagentClient({ accessKeyId, secretKey, fetch })).catch(
      (e: unknown) => e,
    );
    expect(requests).toHaveLength(0);
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  };
  const accepted = async (call: (c: ReturnType<typeof createEvaluagentClient>) => Promise<unknown>) => {
    const { fetch, requests } = fakeFetch();
    await call(createEvaluagentClient({ accessKeyId, secretKey, fetch }));
    expect(requests).toHaveLength(1);
  };

  const updates = Object.keys(EVALUAGENT_SPEC.operations).filter((k) => k.startsWith("PATCH "));
  test.each(updates)("%s: body.data.id must be the path's id", async (key) => {
    const path = key.slice("PATCH ".length);
    const id = "a7c3e5f9-8d1b-4a26-9e4c-3f6b2d8a0c57";
    const type = path.split("/")[2]; // users, groups, roles, 121s
    const body = { data: { type, id, attributes: {} } };
    const other = "99abbc05-9535-4e20-84be-0d4e55bcd407";
    const error = await refused((c) =>
      c.PATCH(path as never, { params: { path: { id: other } }, body } as never),
    );
    expect(error.issues).toEqual([
      { field: "body.data.id", message: `must be the id in the path, "${other}" (got "${id}")` },
    ]);
    await accepted((c) => c.PATCH(path as never, { params: { path: { id } }, body } as never));
  });

  // Every DateTimeRange parameter of the spec, so a new one cannot go without the rule.
  const ranges = Object.entries(EVALUAGENT_SPEC.operations).flatMap(([key, op]) =>
    (op.params ?? [])
      .filter((p) => (p.schema as { $ref?: string }).$ref === "DateTimeRange")
      .map((p) => ({
        key,
        path: key.split(" ")[1]!,
        name: p.name,
        required: op.params!.filter((q) => q.required),
      })),
  );
  test("every date-time range parameter of the spec has its rule", () => {
    expect(ranges.length).toBeGreaterThanOrEqual(5);
    for (const { key } of ranges) expect(EVALUAGENT_RULES[key], key).toBeTypeOf("function");
  });
  test.each(ranges)("$key: query.$name must not end before it starts", async ({ path, name }) => {
    const query = (v: string) => ({
      "filter[contact_date;between]": "2023-05-01T00:00:00Z,2023-05-31T00:00:00Z",
      [name]: v,
    });
    const reversed = "2023-08-01T00:00:00Z, 2023-05-01T00:00:00Z";
    const error = await refused((c) => c.GET(path as never, { params: { query: query(reversed) } } as never));
    expect(error.issues).toEqual([
      {
        field: `query.${name}`,
        message: "must not end before it starts (2023-08-01T00:00:00Z is after 2023-05-01T00:00:00Z)",
      },
    ]);
    // A one-instant range, and an offset the other end does not share, are in order.
    await accepted((c) =>
      c.GET(
        path as never,
        { params: { query: query("2023-05-01T00:00:00Z,2023-05-01T00:00:00Z") } } as never,
      ),
    );
    await accepted((c) =>
      c.GET(
        path as never,
        { params: { query: query("2023-05-01T09:00:00+0100,2023-05-01T08:30:00Z") } } as never,
      ),
    );
  });

  test("uploadImportedContactAudio: the body must be sent as multipart/form-data", async () => {
    const error = await refused((c) =>
      c.POST("/quality/imported-contacts/upload-audio", { body: { audio_file: "ID3" } }),
    );
    expect(error.issues).toEqual([
      {
        field: "body",
        message: "must be sent as multipart/form-data: use uploadAudio() or a FormData body",
      },
    ]);
    const form = new FormData();
    form.append("audio_file", new Blob([new Uint8Array([1])], { type: "audio/mpeg" }), "a.mp3");
    await accepted((c) => c.POST("/quality/imported-contacts/upload-audio", { body: form as never }));
  });
});

describe("rate limits", () => {
  test("the presets are the spec's documented limits", () => {
    const { requests, perSeconds, scope, also } = spec.info["x-cxkit-rate-limit"];
    expect(EVALUAGENT_PRESET.rateLimit).toMatchObject({ limit: requests, intervalMs: perSeconds * 1000 });
    expect(scope).toBe("endpoint");
    expect(EVALUAGENT_PRESET.rateLimit.key?.({ method: "GET", path: "/org/users" })).toBe("GET /org/users");
    expect(also).toEqual([
      {
        requests: EVALUAGENT_DAILY_LIMIT.limit,
        perSeconds: EVALUAGENT_DAILY_LIMIT.intervalMs / 1000,
        scope: "key",
      },
    ]);
  });

  test("100 per minute per endpoint, other endpoints unaffected; 10,000 per day across endpoints", () => {
    const limiter = createEvaluagentRateLimiter();
    const users = { method: "GET", path: "/org/users" };
    for (let i = 0; i < 100; i++) expect(limiter.acquire(users, 0)).toBe(0);
    expect(limiter.acquire(users, 0)).toBe(60_000);
    expect(limiter.acquire({ method: "GET", path: "/org/roles" }, 0)).toBe(0);

    const daily = createEvaluagentRateLimiter({ limit: 1_000_000 });
    for (let i = 0; i < 10_000; i++) daily.acquire({ method: "GET", path: `/p${i % 7}` }, i);
    expect(daily.acquire({ method: "GET", path: "/ping" }, 10_000)).toBe(86_400_000 - 10_000);
  });
});

test("resolveIncluded: to-one, null and missing links, to-many", () => {
  const doc = {
    data: [
      {
        type: "evaluations" as const,
        id: "e1",
        relationships: {
          agent: { data: { type: "users" as const, id: "u1" } },
          contacts: {
            data: [
              { type: "contacts" as const, id: "c1" },
              { type: "contacts" as const, id: "c9" },
            ],
          },
        },
      },
      {
        type: "evaluations" as const,
        id: "e2",
        relationships: { agent: { data: null }, contacts: { data: [] } },
      },
    ],
    included: [{ type: "contacts" as const, id: "c1", attributes: { contact_reference: "r" } }],
  };
  const [one, two] = resolveIncluded(doc);
  expect(one?.related.agent).toBeUndefined();
  expect(one?.related.contacts).toEqual([doc.included[0]]);
  expect(two?.related.agent).toBeNull();
  expect(two?.related.contacts).toEqual([]);
});
