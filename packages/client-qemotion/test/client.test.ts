import { readFileSync } from "node:fs";
import {
  addVerbatimsInBatches,
  CREATION_DATE_PATTERN,
  createQemotionClient,
  INFORMATIONS_MAX_ENTRIES,
  LANGUAGES,
  parseCallbackPayload,
  QEMOTION_BASE_URL,
  QEMOTION_PRESET,
  QEMOTION_RULES,
  QEMOTION_SPEC,
  SURVEY_QUESTIONS,
  TEXT_MAX_LENGTH,
  ValidationError,
  type Verbatim,
  validateThematicsInput,
  validateVerbatim,
} from "@cxkit/client-qemotion";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const apiKey = "qm-secret-key-5f1c";
const ok: Verbatim = { text: "Fine", lang: "en", creation_date: "2023-02-17", configuration_id: 23 };
const spec = parse(readFileSync(new URL("../../../specs/qemotion/openapi.yaml", import.meta.url), "utf8"));
const path = { params: { path: { projectId: 1 } } };

/** An injected fetch that records requests and answers with `answer`. */
function fakeFetch(answer: (request: Request, n: number) => Response = () => Response.json({ uuid: "u1" })) {
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return answer(input, requests.length);
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

describe("createQemotionClient", () => {
  test("sends the key as a bearer token to the base URL", async () => {
    const { fetch, requests } = fakeFetch(() => Response.json([]));
    const client = createQemotionClient({ apiKey, baseUrl: "http://127.0.0.1:9", fetch });
    await client.GET("/projects");
    expect(requests[0]?.url).toBe("http://127.0.0.1:9/projects");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${apiKey}`);
  });

  test("defaults to the spec's first server", async () => {
    const { fetch, requests } = fakeFetch(() => Response.json([]));
    await createQemotionClient({ apiKey, fetch }).GET("/projects");
    expect(requests[0]?.url).toBe(`${spec.servers[0].url}/projects`);
  });

  test("requires an API key", () => {
    expect(() => createQemotionClient({ apiKey: "" })).toThrow(/apiKey/);
  });
});

// Which values break which constraint is the generated constraint-mutation test's job
// (mocks/qemotion/test/constraints.test.ts); these check how a refusal reaches the caller.
describe("validation before the network", () => {
  const bad = { ...ok, lang: "de", configuration_id: 2.5 } as unknown as Verbatim;

  test("a call breaking the spec throws client-core's ValidationError naming every field, sending nothing", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createQemotionClient({ apiKey, fetch });
    const error = await client
      .POST("/projects/{projectId}/verbatims/bulk", { ...path, body: [ok, bad] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({
      kind: "validation",
      method: "POST",
      path: "/projects/{projectId}/verbatims/bulk",
      issues: [
        { field: "body[1].lang", message: expect.stringContaining("fr, en") },
        { field: "body[1].configuration_id", message: expect.stringContaining("integer") },
      ],
    });
    expect((error as Error).message).toMatch(
      /^POST \/projects\/\{projectId\}\/verbatims\/bulk: invalid request: body\[1\]\.lang/,
    );
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
    expect(requests).toHaveLength(0);
  });

  test("path parameters are checked as the server reads them", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createQemotionClient({ apiKey, fetch });
    await expect(
      client.GET("/projects/{projectId}", { params: { path: { projectId: "abc" as never } } }),
    ).rejects.toThrow(/path\.projectId must be an integer/);
    expect(requests).toHaveLength(0);
  });

  test("validate: false on the client sends an invalid request to the network", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createQemotionClient({ apiKey, fetch, validate: false });
    const { response } = await client.POST("/projects/{projectId}/verbatims", { ...path, body: bad });
    expect(response.status).toBe(200);
    expect(await requests[0]?.json()).toMatchObject({ lang: "de" });
  });

  test("validate: false in one call's options sends that call only", async () => {
    const { fetch, requests } = fakeFetch();
    const client = createQemotionClient({ apiKey, fetch });
    await client.POST("/projects/{projectId}/verbatims", { ...path, body: bad, validate: false });
    expect(await requests[0]?.json()).toMatchObject({ lang: "de" });
    await expect(client.POST("/projects/{projectId}/verbatims", { ...path, body: bad })).rejects.toThrow(
      ValidationError,
    );
    expect(requests).toHaveLength(1);
  });

  test("validateVerbatim / validateThematicsInput run the same spec check, named from the caller's value", () => {
    expect(validateVerbatim(ok)).toEqual([]);
    expect(validateVerbatim(bad).map((i) => i.field)).toEqual(["verbatim.lang", "verbatim.configuration_id"]);
    expect(validateVerbatim(bad, "rows[3]")[0]?.field).toBe("rows[3].lang");
    expect(validateThematicsInput({ text: "x" }).map((i) => i.field)).toEqual(["body.lang"]);
  });

  test("the documentation's verbatim example passes", () => {
    const documented =
      spec.paths["/projects/{projectId}/verbatims"].post.requestBody.content["application/json"].examples
        .documented.value;
    expect(validateVerbatim(documented)).toEqual([]);
  });
});

describe("QEMOTION_RULES", () => {
  test("holds rules only for operations of the spec (none today: the schema says everything)", () => {
    for (const key of Object.keys(QEMOTION_RULES)) expect(QEMOTION_SPEC.operations).toHaveProperty([key]);
    expect(Object.keys(QEMOTION_RULES)).toEqual([]);
  });
});

describe("addVerbatimsInBatches", () => {
  test("sends valid verbatims in batches and reports every index", async () => {
    const calls: number[][] = [];
    const client = createQemotionClient({
      apiKey,
      fetch: (async (request: Request) => {
        const body = (await request.clone().json()) as Verbatim[];
        calls.push(body.map((v) => Number(v.verbatim_external_id)));
        return Response.json(
          body.map((v, i) => ({
            id: i,
            uuid: `u${v.verbatim_external_id}`,
            verbatim_external_id: v.verbatim_external_id,
          })),
        );
      }) as typeof globalThis.fetch,
    });
    const input = Array.from({ length: 5 }, (_, i) => ({ ...ok, verbatim_external_id: String(i) }));
    const report = await addVerbatimsInBatches(client, 1, input, { batchSize: 2 });
    expect(calls).toEqual([[0, 1], [2, 3], [4]]);
    expect(report.ok).toBe(true);
    expect(report.created.map((c) => c.verbatim.uuid)).toEqual(["u0", "u1", "u2", "u3", "u4"]);
  });

  test("invalid verbatims are reported with the spec's reasons, named from the input, and never sent", async () => {
    const { fetch, requests } = fakeFetch(() =>
      Response.json([{ id: 1, uuid: "u", verbatim_external_id: null }]),
    );
    const report = await addVerbatimsInBatches(createQemotionClient({ apiKey, fetch }), 1, [
      { ...ok, lang: "de" as never },
      ok,
    ]);
    expect(report.invalid).toEqual([
      { index: 0, issues: [{ field: "verbatims[0].lang", message: expect.stringContaining("fr, en") }] },
    ]);
    expect(report.created.map((c) => c.index)).toEqual([1]);
    expect(requests).toHaveLength(1);
    expect(await requests[0]?.json()).toEqual([ok]);
  });

  test("a failing network rejects only that batch, with the reason", async () => {
    const { fetch } = fakeFetch((_, n) => {
      if (n === 1) throw new TypeError("fetch failed");
      return Response.json([{ id: 1, uuid: "u" }]);
    });
    const report = await addVerbatimsInBatches(createQemotionClient({ apiKey, fetch }), 1, [ok, ok], {
      batchSize: 1,
    });
    expect(report.rejected).toEqual([
      { index: 0, sent: true, reason: expect.stringContaining("network error") },
    ]);
    expect(report.created.map((c) => c.index)).toEqual([1]);
  });

  test("an abort stops before the next batch and reports the unsent verbatims", async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(() => Response.json([{ id: 1, uuid: "u" }]));
    const report = await addVerbatimsInBatches(createQemotionClient({ apiKey, fetch }), 1, [ok, ok, ok], {
      batchSize: 1,
      onBatch: () => controller.abort(),
      signal: controller.signal,
    });
    expect(report.created).toHaveLength(1);
    expect(report.rejected.map((r) => [r.index, r.sent])).toEqual([
      [1, false],
      [2, false],
    ]);
  });

  test("entries missing from a short response are reported, not assumed created", async () => {
    const { fetch } = fakeFetch(() => Response.json([{ id: 1, uuid: "u", verbatim_external_id: "b" }]));
    const input = [
      { ...ok, verbatim_external_id: "a" },
      { ...ok, verbatim_external_id: "b" },
    ];
    const report = await addVerbatimsInBatches(createQemotionClient({ apiKey, fetch }), 1, input);
    expect(report.created.map((c) => c.index)).toEqual([1]);
    expect(report.rejected).toEqual([{ index: 0, sent: true, reason: "missing from the API's response" }]);
  });

  test("rejects a nonsensical batch size", async () => {
    await expect(
      addVerbatimsInBatches(createQemotionClient({ apiKey }), 1, [ok], { batchSize: 0 }),
    ).rejects.toThrow(/batchSize/);
  });
});

describe("parseCallbackPayload", () => {
  test("parses the documented success and failure payloads", () => {
    const examples =
      spec.paths["/projects/{projectId}/verbatims"].post.callbacks.verbatimProcessed[
        "{$request.body#/callback_url}"
      ].post.requestBody.content["application/json"].examples;
    expect(parseCallbackPayload(JSON.stringify(examples.processed.value))).toMatchObject({ succeeded: true });
    expect(parseCallbackPayload(examples.failed.value)).toMatchObject({
      succeeded: false,
      error: expect.any(String),
    });
  });

  test("accepts a numeric status and normalises it", () => {
    expect(parseCallbackPayload({ uuid: "u", status: 200 })).toEqual({
      uuid: "u",
      status: "200",
      succeeded: true,
    });
  });

  test.each([["{"], [[]], [{ status: "200" }], [{ uuid: "u" }], [{ uuid: "u", status: "200", error: 1 }]])(
    "refuses %j",
    (body) => {
      expect(() => parseCallbackPayload(body)).toThrow(TypeError);
    },
  );
});

test("the preset and the exported constants are read off the spec", () => {
  const { requests, perSeconds } = spec.info["x-cxkit-rate-limit"];
  expect(QEMOTION_PRESET.rateLimit).toMatchObject({ limit: requests, intervalMs: perSeconds * 1000 });
  expect(QEMOTION_PRESET.baseUrl).toBe(QEMOTION_BASE_URL);
  expect(QEMOTION_BASE_URL).toBe(spec.servers[0].url);
  const input = spec.components.schemas.VerbatimInput.properties;
  expect(LANGUAGES).toEqual(spec.components.schemas.Language.enum);
  expect(TEXT_MAX_LENGTH).toBe(input.text.maxLength);
  expect(INFORMATIONS_MAX_ENTRIES).toBe(input.informations.maxProperties);
  expect(CREATION_DATE_PATTERN.source).toBe(input.creation_date.pattern);
});

test("SURVEY_QUESTIONS is the spec's documented list", () => {
  const { description, ...lists } = spec.info["x-cxkit-survey-questions"];
  expect(description).toBeTypeOf("string");
  expect(SURVEY_QUESTIONS).toEqual(lists);
});
