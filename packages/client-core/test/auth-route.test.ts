// Auth strategies see the operation ({ method, path template }): one client can serve operations with
// different security schemes, e.g. Basic for the token endpoint and a refreshable bearer token elsewhere.
import {
  type AuthHeaders,
  type AuthRequest,
  type AuthStrategy,
  authMiddleware,
  basicAuth,
  createApiClient,
  tokenAuth,
} from "@cxkit/client-core";
import createClient from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { json, type paths, preset, stubFetch } from "./support.js";

const BASIC = `Basic ${btoa("key:secret")}`;

/** Basic for `POST /items` (say, the token endpoint), a renewable bearer token for everything else. */
function routed() {
  const seen: { headers: AuthRequest[]; refresh: AuthRequest[] } = { headers: [], refresh: [] };
  let token = "t1";
  const basic = basicAuth("key", "secret");
  const bearer = tokenAuth({ getToken: () => token, refresh: async () => (token = "t2") });
  const usesBasic = (req?: AuthRequest) => req?.method === "POST" && req.path === "/items";
  const auth: AuthStrategy = {
    headers(req) {
      seen.headers.push(req!);
      return usesBasic(req) ? basic.headers(req) : bearer.headers(req);
    },
    async refresh(used: AuthHeaders, req) {
      seen.refresh.push(req!);
      return usesBasic(req) ? undefined : bearer.refresh!(used, req);
    },
  };
  return { auth, seen };
}

describe("a strategy choosing its scheme by route", () => {
  test("Basic on one operation, bearer on the others, in one client", async () => {
    const { auth, seen } = routed();
    const { calls, fetch } = stubFetch((call) => json(call.method === "POST" ? { id: "1" } : { items: [] }));
    const client = createApiClient<paths>(preset, auth, { fetch });
    await client.POST("/items", { body: { name: "a" } });
    await client.GET("/items/{id}", { params: { path: { id: "42" } } });
    await client.request("get", "/items");
    expect(calls.map((c) => c.headers.get("authorization"))).toEqual([BASIC, "Bearer t1", "Bearer t1"]);
    expect(seen.headers).toEqual([
      { method: "POST", path: "/items" },
      { method: "GET", path: "/items/{id}" }, // the template, never the concrete URL
      { method: "GET", path: "/items" },
    ]);
  });

  test("a 401 refreshes with the route too: bearer operations replay, the Basic one does not", async () => {
    const { auth, seen } = routed();
    const { calls, fetch } = stubFetch((call) =>
      call.headers.get("authorization") === "Bearer t2" ? json({ items: [] }) : json({ message: "no" }, 401),
    );
    const client = createApiClient<paths>(preset, auth, { fetch });
    expect((await client.GET("/items")).response.status).toBe(200);
    expect((await client.POST("/items", { body: { name: "a" } })).response.status).toBe(401);
    expect(calls.map((c) => c.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2", BASIC]);
    expect(seen.refresh).toEqual([
      { method: "GET", path: "/items" },
      { method: "POST", path: "/items" },
    ]);
  });

  test("every attempt asks again: retries carry the route's credential", async () => {
    const { auth, seen } = routed();
    const { calls, fetch } = stubFetch((_, n) => (n === 1 ? json({}, 503) : json({ items: [] })));
    const client = createApiClient<paths>(preset, auth, { fetch, retryDelayMs: 0 });
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(calls).toHaveLength(2);
    expect(seen.headers).toEqual([
      { method: "GET", path: "/items/{id}" },
      { method: "GET", path: "/items/{id}" },
    ]);
  });

  test("authMiddleware passes the route as well", async () => {
    const { auth, seen } = routed();
    const { calls, fetch } = stubFetch(() => json({ id: "1" }));
    const plain = createClient<paths>({ baseUrl: preset.baseUrl, fetch });
    plain.use(authMiddleware(auth, { baseUrl: preset.baseUrl }));
    await plain.POST("/items", { body: { name: "a" } });
    expect(calls[0]!.headers.get("authorization")).toBe(BASIC);
    expect(seen.headers).toEqual([{ method: "POST", path: "/items" }]);
  });

  test("strategies written without a parameter keep working", async () => {
    const legacy: AuthStrategy = { headers: () => ({ authorization: "Token abc" }) };
    const { calls, fetch } = stubFetch(() => json({ items: [] }));
    await createApiClient<paths>(preset, legacy, { fetch }).GET("/items");
    expect(calls[0]!.headers.get("authorization")).toBe("Token abc");
  });
});
