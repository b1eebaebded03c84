// Wire tests: each operation's documented examples round-trip through the typed client over the MSW
// handlers, the handlers refuse what the spec refuses (in Q°emotion's error shape), and they can be
// overridden per test.
import { addVerbatimsInBatches, createQemotionClient, type Verbatim } from "@cxkit/client-qemotion";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createQemotionHandlers, examples, qemotionHttp } from "../src/index.ts";

const server = setupServer(...createQemotionHandlers());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = createQemotionClient({ apiKey: "qm-wire-key" });
const path = { params: { path: { projectId: 1 } } };

describe("documented examples round-trip", () => {
  test("listProjects", async () => {
    const { data } = await client.GET("/projects");
    expect(data).toEqual(examples.listProjects.responses["200"].projects);
  });

  test("getProject", async () => {
    const { data } = await client.GET("/projects/{projectId}", path);
    expect(data).toEqual(examples.getProject.responses["200"].project);
  });

  test.each(Object.entries(examples.createVerbatim.requests))("createVerbatim: %s", async (_, body) => {
    const { data } = await client.POST("/projects/{projectId}/verbatims", {
      ...path,
      body: body as Verbatim,
    });
    expect(data).toEqual(examples.createVerbatim.responses["200"].created);
  });

  test("createVerbatimsBulk: documented", async () => {
    const body = examples.createVerbatimsBulk.requests.documented as Verbatim[];
    const { data } = await client.POST("/projects/{projectId}/verbatims/bulk", { ...path, body });
    expect(data?.map((d) => d.verbatim_external_id)).toEqual(body.map((v) => v.verbatim_external_id));
  });

  test("analyzeThematics: documented", async () => {
    const body = examples.analyzeThematics.requests.documented as { text: string; lang: "en" };
    const { data } = await client.POST("/projects/{projectId}/thematics", { ...path, body });
    expect(data).toEqual(examples.analyzeThematics.responses["200"].classified);
  });
});

describe("the handlers validate every request against the spec", () => {
  const url = "https://api-integration.cxinsights.io";
  const auth = { Authorization: "Bearer qm-wire-key" };
  const json = { ...auth, "Content-Type": "application/json" };
  const errorsOf = async (response: Response) => ((await response.json()) as { errors: string[] }).errors;

  test("a request without credentials → 401 { errors }", async () => {
    const response = await fetch(`${url}/projects`);
    expect(response.status).toBe(401);
    expect(await errorsOf(response)).toEqual([expect.stringContaining("authorization")]);
  });

  test("the root credential check is guarded too", async () => {
    expect((await fetch(`${url}/`)).status).toBe(401);
    expect((await fetch(`${url}/`, { headers: auth })).status).toBe(200);
  });

  test("the bearer scheme is read case-insensitively, as the Prism mock does", async () => {
    const response = await fetch(`${url}/projects`, { headers: { Authorization: "bearer qm-wire-key" } });
    expect(response.status).toBe(200);
  });

  test("an invalid body → 422 { errors } naming every broken field", async () => {
    const response = await fetch(`${url}/projects/1/verbatims`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ text: "t", lang: "de", creation_date: "17/02/2023", configuration_id: 1 }),
    });
    expect(response.status).toBe(422);
    const errors = await errorsOf(response);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^body\.lang must be one of: fr, en/);
    expect(errors[1]).toMatch(/^body\.creation_date must match/);
  });

  test("a bulk item breaking the spec refuses the whole batch, naming the item", async () => {
    const body = [examples.createVerbatimsBulk.requests.documented[0], { text: "t", lang: "en" }];
    const response = await fetch(`${url}/projects/1/verbatims/bulk`, {
      method: "POST",
      headers: json,
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(422);
    expect(await errorsOf(response)).toEqual([
      "body[1].creation_date is required",
      "body[1].configuration_id is required",
    ]);
  });

  test("a project id that is not an integer → 400, as Prism answers a GET", async () => {
    for (const path of ["/projects/abc", "/abc"]) {
      const response = await fetch(url + path, { headers: auth });
      expect(response.status, path).toBe(400);
      expect(await errorsOf(response)).toEqual([
        expect.stringContaining("path.projectId must be an integer"),
      ]);
    }
  });

  test("a body that is not JSON → 415", async () => {
    const response = await fetch(`${url}/projects/1/thematics`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "text/plain" },
      body: "hello",
    });
    expect(response.status).toBe(415);
    expect(await errorsOf(response)).toEqual([expect.stringContaining("application/json")]);
  });

  test("a client with validate: false reaches the handlers, which still refuse", async () => {
    const body = { text: "t", lang: "de" } as unknown as { text: string; lang: "en" };
    for (const unchecked of [
      createQemotionClient({ apiKey: "qm-wire-key", validate: false }).POST(
        "/projects/{projectId}/thematics",
        {
          ...path,
          body,
        },
      ),
      client.POST("/projects/{projectId}/thematics", { ...path, body, validate: false }),
    ]) {
      const { error, response } = await unchecked;
      expect(response.status).toBe(422);
      expect(error).toEqual({ errors: [expect.stringMatching(/^body\.lang must be one of/)] });
    }
  });
});

