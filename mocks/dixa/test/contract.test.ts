// Contract tests: every one of Dixa's 134 operations through the typed client against the Prism mock
// (request validation on), data-driven from the generated examples module: each operation is called
// with each of its documented request bodies, path and query values from the spec's parameter examples
// (else the fixture table below), under /v1 (or /beta for the operations Dixa documents only there), plus a
// few under /beta. The spec carries every request example of Dixa's own published spec and documentation
// page (named `dixa…`), so the same requests are also replayed byte for byte with plain `fetch`, as a
// third-party client sends them (`Authorization: <raw key>`), under both /v1 and /beta. Every constraint's
// breach is refused by client, MSW and Prism alike in constraints.test.ts (generated); here only the
// refusals' shape: a reason in Dixa's `{message}`, 401 without a key, 404 outside the version prefixes.
import { readFileSync } from "node:fs";
import { createDixaClient, DIXA_SPEC, type DixaClient, ValidationError } from "@cxkit/client-dixa";
import { afterAll, describe, expect, inject, test } from "vitest";
import { parse } from "yaml";
import { coverageRecorder } from "../../../tools/testing/coverage.ts";
import { examples } from "../src/index.ts";

const mockUrl = inject("mockUrl");
const apiKey = "dixa-test-key-0123456789";
const recorder = coverageRecorder("dixa");
const clients = {
  v1: createDixaClient({ apiKey, baseUrl: `${mockUrl}/v1`, maxRetries: 0, rateLimit: false }),
  beta: createDixaClient({ apiKey, baseUrl: `${mockUrl}/beta`, maxRetries: 0, rateLimit: false }),
};
clients.v1.use(recorder);
clients.beta.use(recorder);
afterAll(() => recorder.save());

type Method = "get" | "put" | "post" | "patch" | "delete";
type Operation = {
  method: Method;
  path: string;
  requests: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
};
const operations = examples as unknown as Record<string, Operation>;

type Parameter = { $ref?: string; name?: string; in?: string; example?: unknown };
type SpecOperation = {
  operationId?: string;
  "x-cxkit-versions"?: string[];
  parameters?: Parameter[];
  requestBody?: { $ref?: string; content?: Record<string, unknown> };
};
const specFile = (name: string) =>
  parse(readFileSync(new URL(`../../../specs/dixa/${name}`, import.meta.url), "utf8")) as {
    paths?: Record<string, Record<string, unknown> & { parameters?: Parameter[] }>;
    components?: { parameters?: Record<string, Parameter> };
  };
const common = specFile("common.yaml");

/** Where Dixa documents each operation (`x-cxkit-versions`), read from the spec's parts. */
const versions = new Map<string, string[]>();
/** The spec's parameter examples of each operation, by location (`path`, `query`) and name. */
const parameterExamples = new Map<string, Record<string, Record<string, unknown>>>();
/** Operations whose request body is JSON. */
const jsonBodies = new Set<string>();
for (const part of ["people", "conversations", "platform"]) {
  const doc = specFile(`parts/${part}.yaml`);
  const resolve = (p: Parameter): Parameter => {
    if (!p.$ref) return p;
    const [file, pointer] = p.$ref.split("#/components/parameters/");
    return (file ? common : doc).components?.parameters?.[pointer!] ?? {};
  };
  for (const item of Object.values(doc.paths ?? {}))
    for (const op of Object.values(item) as SpecOperation[]) {
      if (!op?.operationId) continue;
      versions.set(op.operationId, op["x-cxkit-versions"] ?? []);
      if (op.requestBody?.$ref || op.requestBody?.content?.["application/json"])
        jsonBodies.add(op.operationId);
      const byLocation: Record<string, Record<string, unknown>> = { path: {}, query: {} };
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve)) {
        const location = p.in ? byLocation[p.in] : undefined;
        if (location && p.name && p.example !== undefined) location[p.name] = p.example;
      }
      parameterExamples.set(op.operationId, byLocation);
    }
}

