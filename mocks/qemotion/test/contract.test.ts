// Contract tests: every operation through the typed client against the Prism mock (request validation
// on), the documented error responses, and invalid requests the mock must reject with a reason.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createQemotionClient,
  parseCallbackPayload,
  ValidationError,
  type Verbatim,
  validateVerbatim,
} from "@cxkit/client-qemotion";
import { afterAll, describe, expect, inject, test } from "vitest";
import { coverageRecorder } from "../../../tools/testing/coverage.ts";
import { examples } from "../src/index.ts";

const baseUrl = inject("mockUrl");
const apiKey = "qm-test-key-0123456789";
const recorder = coverageRecorder("qemotion");
const client = createQemotionClient({ apiKey, baseUrl });
client.use(recorder);
afterAll(() => recorder.save());

const verbatim = (overrides: Record<string, unknown> = {}) =>
  ({
    text: "Great support",
    lang: "en",
    creation_date: "2023-02-17",
    configuration_id: 23,
    ...overrides,
  }) as Verbatim;

describe("every operation through the client", () => {
  test("listProjects returns the documented projects", async () => {
    const { data, response } = await client.GET("/projects");
    expect(response.status).toBe(200);
    expect(data).toEqual(examples.listProjects.responses["200"].projects);
  });

  test("getProject returns the documented project", async () => {
    const { data } = await client.GET("/projects/{projectId}", { params: { path: { projectId: 1 } } });
    expect(data?.config_integrations.map((c) => c.id)).toEqual([1, 2]);
  });

  test.each(Object.entries(examples.createVerbatim.requests))(
    "createVerbatim accepts the %s example",
    async (_, body) => {
      const { data, error } = await client.POST("/projects/{projectId}/verbatims", {
        params: { path: { projectId: 1 } },
        body: { ...(body as Verbatim), callback_url: undefined },
      });
      expect(error).toBeUndefined();
      expect(data).toEqual(examples.createVerbatim.responses["200"].created);
    },
  );

  test("createVerbatimsBulk accepts the documented batch", async () => {
    const body = (examples.createVerbatimsBulk.requests.documented as Verbatim[]).map(
      ({ callback_url, ...v }) => v,
    );
    const { data, error } = await client.POST("/projects/{projectId}/verbatims/bulk", {
      params: { path: { projectId: 1 } },
      body,
    });
    expect(error).toBeUndefined();
    expect(data).toHaveLength(2);
  });

  test("analyzeThematics returns classified subtexts", async () => {
    const { data } = await client.POST("/projects/{projectId}/thematics", {
      params: { path: { projectId: 1 } },
      body: { text: "The delivery was late but the support team was great.", lang: "en" },
    });
    expect(data?.[0]?.thematic_computing_results[0]?.thematic).toBe("Delivery");
  });

  test("edge values the documentation allows are accepted", async () => {
    const accepted = [
      verbatim({ text: "é".repeat(10_000) }),
      verbatim({ informations: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])) }),
      verbatim({ configuration_id: "23" }),
      verbatim({ creation_date: "2023-02-17T10:47:00:852" }),
      verbatim({ creation_date: "2023-02-17T10:47:00+01:00" }),
      verbatim({
        conversation_id: "c1",
        customer_external_id: "u1",
        verbatim_external_id: "v1",
        author: "Agent",
      }),
    ];
    for (const body of accepted) {
      expect(validateVerbatim(body)).toEqual([]);
      const { response } = await client.POST("/projects/{projectId}/verbatims", {
        params: { path: { projectId: 1 } },
        body,
      });
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(200);
    }
  });
});

describe("documented error responses (Prefer: code=…)", () => {
  const cases = Object.entries(examples).flatMap(([operationId, op]) =>
    Object.entries(op.responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, named]) => ({ operationId, op, status: Number(status), body: Object.values(named)[0] })),
  );

  test.each(cases)("$operationId answers $status with the documented body", async ({ op, status, body }) => {
    const path = op.path.replace("{projectId}", "1");
    const request = Object.values(op.requests)[0] as Verbatim | Verbatim[] | undefined;
    const response = await fetch(baseUrl + path, {
      method: op.method.toUpperCase(),
      headers: {
        Authorization: `Bearer ${apiKey}`,
        "Content-Type": "application/json",
        Prefer: `code=${status}`,
      },
      ...(request ? { body: JSON.stringify(stripCallbacks(request)) } : {}),
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(body);
  });
});

