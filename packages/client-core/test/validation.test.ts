import {
  createApiClient,
  type RequestCheck,
  rawAuthorization,
  ValidationError,
  validateBodies,
} from "@cxkit/client-core";
import { expect, test } from "vitest";

const preset = { vendor: "test", baseUrl: "http://127.0.0.1:9", rateLimit: { limit: 100, intervalMs: 1000 } };
type Paths = {
  "/items": {
    post: {
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 200: { content: { "application/json": { ok: boolean } } } };
    };
  };
};

function clientWith(check: RequestCheck) {
  const sent: Request[] = [];
  const client = createApiClient<Paths>({ ...preset, check }, rawAuthorization("secret-key-123"), {
    fetch: (async (request: Request) => {
      sent.push(request);
      return Response.json({ ok: true });
    }) as typeof fetch,
  });
  return { client, sent };
}

test("a body breaking a rule is refused before the network, naming the field", async () => {
  const { client, sent } = clientWith(
    validateBodies({
      "POST /items": (body) =>
        (body as { name: string }).name ? [] : [{ field: "name", message: "must not be empty" }],
    }),
  );
  const error = await client.POST("/items", { body: { name: "" } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).issues).toEqual([{ field: "name", message: "must not be empty" }]);
  expect((error as Error).message).toBe("Invalid POST /items body: name must not be empty");
  expect(JSON.stringify(error) + String(error)).not.toContain("secret-key-123");
  expect(sent).toHaveLength(0);
});

test("valid bodies and operations without a rule go through", async () => {
  const { client, sent } = clientWith(validateBodies({ "POST /items": () => [] }));
  expect((await client.POST("/items", { body: { name: "a" } })).data).toEqual({ ok: true });
  const { client: other, sent: otherSent } = clientWith(
    validateBodies({ "PUT /items": () => [{ field: "x", message: "never" }] }),
  );
  await other.POST("/items", { body: { name: "a" } });
  expect(sent).toHaveLength(1);
  expect(otherSent).toHaveLength(1);
});

test("a custom error class is used when given", async () => {
  class VendorError extends ValidationError {}
  const { client } = clientWith(
    validateBodies({ "POST /items": () => [{ field: "f", message: "m" }] }, (i, c) => new VendorError(i, c)),
  );
  await expect(client.POST("/items", { body: { name: "a" } })).rejects.toBeInstanceOf(VendorError);
});

test("the check sees the call's plain inputs once, however many attempts follow", async () => {
  const calls: unknown[] = [];
  let attempts = 0;
  const client = createApiClient<Paths>(
    { ...preset, check: (call) => void calls.push(call) },
    rawAuthorization("secret-key-123"),
    {
      retryDelayMs: 1,
      retryNonIdempotent: true,
      fetch: (async () =>
        ++attempts < 3 ? new Response(null, { status: 503 }) : Response.json({ ok: true })) as typeof fetch,
    },
  );
  await client.POST("/items", { body: { name: "a" } });
  expect(attempts).toBe(3);
  expect(calls).toEqual([{ method: "POST", path: "/items", params: {}, body: { name: "a" } }]);
});