/** Path parameter values by name; every other path parameter is an id, and Dixa's ids are UUIDs. */
const UUID = "6f1c6a5e-8f0e-4c4b-9d2a-2b7e1f3c9a10";
const pathFixtures: Record<string, string | number> = {
  conversationId: 42,
  csid: 42,
  contactEndpointId: "support@example.com",
  metricId: "closed_conversations",
  recordId: "conversations",
  filterAttribute: "channel",
  languageId: "en",
  event: "ConversationCreated",
};
/** Required query parameters the spec gives no example for. */
const queryFixtures: Record<string, Record<string, unknown>> = {
  searchConversations: { query: "refund", pageLimit: 50 },
};

/** Path values: the spec's example of the parameter, else the fixture, else a UUID. */
const pathParams = (operationId: string, path: string) =>
  Object.fromEntries(
    [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [
      name!,
      parameterExamples.get(operationId)?.path?.[name!] ?? pathFixtures[name!] ?? UUID,
    ]),
  );
/** Query parameters of an operation that exclude each other (`x-cxkit-mutually-exclusive-query`), after the first. */
const excluded = (operationId: string) =>
  Object.values(DIXA_SPEC.operations)
    .find((o) => o.id === operationId)
    ?.exclusiveQuery?.flatMap((group) => group.slice(1)) ?? [];
/** Query values: the fixtures, overridden by the spec's parameter examples, one of each exclusive group. */
const queryParams = (operationId: string): Record<string, unknown> => {
  const query: Record<string, unknown> = {
    ...queryFixtures[operationId],
    ...parameterExamples.get(operationId)?.query,
  };
  for (const name of excluded(operationId)) delete query[name];
  return query;
};

/** One PNG as multipart: Prism validates the `files` part (the only non-JSON body of the API). */
const upload = () => {
  const form = new FormData();
  form.append(
    "files",
    new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" }),
    "logo.png",
  );
  return form;
};

const calls = Object.entries(operations).flatMap(([operationId, op]) => {
  const version = versions.get(operationId)?.includes("v1") ? ("v1" as const) : ("beta" as const);
  const bodies: [string, unknown][] = Object.keys(op.requests).length
    ? Object.entries(op.requests)
    : [[operationId === "uploadKnowledgeArticleAttachments" ? "multipart" : "no body", undefined]];
  return bodies.map(([example, body]) => ({ operationId, op, version, example, body }));
});