test("handlers can be overridden per test with typed responses", async () => {
  server.use(
    qemotionHttp().get("/projects", ({ response }) => response(503).json({ errors: ["maintenance"] })),
  );
  const { data, error, response } = await client.GET("/projects");
  expect(data).toBeUndefined();
  expect(response.status).toBe(503);
  expect(error).toEqual({ errors: ["maintenance"] });
});

describe("bulk helper over the wire", () => {
  const make = (i: number, overrides: Partial<Verbatim> = {}): Verbatim => ({
    text: `verbatim ${i}`,
    lang: "fr",
    creation_date: "2023-02-17",
    configuration_id: 23,
    verbatim_external_id: `ext-${i}`,
    ...overrides,
  });

  test("250 verbatims, two invalid, one refused batch: every index is accounted for", async () => {
    let batch = 0;
    server.use(
      qemotionHttp().post("/projects/{projectId}/verbatims/bulk", async ({ request, response }) => {
        batch += 1;
        const sent = await request.json();
        if (batch === 2) return response(422).json({ errors: [{ index: 0, errors: ["Unknown filter"] }] });
        return response(200).json(
          sent.map((v, i) => ({
            id: i,
            uuid: `u-${v.verbatim_external_id}`,
            verbatim_external_id: v.verbatim_external_id ?? null,
            creation_date: v.creation_date,
          })),
        );
      }),
    );
    const input = Array.from({ length: 250 }, (_, i) => make(i));
    input[7] = make(7, { lang: "de" as never });
    input[120] = make(120, { text: "x".repeat(10_001) });
    const report = await addVerbatimsInBatches(client, 1, input, { batchSize: 100 });

    expect(report.ok).toBe(false);
    expect(report.invalid.map((i) => i.index)).toEqual([7, 120]);
    expect(report.invalid[0]?.issues[0]?.field).toBe("verbatims[7].lang");
    expect(report.invalid[1]?.issues[0]?.field).toBe("verbatims[120].text");
    // Batch 2 holds the valid indexes 101..201 (100 of them, 120 skipped); the API refused it whole.
    expect(report.rejected).toHaveLength(100);
    expect(report.rejected.every((r) => r.status === 422 && r.sent)).toBe(true);
    expect(report.rejected[0]?.errors).toEqual([{ index: 0, errors: ["Unknown filter"] }]);
    expect(report.created).toHaveLength(148);
    const seen = [...report.created, ...report.invalid, ...report.rejected]
      .map((r) => r.index)
      .sort((a, b) => a - b);
    expect(seen).toEqual(input.map((_, i) => i));
  });
});
