import {
  CxkitError,
  callIssues,
  check,
  createApiClient,
  rawAuthorization,
  type SchemaTable,
  specPreset,
  ValidationError,
  type VendorSpec,
} from "@cxkit/client-core";
import { createRequestGuard } from "@cxkit/client-core/server";
import { describe, expect, test } from "vitest";

// A tiny spec module, shaped as codegen emits it (src/generated/vendor.ts).
const spec: VendorSpec = {
  vendor: {
    name: "test",
    title: "Test",
    servers: [{ url: "http://127.0.0.1:9/v1" }],
    security: [{ key: [] }],
    securitySchemes: { key: { type: "apiKey", in: "header", name: "x-api-key" } },
    rateLimit: { requests: 100, perSeconds: 1 },
    errorBody: { error: { messages: "$messages", status: "$status" } },
  },
  operations: {
    "POST /items/{itemId}": {
      id: "createItem",
      params: [
        { in: "path", name: "itemId", required: true, schema: { type: "integer", minimum: 1 } },
        { in: "query", name: "tags", schema: { type: "array", items: { enum: ["a", "b"] } } },
        { in: "header", name: "x-mode", schema: { enum: ["fast", "safe"] } },
      ],
      body: { required: true, content: { "application/json": { $ref: "Item" } } },
    },
    "GET /open": { id: "open", security: [] },
  },
  schemas: {
    Item: {
      type: "object",
      required: ["name"],
      additionalProperties: false,
      properties: {
        name: { type: "string", minLength: 1, maxLength: 5 },
        id: { type: "string", format: "uuid" },
        kind: { oneOf: [{ $ref: "Cat" }, { $ref: "Dog" }], discriminator: { propertyName: "_type" } },
        list: { type: "array", uniqueItems: true, maxItems: 2 },
      },
    },
    Cat: {
      type: "object",
      required: ["_type"],
      properties: { _type: { const: "Cat" }, lives: { maximum: 9 } },
    },
    Dog: { type: "object", required: ["_type"], properties: { _type: { const: "Dog" } } },
  },
};
const table = spec.schemas;

const issues = (schema: object, value: unknown, t: SchemaTable = {}) =>
  check(schema, value, "body", t).map((i) => `${i.field} ${i.message}`);

describe("the engine names the field and the rule in plain words", () => {
  test.each([
    [{ type: "string" }, 5, "body must be a string (got integer)"],
    [{ type: ["string", "null"] }, 5, "body must be a string or a null (got integer)"],
    [{ enum: ["fr", "en"] }, "de", 'body must be one of: fr, en (got "de")'],
    [{ const: "x" }, "y", 'body must be "x" (got "y")'],
    [{ minimum: 1 }, 0, "body must be at least 1 (got 0)"],
    [{ maximum: 50 }, 51, "body must be at most 50 (got 51)"],
    [{ exclusiveMinimum: 0 }, 0, "body must be greater than 0 (got 0)"],
    [{ minLength: 1 }, "", "body must not be empty"],
    [{ maxLength: 2 }, "abc", "body must have at most 2 characters (got 3)"],
    [{ pattern: "^[0-9]+$" }, "12a", 'body must match the pattern ^[0-9]+$ (got "12a")'],
    [{ format: "uuid" }, "x", 'body must be a UUID (got "x")'],
    [{ format: "email" }, "a@", 'body must be an email address (got "a@")'],
    [
      { format: "date-time" },
      "yesterday",
      'body must be a date-time such as 2024-05-01T12:00:00Z (got "yesterday")',
    ],
    [{ format: "uri" }, "not a uri", 'body must be a URI (got "not a uri")'],
    [{ format: "int32" }, 2 ** 31, "body must be a 32-bit integer (got 2147483648)"],
    [{ minItems: 1 }, [], "body must not be empty"],
    [{ uniqueItems: true }, [1, 2, 1], "body must not repeat items (body[0] and [2] are equal)"],
    [{ required: ["a"] }, {}, "body.a is required"],
    [{ additionalProperties: false }, { x: 1 }, "body.x is not a known field"],
    [{ minProperties: 1 }, {}, "body must not be empty"],
    [{ maxProperties: 1 }, { a: 1, b: 2 }, "body must have at most 1 fields (got 2)"],
    [
      { propertyNames: { pattern: "^[a-z]+$" } },
      { A: 1 },
      'body.A is not an allowed name: must match the pattern ^[a-z]+$ (got "A")',
    ],
    [{ not: { required: ["a", "b"] } }, { a: 1, b: 2 }, "body must not set a and b together"],
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then
    [{ if: { required: ["a"] }, then: { required: ["b"] } }, { a: 1 }, "body.b is required"],
  ])("%j on %j", (schema, value, message) => {
    expect(issues(schema, value)).toEqual([message]);
  });

  test("valid values pass, code points are counted, a long value is cut short", () => {
    expect(issues({ type: "number", maximum: 2 }, 1.5)).toEqual([]);
    expect(issues({ maxLength: 1 }, "😀")).toEqual([]);
    expect(issues({ enum: ["a"] }, "x".repeat(500))[0]!.length).toBeLessThan(80);
  });

  test("oneOf with a discriminator checks the tagged branch; without one, the closest", () => {
    const kind = (v: unknown) => issues({ $ref: "Item" }, { name: "a", kind: v }, table);
    expect(kind({ _type: "Cat", lives: 10 })).toEqual(["body.kind.lives must be at most 9 (got 10)"]);
    expect(kind({ _type: "Cow" })).toEqual(['body.kind._type must be one of: Cat, Dog (got "Cow")']);
    expect(kind({})).toEqual(["body.kind._type is required (one of: Cat, Dog)"]);
    const either = { oneOf: [{ type: "string", minLength: 3 }, { type: "integer" }] };
    expect(issues(either, "ab")).toEqual(["body must have at least 3 characters"]);
    expect(issues(either, true)).toEqual(["body must be a string or an integer (got boolean)"]);
    expect(issues({ oneOf: [{ minimum: 0 }, { maximum: 10 }] }, 5)).toEqual([
      "body must match exactly one of 2 alternatives (matches 2)",
    ]);
  });
});