// Which values break which constraint is the generated mutation test's job (test/constraints.test.ts);
// these check the refusals' shape and the escape hatch.
describe("the mock rejects invalid requests, naming the problem", () => {
  test("the client refuses first with ValidationError; with validate: false, Prism answers 422 { errors }", async () => {
    const body = verbatim({ lang: "de", configuration_id: "twenty" });
    const refused = await client
      .POST("/projects/{projectId}/verbatims", { params: { path: { projectId: 1 } }, body })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues.map((i) => i.field)).toEqual([
      "body.lang",
      "body.configuration_id",
    ]);
    const { error, response } = await client.POST("/projects/{projectId}/verbatims", {
      params: { path: { projectId: 1 } },
      body,
      validate: false,
    });
    expect(response.status).toBe(422);
    const { errors } = error as { errors: string[] };
    expect(errors.join(" ")).toContain("lang");
    expect(errors.join(" ")).toContain("configuration_id");
  });

  test("bulk with one bad item is refused whole, naming the item", async () => {
    const body = [verbatim(), verbatim({ lang: "es" }), verbatim()];
    const response = await rawPost("/projects/1/verbatims/bulk", body);
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: string[] };
    expect(errors.join(" ")).toMatch(/1.*lang|lang.*1/);
  });

  test("no credential → 401", async () => {
    const response = await fetch(`${baseUrl}/projects`);
    expect(response.status).toBe(401);
    expect(await response.json()).toHaveProperty("errors");
  });

  test("a body that is not JSON → 415", async () => {
    const response = await fetch(`${baseUrl}/projects/1/verbatims`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "text/plain" },
      body: "hello",
    });
    expect(response.status).toBe(415);
  });

  test("a project id that is not an integer → 400", async () => {
    const response = await fetch(`${baseUrl}/projects/abc`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("path.projectId must be an integer");
  });
});

// The vendor documentation's own requests, replayed as its curl / Ruby / Python samples write them:
// same method, path ({{ProjectID}} → 1), headers (including `Authorization: Bearer your_token_here` and
// the Content-Type the samples send even on GET) and body. Only the samples' `callback_url`
// ("www.exemple.com") is swapped for a loopback URL, so the mock's callback never leaves the machine.
describe("the documentation's requests, replayed as written", () => {
  const docToken = "your_token_here";
  const docHeaders = { "Content-Type": "application/json", Authorization: `Bearer ${docToken}` };
  const loopbackCallback = "http://127.0.0.1:9/qemotion-callback";
  const docClient = createQemotionClient({ apiKey: docToken, baseUrl, maxRetries: 0 });
  docClient.use(recorder);
  const docVerbatim = (verbatim_external_id: string) => ({
    text: "This is an example",
    lang: "en",
    creation_date: "2021-01-01",
    author: "client",
    customer_external_id: "cd41971a-cdfd-49de-a65c-742432f8ba54",
    verbatim_external_id,
    conversation_id: "83fed13a-e1ff-4ad9-ad41-55b2330dda31",
    configuration_id: "23",
    callback_url: loopbackCallback,
    filters: { filter_1: "value_1", filter_2: "value_2" },
    sat: 5,
    ces: 5,
    reco: 10,
    informations: { information_1: "value_1", information_2: "value_2" },
  });
  const docProject = {
    id: 1,
    name: "Qemotion Website",
    language: "en",
    config_integrations: [
      { id: 1, name: "Configuration name one", questions: [] },
      { id: 2, name: "Configuration name two", questions: ["Where is Brian?"] },
    ],
    filters: ["Filter1", "Filter2"],
  };
  const verbatimBody = docVerbatim("9ffff82b-0220-493b-9a0a-f0f4b5255358");
  const bulkBody = [verbatimBody, docVerbatim("4a3651a2-6c9d-49ff-815d-f6c105c286ae")];
  const thematicsBody = { text: "This is an example", lang: "en" };
  // `expected`: the documentation's response example (compared whole), or `shape`: a value of the
  // documented response table's types, when the documentation shows no example.
  const replays: {
    name: string;
    method: "GET" | "POST";
    path: string;
    body?: unknown;
    expected?: unknown;
    shape?: unknown;
    viaClient?: () => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  }[] = [
    {
      name: "Authorization: curl -H … https://api-integration.cxinsights.io",
      method: "GET",
      path: "",
      viaClient: () => docClient.GET("/"),
    },
    {
      name: "Get All Projects",
      method: "GET",
      path: "/projects",
      expected: [docProject],
      viaClient: () => docClient.GET("/projects"),
    },
    {
      name: "Get a Specific Project (curl)",
      method: "GET",
      path: "/projects/1",
      expected: docProject,
      viaClient: () => docClient.GET("/projects/{projectId}", { params: { path: { projectId: 1 } } }),
    },
    {
      name: "Get a Specific Project (Ruby/Python samples: /{{ProjectID}})",
      method: "GET",
      path: "/1",
      expected: docProject,
      viaClient: () => docClient.GET("/{projectId}", { params: { path: { projectId: 1 } } }),
    },
    {
      name: "Add a Verbatim",
      method: "POST",
      path: "/projects/1/verbatims",
      body: verbatimBody,
      expected: { uuid: "33893246-ce83-4a13-983a-9fbf194837a6" },
      viaClient: () =>
        docClient.POST("/projects/{projectId}/verbatims", {
          params: { path: { projectId: 1 } },
          body: verbatimBody as Verbatim,
        }),
    },
    {
      name: "Add a Verbatim (HTTP Request line: trailing slash)",
      method: "POST",
      path: "/projects/1/verbatims/",
      body: verbatimBody,
      expected: { uuid: "33893246-ce83-4a13-983a-9fbf194837a6" },
    },
    {
      name: "Add many verbatims",
      method: "POST",
      path: "/projects/1/verbatims/bulk",
      body: bulkBody,
      shape: [{ id: 0, uuid: "", verbatim_external_id: "", creation_date: "" }],
      viaClient: () =>
        docClient.POST("/projects/{projectId}/verbatims/bulk", {
          params: { path: { projectId: 1 } },
          body: bulkBody as Verbatim[],
        }),
    },
    {
      name: "Thematic analysis",
      method: "POST",
      path: "/projects/1/thematics",
      body: thematicsBody,
      shape: [{ subtext_id: "", subtext: "", thematic_computing_results: [{ thematic: "" }] }],
      viaClient: () =>
        docClient.POST("/projects/{projectId}/thematics", {
          params: { path: { projectId: 1 } },
          body: thematicsBody as { text: string; lang: "en" },
        }),
    },
    {
      name: "Thematic analysis (HTTP Request line: trailing slash)",
      method: "POST",
      path: "/projects/1/thematics/",
      body: thematicsBody,
      shape: [{ subtext_id: "", subtext: "", thematic_computing_results: [{ thematic: "" }] }],
    },
  ];
  const send = (r: (typeof replays)[number], headers: Record<string, string>) =>
    fetch(baseUrl + r.path, {
      method: r.method,
      headers,
      ...(r.body === undefined ? {} : { body: JSON.stringify(r.body, null, 4) }),
    });

  test.each(replays)("raw: $name → 2xx with the documented response", async (r) => {
    const response = await send(r, docHeaders);
    expect(response.status).toBe(200);
    const text = await response.text();
    if (r.expected !== undefined) expect(JSON.parse(text)).toEqual(r.expected);
    if (r.shape !== undefined) expectShape(JSON.parse(text), r.shape);
  });

  test.each(replays.filter((r) => r.viaClient))(
    "typed client (validation on): $name is sent and answered",
    async (r) => {
      const body = r.body as Verbatim | Verbatim[] | undefined;
      if (r.path.endsWith("/verbatims")) expect(validateVerbatim(body)).toEqual([]);
      const { data, error, response } = await r.viaClient!();
      expect(error).toBeUndefined();
      expect(response.status).toBe(200);
      if (r.expected !== undefined) expect(data).toEqual(r.expected);
      if (r.shape !== undefined) expectShape(data, r.shape);
    },
  );

  test.each(replays)("without its Authorization header: $name → 401 {errors}", async (r) => {
    const response = await send(r, { "Content-Type": "application/json" });
    expect(response.status).toBe(401);
    const { errors } = (await response.json()) as { errors: string[] };
    expect(errors.length).toBeGreaterThan(0);
  });

  test("the samples' literal callback_url (www.exemple.com) is valid for the client", () => {
    expect(validateVerbatim({ ...verbatimBody, callback_url: "www.exemple.com" })).toEqual([]);
  });
});