async function call(client: DixaClient, operationId: string, op: Operation, body: unknown) {
  const multipart = operationId === "uploadKnowledgeArticleAttachments";
  // The client's generic request method: typed per path, through its middlewares and the recorder.
  const request = client.request as (
    method: Method,
    path: string,
    init: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return request(op.method, op.path, {
    params: { path: pathParams(operationId, op.path), query: queryParams(operationId) },
    ...(multipart ? { body: upload(), bodySerializer: (form: FormData) => form } : {}),
    ...(body === undefined ? {} : { body }),
  });
}

test("the examples module holds all 134 operations, each documented under a version", () => {
  expect(Object.keys(operations)).toHaveLength(134);
  for (const id of Object.keys(operations)) {
    expect(versions.get(id)?.length, id).toBeGreaterThan(0);
    expect(["v1", "beta"], id).toEqual(expect.arrayContaining(versions.get(id)!));
  }
  expect([...new Set(calls.map((c) => c.operationId))]).toHaveLength(134);
});

describe("every operation through the client", () => {
  test.each(calls)("$operationId ($example) under /$version", async ({ operationId, op, version, body }) => {
    const { data, error, response } = await call(clients[version], operationId, op, body);
    expect(response.status, JSON.stringify(error)).toBeGreaterThanOrEqual(200);
    expect(response.status, JSON.stringify(error)).toBeLessThan(300);
    const documented = op.responses[String(response.status)];
    if (documented) expect(Object.values(documented)).toContainEqual(data);
    else expect(data).toBeUndefined();
  });

  const beta = [
    "listAgents",
    "getConversation",
    "createTag",
    "listWebhookSubscriptions",
    "getAnalyticsMetricData",
  ];
  test.each(beta)("%s answers under /beta too", async (operationId) => {
    const op = operations[operationId]!;
    const { response } = await call(clients.beta, operationId, op, Object.values(op.requests)[0]);
    expect(response.status).toBeLessThan(300);
    expect(response.url).toContain("/beta/");
  });

  test("a documented alternative example is served on request (Prefer: example=processed)", async () => {
    const { data } = await clients.v1.GET("/anonymization/request/{requestId}", {
      params: { path: { requestId: UUID } },
      headers: { Prefer: "example=processed" },
    });
    expect(data?.data.processedAt).toBeTypeOf("string");
  });
});

describe("every documented request, exactly as written, answers 2xx (plain fetch, raw key)", () => {
  // Dixa's own requests: its published spec's examples and its documentation page's curl calls, re-expressed
  // in our spec. Sent as a third-party client sends them, without our client's serialisation or validation.
  const replays = calls
    .filter((c) => c.operationId !== "uploadKnowledgeArticleAttachments")
    .flatMap((c) => (["v1", "beta"] as const).map((version) => ({ ...c, version })));

  test("the spec carries Dixa's own request examples, and every JSON request body has an example", () => {
    const named = calls.filter((c) => c.example.startsWith("dixa")).map((c) => c.operationId);
    expect(named.length).toBeGreaterThan(0);
    expect(jsonBodies.size).toBeGreaterThan(0);
    for (const id of jsonBodies) expect(Object.keys(operations[id]?.requests ?? {}), id).not.toHaveLength(0);
  });

  test.each(replays)(
    "$operationId ($example) under /$version",
    async ({ operationId, op, version, body }) => {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent(String(pathParams(operationId, op.path)[name])),
      );
      const query = new URLSearchParams(
        Object.entries(queryParams(operationId)).map(([k, v]) => [k, String(v)]),
      ).toString();
      const response = await fetch(`${mockUrl}/${version}${path}${query ? `?${query}` : ""}`, {
        method: op.method.toUpperCase(),
        headers: {
          Authorization: apiKey,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      expect(response.status, text).toBeGreaterThanOrEqual(200);
      expect(response.status, text).toBeLessThan(300);
    },
  );

  test("the deprecated anonymization form (entityType, no _type) is accepted by client and mock", async () => {
    const body = { entityId: UUID, entityType: "UserAnonymizationType" } as const;
    const { response } = await clients.v1.POST("/anonymization", { body });
    expect(response.status).toBe(200);
    const refused = await clients.v1
      .POST("/anonymization", { body: { entityId: UUID, entityType: "SomethingElse" } as never })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    const rejected = await raw("/v1/anonymization", {
      method: "POST",
      body: JSON.stringify({ entityId: UUID, entityType: "SomethingElse" }),
    });
    expect(rejected.status).toBe(400);
  });
});

describe("refusals: the client first, the mock in Dixa's {message} shape", () => {
  test("a broken constraint → refused by the client; sent anyway, 400 from the mock naming it as the client does", async () => {
    const init = { params: { query: { query: "refund", pageLimit: 51 } } } as const;
    const refused = await clients.v1.GET("/search/conversations", init).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.field)).toEqual(["query.pageLimit"]);
    const { response, error } = await clients.v1.GET("/search/conversations", { ...init, validate: false });
    expect(response.status).toBe(400);
    expect(error).toEqual({ message: "query.pageLimit must be at most 50 (got 51)" });
  });

  test("no credential → 401 in Dixa's {message} shape", async () => {
    const response = await fetch(`${mockUrl}/v1/agents`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: expect.any(String) });
  });

  test("a path without the version prefix → 404", async () => {
    const response = await raw("/agents");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toMatch(/\/v1/);
  });

  test("the client's API key never appears in an error", async () => {
    const client = createDixaClient({ apiKey, baseUrl: `${mockUrl}/v1`, maxRetries: 0, throwOnError: true });
    const init = { params: { path: { agentId: "not-a-uuid" } } };
    const refused = await client.GET("/agents/{agentId}", init).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: "validation", issues: [{ field: "path.agentId" }] });
    const error = await client
      .GET("/agents/{agentId}", { ...init, validate: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect(JSON.stringify(refused) + String(refused) + JSON.stringify(error) + String(error)).not.toContain(
      apiKey,
    );
  });
});

function raw(path: string, init: RequestInit = {}) {
  return fetch(mockUrl + path, {
    ...init,
    headers: { Authorization: apiKey, "Content-Type": "application/json" },
  });
}
