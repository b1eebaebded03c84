// Contract tests: every operation through the typed client against the Prism mock (request validation
// on), the documented error responses, and invalid requests the mock must reject with a reason.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createQemotionClient,
  parseCallbackPayload,
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

describe("the mock rejects invalid requests, naming the problem", () => {
  const cases: { name: string; body: unknown; field: string; path?: string }[] = [
    { name: "text over 10,000 characters", body: verbatim({ text: "a".repeat(10_001) }), field: "text" },
    { name: "empty text", body: verbatim({ text: "" }), field: "text" },
    { name: "lang other than fr/en", body: verbatim({ lang: "de" }), field: "lang" },
    {
      name: "21 informations",
      body: verbatim({
        informations: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, "v"])),
      }),
      field: "informations",
    },
    {
      name: "conversation_id without its external ids",
      body: verbatim({ conversation_id: "c1" }),
      field: "customer_external_id",
    },
    {
      name: "creation_date in another format",
      body: verbatim({ creation_date: "17/02/2023" }),
      field: "creation_date",
    },
    {
      name: "non-numeric configuration_id",
      body: verbatim({ configuration_id: "twenty" }),
      field: "configuration_id",
    },
    {
      name: "missing configuration_id",
      body: verbatim({ configuration_id: undefined }),
      field: "configuration_id",
    },
    { name: "non-integer sat", body: verbatim({ sat: 4.5 }), field: "sat" },
  ];

  test.each(cases)("$name → 422 naming $field, and the client refuses it first", async ({ body, field }) => {
    expect(validateVerbatim(body).map((i) => i.field)).toContain(field);
    await expect(
      client.POST("/projects/{projectId}/verbatims", {
        params: { path: { projectId: 1 } },
        body: body as Verbatim,
      }),
    ).rejects.toThrow(field);
    const response = await rawPost("/projects/1/verbatims", body);
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: string[] };
    expect(errors.join(" ")).toContain(field);
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
    expect(JSON.stringify(await response.json())).toContain("projectid");
  });
});

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