describe("a call is checked on its plain inputs", () => {
  const call = (over: object = {}) =>
    callIssues(spec, {
      method: "POST",
      path: "/items/{itemId}",
      params: { path: { itemId: 1 } },
      body: { name: "ok" },
      ...over,
    });

  test("path, query, header and body, every issue at once", () => {
    expect(
      call({
        params: { path: { itemId: 0 }, query: { tags: ["a", "z"] }, header: { "X-Mode": "turbo" } },
        body: { name: "", extra: 1 },
      }),
    ).toEqual([
      { field: "path.itemId", message: "must be at least 1 (got 0)" },
      { field: "query.tags[1]", message: 'must be one of: a, b (got "z")' },
      { field: "header.x-mode", message: "must be one of: fast, safe" },
      { field: "body.name", message: "must not be empty" },
      { field: "body.extra", message: "is not a known field" },
    ]);
  });

  test("parameters are judged as the server reads them off the wire", () => {
    expect(call({ params: { path: { itemId: "42" } } })).toEqual([]);
    expect(call({ params: { path: { itemId: "4x" } } })).toEqual([
      { field: "path.itemId", message: "must be an integer (got string)" },
    ]);
    expect(call({ params: { path: { itemId: 1 }, query: { tags: "b" } } })).toEqual([]);
    expect(call({ params: {} })).toEqual([{ field: "path.itemId", message: "is required" }]);
    expect(call({ body: undefined })).toEqual([{ field: "body", message: "is required" }]);
    expect(call({ headers: { "x-mode": "turbo" } })).toEqual([
      { field: "header.x-mode", message: "must be one of: fast, safe" },
    ]);
  });

  test("query parameters the spec says exclude each other", () => {
    const exclusive = {
      ...spec,
      operations: { "GET /people": { id: "people", exclusiveQuery: [["email", "phone"]] } },
    };
    const people = (query: Record<string, unknown>) =>
      callIssues(exclusive, { method: "GET", path: "/people", params: { query }, body: undefined });
    expect(people({ email: "a@b.c" })).toEqual([]);
    expect(people({ email: "a@b.c", phone: "+45" })).toEqual([
      { field: "query.phone", message: "cannot be combined with query.email (give one of: email, phone)" },
    ]);
  });

  test("unknown operations and bodies the caller serialised are left to the server", () => {
    expect(callIssues(spec, { method: "GET", path: "/nope", params: {}, body: undefined })).toEqual([]);
    expect(call({ body: new Blob(["{}"]) })).toEqual([]);
  });
});

