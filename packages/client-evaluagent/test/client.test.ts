import { readFileSync } from "node:fs";
import {
  createEvaluagentClient,
  createEvaluagentRateLimiter,
  DATE_TIME_RANGE,
  dateTimeRange,
  EVALUAGENT_DAILY_LIMIT,
  EVALUAGENT_PRESET,
  EVALUAGENT_REGIONS,
  EVALUATION_INCLUDES,
  EVALUATION_SORTS,
  EvaluagentValidationError,
  ONE_TO_ONE_SORTS,
  resolveIncluded,
  validateImportedContact,
  validateParams,
} from "@cxkit/client-evaluagent";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const accessKeyId = "ea-unit-key-id";
const secretKey = "ea-unit-secret-5f1c9a";
const basic = `Basic ${btoa(`${accessKeyId}:${secretKey}`)}`;
const spec = parse(readFileSync(new URL("../../../specs/evaluagent/openapi.yaml", import.meta.url), "utf8"));
const schemas = spec.components.schemas;
const requestExample = (path: string, method: string, name: string) =>
  spec.paths[path][method].requestBody.content["application/json"].examples[name].value;

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

  test.each([
    ["sort", () => ({ path: "/quality/evaluations", query: { sort: "colour" } })],
    ["page[number]", () => ({ path: "/quality/evaluations", query: { "page[number]": 1.5 } })],
    [
      "filter[published_at;between]",
      () => ({
        path: "/quality/evaluations",
        query: { "filter[published_at;between]": "2023-08-01T00:00:00Z,2023-05-01T00:00:00Z" },
      }),
    ],
    ["filter[contact_date;between]", () => ({ path: "/analytics/conversations", query: {} })],
    [
      "filter[insight_topics][][0]",
      () => ({
        path: "/analytics/conversations",
        query: {
          "filter[contact_date;between]": dateTimeRange(new Date(0), new Date(1)),
          "filter[insight_topics][]": ["x"],
        },
      }),
    ],
  ] as const)("refuses a request with a bad %s before the network", async (field, make) => {
    const { fetch, requests } = fakeFetch();
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch });
    const { path, query } = make();
    const error = await client
      .GET(path as "/quality/evaluations", { params: { query: query as never } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EvaluagentValidationError);
    expect((error as EvaluagentValidationError).issues.map((i) => i.field)).toContain(field);
    expect(String(error)).not.toContain(secretKey);
    expect(requests).toHaveLength(0);
  });

  test.each([
    [
      "/org/users",
      "post",
      { data: { type: "users", attributes: { fullname: "J", email: "j@x.io" } } },
      "data.relationships",
    ],
    [
      "/org/groups",
      "post",
      { data: { type: "groups", attributes: { name: "" }, relationships: {} } },
      "data.attributes.name",
    ],
    [
      "/performance/121s",
      "post",
      requestExample("/performance/121s", "post", "scheduled").data.attributes,
      "data",
    ],
  ] as const)("refuses an invalid %s body before the network", async (path, _method, body, field) => {
    const { fetch, requests } = fakeFetch();
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch });
    const error = await client.POST(path as "/org/users", { body: body as never }).catch((e: unknown) => e);
    expect((error as EvaluagentValidationError).issues.map((i) => i.field)).toContain(field);
    expect(requests).toHaveLength(0);
  });

  test("an update must name the resource of its path", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createEvaluagentClient({ accessKeyId, secretKey, fetch });
    const body = requestExample("/org/users/{id}", "patch", "deactivate");
    await expect(
      client.PATCH("/org/users/{id}", { params: { path: { id: "other" } }, body }),
    ).rejects.toThrow(/data\.id/);
    await expect(
      client.PATCH("/org/users/{id}", {
        params: { path: { id: body.data.id } },
        body: { data: { type: "users", id: body.data.id } } as never,
      }),
    ).rejects.toThrow(/must change something/);
    expect(requests).toHaveLength(0);
    await client.PATCH("/org/users/{id}", { params: { path: { id: body.data.id } }, body });
    expect(requests).toHaveLength(1);
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

  test("the enums are the spec's", () => {
    expect([...EVALUATION_SORTS].sort()).toEqual([...schemas.EvaluationSort.enum].sort());
    expect([...ONE_TO_ONE_SORTS].sort()).toEqual([...schemas.OneToOneSort.enum].sort());
    const include = spec.paths["/quality/evaluations/{id}"].get.parameters.find(
      (p: { name: string }) => p.name === "include",
    );
    expect([...EVALUATION_INCLUDES]).toEqual(include.schema.items.enum);
  });

  test("date ranges: the spec's pattern, the vendor's comma-space form, start ≤ end", () => {
    const pattern = new RegExp(schemas.DateTimeRange.pattern);
    for (const value of [
      "2023-05-01T00:00:00.000Z, 2023-08-01T00:00:00.000Z",
      dateTimeRange(new Date(0), new Date(1)),
    ]) {
      expect(pattern.test(value) && DATE_TIME_RANGE.test(value)).toBe(true);
      expect(
        validateParams("GET /quality/evaluations", { query: { "filter[published_at;between]": value } }),
      ).toEqual([]);
    }
    expect(
      validateParams("GET /performance/121s", {
        query: { "filter[created_at;between]": "2023-05-01T00:00:00Z" },
      })[0]?.field,
    ).toBe("filter[created_at;between]");
  });

  test.each([
    [{ reference: "R", contact_date: "2024-05-02T14:31:07Z", channel: "Chat" }, "data.agent_id"],
    [
      { reference: "R", agent_id: "not-a-uuid", contact_date: "2024-05-02T14:31:07Z", channel: "Chat" },
      "data.agent_id",
    ],
    [
      { reference: "", agent_email: "a@b.co", contact_date: "2024-05-02T14:31:07Z", channel: "Chat" },
      "data.reference",
    ],
    [
      { reference: "R", agent_email: "a@b.co", contact_date: "2024-05-02", channel: "Chat" },
      "data.contact_date",
    ],
    [
      {
        reference: "R",
        agent_email: "a@b.co",
        contact_date: "2024-05-02T14:31:07Z",
        channel: "Chat",
        metadata: { a: true },
      },
      "data.metadata.a",
    ],
    [
      {
        reference: "R",
        agent_email: "a@b.co",
        contact_date: "2024-05-02T14:31:07Z",
        channel: "Chat",
        responses: [{ message: "hi" }],
      },
      "data.responses[0].speaker_is_customer",
    ],
  ])("an imported contact %j is flagged at %s", (contact, field) => {
    expect(validateImportedContact(contact).map((i) => i.field)).toContain(field);
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
