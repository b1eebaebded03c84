// What createApiClient applies to some operations only: the spec's `explode: false` query lists go
// comma-separated for the operations that declare them, constant header parameters are sent unless the
// call sets them itself, and `operationMiddleware` runs for its operations alone.
import { bearerAuth, createApiClient } from "@cxkit/client-core";
import type { Middleware } from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { json, type paths, preset, stubFetch } from "./support.js";

const spec = {
  ...preset,
  unexplodedQuery: { "GET /items": ["include"] },
  constantHeaders: { "GET /items/{id}": { "x-api-version": "2" } },
};
// biome-ignore lint/suspicious/noExplicitAny: the test paths do not declare these parameters
const loose = (init: object) => init as any;

describe("serialisation from the spec", () => {
  test("an unexploded list is one comma-separated value; other lists and values as usual", async () => {
    const { calls, fetch } = stubFetch(() => json({ items: [] }));
    const client = createApiClient<paths>(spec, bearerAuth("k"), { fetch });
    await client.GET(
      "/items",
      loose({ params: { query: { include: ["a", "b c"], tag: ["x", "y"], page: 2 } } }),
    );
    expect(new URL(calls[0]!.url).search).toBe("?tag=x&tag=y&page=2&include=a,b%20c");
  });

  test("an operation that does not declare the list repeats it", async () => {
    const { calls, fetch } = stubFetch(() => json({}));
    const client = createApiClient<paths>(spec, bearerAuth("k"), { fetch });
    await client.GET("/items/{id}", loose({ params: { path: { id: "1" }, query: { include: ["a", "b"] } } }));
    expect(new URL(calls[0]!.url).search).toBe("?include=a&include=b");
  });

  test("the call's own querySerializer wins", async () => {
    const { calls, fetch } = stubFetch(() => json({ items: [] }));
    const client = createApiClient<paths>(spec, bearerAuth("k"), { fetch });
    await client.GET(
      "/items",
      loose({ params: { query: { include: ["a", "b"] } }, querySerializer: () => "mine=1" }),
    );
    expect(new URL(calls[0]!.url).search).toBe("?mine=1");
  });

  test("a constant header parameter is sent unless the call gives it", async () => {
    const { calls, fetch } = stubFetch(() => json({}));
    const client = createApiClient<paths>(spec, bearerAuth("k"), { fetch });
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    await client.GET("/items/{id}", { params: { path: { id: "1" } }, headers: { "X-Api-Version": "3" } });
    expect(calls.map((c) => c.headers.get("x-api-version"))).toEqual(["2", "3"]);
  });

  test("operationMiddleware runs for its operation only, before the call's own", async () => {
    const { fetch } = stubFetch(() => json({ items: [] }));
    const seen: string[] = [];
    const tag = (name: string): Middleware => ({
      onRequest: ({ request, schemaPath }) => {
        seen.push(`${name} ${request.method} ${schemaPath}`);
      },
    });
    const client = createApiClient<paths>(preset, bearerAuth("k"), {
      fetch,
      operationMiddleware: { "POST /items": [tag("op")] },
    });
    await client.GET("/items");
    await client.POST("/items", { body: { name: "a" }, middleware: [tag("call")] });
    await client.request("post", "/items", { body: { name: "b" } });
    expect(seen).toEqual(["op POST /items", "call POST /items", "op POST /items"]);
  });
});