describe("the client refuses before the network", () => {
  function client(options: object = {}) {
    const sent: Request[] = [];
    const c = createApiClient<never>(specPreset(spec), rawAuthorization("secret-key-123456"), {
      fetch: (async (request: Request) => {
        sent.push(request);
        return Response.json({ ok: true });
      }) as typeof fetch,
      ...options,
    });
    // biome-ignore lint/suspicious/noExplicitAny: an untyped call to a path of the test spec
    return { c: c as any, sent };
  }

  test("a ValidationError in the CxkitError tree, naming every field, without the credential", async () => {
    const { c, sent } = client();
    const error = await c
      .POST("/items/{itemId}", { params: { path: { itemId: 0 } }, body: { name: "toolong" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(CxkitError);
    expect(error).toMatchObject({ kind: "validation", method: "POST", path: "/items/{itemId}" });
    expect((error as Error).message).toBe(
      "POST /items/{itemId}: invalid request: path.itemId must be at least 1 (got 0); body.name must have at most 5 characters (got 7)",
    );
    expect(JSON.stringify(error) + String(error)).not.toContain("secret-key-123456");
    expect(sent).toHaveLength(0);
  });

  test("validate: false, on the client or on one call, sends the request as given", async () => {
    const bad = { params: { path: { itemId: 0 } }, body: {} };
    const off = client({ validate: false });
    await off.c.POST("/items/{itemId}", bad);
    expect(off.sent).toHaveLength(1);
    const on = client();
    await on.c.POST("/items/{itemId}", { ...bad, validate: false });
    expect(on.sent).toHaveLength(1);
    expect([...on.sent[0]!.headers.keys()]).not.toContain("validate");
  });

  test("constraints given lazily are loaded once, on the first call", async () => {
    let loads = 0;
    const lazy = {
      vendor: spec.vendor,
      constraints: async () => {
        loads++;
        return { operations: spec.operations, schemas: spec.schemas };
      },
    };
    const c = createApiClient<never>(specPreset(lazy), rawAuthorization("k"), {
      fetch: (async () => Response.json({})) as typeof fetch,
    }) as unknown as { POST(p: string, i: object): Promise<unknown> };
    const bad = { params: { path: { itemId: 0 } }, body: { name: "a" } };
    await expect(c.POST("/items/{itemId}", bad)).rejects.toBeInstanceOf(ValidationError);
    await expect(c.POST("/items/{itemId}", bad)).rejects.toBeInstanceOf(ValidationError);
    expect(loads).toBe(1);
  });

  test("the preset reads base URL and rate limit from the spec", () => {
    const preset = specPreset(spec);
    expect(preset).toMatchObject({ vendor: "test", baseUrl: "http://127.0.0.1:9/v1" });
    expect(preset.rateLimit).toEqual({ limit: 100, intervalMs: 1000 });
  });
});

describe("the server-side guard answers in the vendor's shape", () => {
  const guard = createRequestGuard(spec, "http://127.0.0.1:9/v1");
  const post = (path: string, body: unknown, headers: Record<string, string> = { "x-api-key": "k" }) =>
    guard(
      new Request(`http://127.0.0.1:9/v1${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    );

  test("401 without the spec's credentials, 422 with every message, 415 for another media type", async () => {
    expect((await post("/items/1", { name: "a" }, {}))?.status).toBe(401);
    const refused = await post("/items/0?tags=a&tags=q", { name: "" });
    expect(refused?.status).toBe(422);
    expect(await refused?.json()).toEqual({
      error: {
        status: 422,
        messages: [
          "path.itemId must be at least 1 (got 0)",
          'query.tags[1] must be one of: a, b (got "q")',
          "body.name must not be empty",
        ],
      },
    });
    expect((await post("/items/1", "{", { "x-api-key": "k" }))?.status).toBe(422);
    expect((await post("/items/1", "x", { "x-api-key": "k", "content-type": "text/plain" }))?.status).toBe(
      415,
    );
  });

  test("a valid request, an open operation and a path outside the spec fall through", async () => {
    expect(await post("/items/7", { name: "a" })).toBeUndefined();
    expect(await guard(new Request("http://127.0.0.1:9/v1/open"))).toBeUndefined();
    expect(await guard(new Request("http://127.0.0.1:9/elsewhere"))).toBeUndefined();
  });
});
