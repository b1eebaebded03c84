import { readFileSync } from "node:fs";
import {
  addVerbatimsInBatches,
  createQemotionClient,
  parseCallbackPayload,
  QEMOTION_PRESET,
  QemotionValidationError,
  SURVEY_QUESTIONS,
  type Verbatim,
  validateThematicsInput,
  validateVerbatim,
} from "@cxkit/client-qemotion";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

const apiKey = "qm-secret-key-5f1c";
const ok: Verbatim = { text: "Fine", lang: "en", creation_date: "2023-02-17", configuration_id: 23 };
const spec = parse(readFileSync(new URL("../../../specs/qemotion/openapi.yaml", import.meta.url), "utf8"));

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

  test("defaults to the production base URL", async () => {
    const { fetch, requests } = fakeFetch(() => Response.json([]));
    await createQemotionClient({ apiKey, fetch }).GET("/projects");
    expect(requests[0]?.url).toBe("https://api-integration.cxinsights.io/projects");
  });

  test("requires an API key", () => {
    expect(() => createQemotionClient({ apiKey: "" })).toThrow(/apiKey/);
  });

  test.each([
    ["/projects/{projectId}/verbatims", { ...ok, lang: "de" }, "lang"],
    ["/projects/{projectId}/thematics", { text: "x".repeat(10_001), lang: "fr" }, "text"],
    ["/projects/{projectId}/verbatims/bulk", [ok, { ...ok, informations: big(21) }], "[1].informations"],
    ["/projects/{projectId}/verbatims/bulk", [], "(body)"],
  ] as const)("refuses an invalid %s body before the network, naming %s", async (path, body, field) => {
    const { fetch, requests } = fakeFetch();
    const client = createQemotionClient({ apiKey, fetch });
    const call = client.POST(path as "/projects/{projectId}/verbatims", {
      params: { path: { projectId: 1 } },
      body: body as Verbatim,
    });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QemotionValidationError);
    expect((error as Error).message).toContain(field);
    expect(JSON.stringify(error) + String(error)).not.toContain(apiKey);
    expect(requests).toHaveLength(0);
  });
});

describe("validateVerbatim", () => {
  test("accepts the documentation's example, numeric-string configuration_id included", () => {
    const documented =
      spec.paths["/projects/{projectId}/verbatims"].post.requestBody.content["application/json"].examples
        .documented.value;
    expect(validateVerbatim(documented)).toEqual([]);
  });

  test.each([
    [{ ...ok, text: undefined }, "text"],
    [{ ...ok, text: "" }, "text"],
    [{ ...ok, text: "a".repeat(10_001) }, "text"],
    [{ ...ok, lang: "FR" }, "lang"],
    [{ ...ok, creation_date: "2023-13-01" }, "creation_date"],
    [{ ...ok, creation_date: "2023-02-17 10:00" }, "creation_date"],
    [{ ...ok, configuration_id: 2.5 }, "configuration_id"],
    [{ ...ok, configuration_id: "23a" }, "configuration_id"],
    [{ ...ok, conversation_id: "c" }, "customer_external_id"],
    [{ ...ok, conversation_id: "c", customer_external_id: "u" }, "verbatim_external_id"],
    [{ ...ok, informations: big(21) }, "informations"],
    [{ ...ok, informations: { a: { nested: true } } }, "informations.a"],
    [{ ...ok, filters: { f: [1] } }, "filters.f"],
    [{ ...ok, reco: "10" }, "reco"],
    [{ ...ok, author: 7 }, "author"],
    ["text", "(verbatim)"],
  ])("flags %j at %s", (input, field) => {
    expect(validateVerbatim(input).map((i) => i.field)).toContain(field);
  });

  test("counts characters as code points, like the mock's JSON Schema maxLength", () => {
    expect(validateVerbatim({ ...ok, text: "😀".repeat(10_000) })).toEqual([]);
    expect(validateVerbatim({ ...ok, text: "😀".repeat(10_001) })[0]?.field).toBe("text");
  });

  test("accepts every creation_date form the documentation shows", () => {
    for (const creation_date of [
      "2023-02-17",
      "2023-02-17T10:47:00.852Z",
      "2023-02-17T10:47:00:852",
      "2023-02-17T10:47:00",
    ])
      expect(validateVerbatim({ ...ok, creation_date })).toEqual([]);
  });

  test("thematics input needs text and lang", () => {
    expect(validateThematicsInput({ text: "x", lang: "en" })).toEqual([]);
    expect(validateThematicsInput({ text: "x" }).map((i) => i.field)).toEqual(["lang"]);
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

test("the rate-limit preset is the spec's documented limit", () => {
  const { requests, perSeconds } = spec.info["x-cxkit-rate-limit"];
  expect(QEMOTION_PRESET.rateLimit).toMatchObject({ limit: requests, intervalMs: perSeconds * 1000 });
});

test("SURVEY_QUESTIONS is the spec's documented list", () => {
  const { description, ...lists } = spec.info["x-cxkit-survey-questions"];
  expect(description).toBeTypeOf("string");
  expect(SURVEY_QUESTIONS).toEqual(lists);
});

function big(n: number) {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
}