/** Fails unless `actual` has the JSON types of `shape`: same keys (at least), arrays item by item. */
function expectShape(actual: unknown, shape: unknown, at = "$"): void {
  if (Array.isArray(shape)) {
    expect(Array.isArray(actual), `${at} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${at} is not empty`).toBeGreaterThan(0);
    for (const [i, item] of (actual as unknown[]).entries()) expectShape(item, shape[0], `${at}[${i}]`);
  } else if (shape !== null && typeof shape === "object") {
    expect(actual, `${at} is an object`).toBeTypeOf("object");
    for (const [key, value] of Object.entries(shape))
      expectShape((actual as Record<string, unknown>)[key], value, `${at}.${key}`);
  } else expect(typeof actual, `${at} type`).toBe(typeof shape);
}

test("paths written with a trailing slash, as the documentation's HTTP request lines do, are served", async () => {
  const response = await rawPost("/projects/1/thematics/", { text: "Hello", lang: "en" });
  expect(response.status).toBe(200);
});

test("Prism posts the processing callback to a loopback callback_url", async () => {
  const listener = createServer();
  listener.listen(0, "127.0.0.1");
  await once(listener, "listening");
  const received = new Promise<string>((resolve) =>
    listener.on("request", (req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        res.end();
        resolve(body);
      });
    }),
  );
  try {
    const callbackUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/qemotion/callback`;
    const { data } = await client.POST("/projects/{projectId}/verbatims", {
      params: { path: { projectId: 1 } },
      body: verbatim({ callback_url: callbackUrl }),
    });
    expect(data?.uuid).toBeTypeOf("string");
    const payload = parseCallbackPayload(await received);
    expect(payload.uuid).toBeTypeOf("string");
    expect(typeof payload.succeeded).toBe("boolean");
  } finally {
    listener.close();
  }
});

function rawPost(path: string, body: unknown) {
  return fetch(baseUrl + path, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Doc examples name www.exemple.com as callback_url: never let the mock try to reach it. */
function stripCallbacks(body: Verbatim | Verbatim[]) {
  const strip = ({ callback_url, ...rest }: Verbatim) => rest;
  return Array.isArray(body) ? body.map(strip) : strip(body);
}
