// The route-aware auth of the one EvaluAgent client: every call gets the credentials its operation's
// `security` names in the spec, read off the generated `operationSecurity`.
import { readFileSync } from "node:fs";
import { ApiError } from "@cxkit/client-core";
import { createEvaluagentClient, type StoredToken, type TokenStore } from "@cxkit/client-evaluagent";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { credentialsFor, credentialsOf, routeAuth } from "../src/auth.js";
import { operationSecurity, vendor } from "../src/generated/vendor.js";
import { TokenSession } from "../src/tokens.js";

const accessKeyId = "ea-auth-key-id";
const secretKey = "ea-auth-secret-83d0b7";
const basic = `Basic ${btoa(`${accessKeyId}:${secretKey}`)}`;
const spec = parse(readFileSync(new URL("../../../specs/evaluagent/openapi.yaml", import.meta.url), "utf8"));
const baseUrl = "http://127.0.0.1:9/v1";
const METHODS = ["get", "put", "post", "delete", "patch"];

/** Every operation of the spec with its own `security`: `[METHOD, path, scheme names]`. */
const own: [string, string, string[]][] = Object.entries<Record<string, { security?: object[] }>>(spec.paths)
  .flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]?.security).map(
      (m) => [m.toUpperCase(), path, item[m]!.security!.flatMap(Object.keys)] as [string, string, string[]],
    ),
  )
  .filter(([, , names]) => JSON.stringify(names) !== JSON.stringify(spec.security.flatMap(Object.keys)));

const tokenDoc = (value: string, status: number) =>
  Response.json(
    {
      data: {
        type: "tokens",
        attributes: { token: value, token_type: "Bearer", expires_at: "2099-01-01T00:00:00Z" },
      },
    },
    { status },
  );

/** A fake EvaluAgent: tokens `t-1`, `t-2`, … per create/refresh; `valid` tokens accepted elsewhere. */
function fakeApi(opts: { valid?: (auth: string | null) => boolean; delay?: () => Promise<void> } = {}) {
  const sent: string[] = [];
  let issued = 0;
  const fetch = async (request: Request) => {
    const auth = request.headers.get("authorization");
    const path = new URL(request.url).pathname.slice("/v1".length);
    sent.push(`${request.method} ${path} ${auth}`);
    await opts.delay?.();
    if (path === "/auth/token" && request.method === "POST") return tokenDoc(`t-${++issued}`, 201);
    if (path === "/auth/token/refresh") return tokenDoc(`t-${++issued}`, 200);
    if (path === "/auth/token") return new Response(null, { status: 204 });
    if (opts.valid && !opts.valid(auth))
      return Response.json(
        { errors: [{ status: "401", title: "Unauthorized", detail: auth }] },
        { status: 401 },
      );
    return Response.json({ data: [] });
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const memoryStore = (initial?: StoredToken) => {
  const saved: StoredToken[] = [];
  const store: TokenStore & { value?: StoredToken } = {
    value: initial,
    load: async () => store.value,
    save: async (t) => {
      store.value = t;
      saved.push(t);
    },
    clear: async () => {
      store.value = undefined;
    },
  };
  return { store, saved };
};

describe("operationSecurity (generated)", () => {
  test("lists exactly the spec's operations whose security differs from the API-wide one", () => {
    expect(own.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(operationSecurity).sort()).toEqual(own.map(([m, p]) => `${m} ${p}`).sort());
    for (const [m, p] of own)
      expect(operationSecurity[`${m} ${p}` as keyof typeof operationSecurity]).toEqual(
        spec.paths[p][m.toLowerCase()].security,
      );
  });

  test("credentials follow the schemes' types, not their names", () => {
    expect(credentialsOf(vendor.security)).toBe("either");
    expect(credentialsOf([{ basicAuth: [] }])).toBe("basic");
    expect(credentialsOf([{ bearerAuth: [] }])).toBe("bearer");
    expect(credentialsOf([{}])).toBe("none");
    expect(() => credentialsOf([{ apiKey: [] }])).toThrow(/unsupported security/);
    expect(credentialsFor({ method: "GET", path: "/org/users" })).toBe("either");
    expect(credentialsFor({ method: "GET", path: "/auth/token" })).toBe("either"); // no such operation
  });
});

describe("each token operation gets the credentials its spec security names", () => {
  test.each(own)("%s %s: %j", async (method, path, names) => {
    const scheme = vendor.securitySchemes[names[0] as keyof typeof vendor.securitySchemes].scheme;
    // Creating needs no token; refreshing and revoking need one (here from the store).
    const stored = scheme === "bearer" ? { token: "stored-1", expiresAt: "2099-01-01T00:00:00Z" } : undefined;
    const { fetch, sent } = fakeApi();
    const client = createEvaluagentClient({
      accessKeyId,
      secretKey,
      baseUrl,
      fetch,
      tokenStore: memoryStore(stored).store,
    });
    const result = await client.request(method.toLowerCase() as "post", path as never);
    expect(result.response.ok).toBe(true);
    expect(sent).toEqual([`${method} ${path} ${scheme === "basic" ? basic : "Bearer stored-1"}`]);
  });

  test("a raw create, refresh and revoke keep tokens and the store up to date", async () => {
    const { fetch, sent } = fakeApi();
    const { store, saved } = memoryStore();
    const client = createEvaluagentClient({ accessKeyId, secretKey, baseUrl, fetch, tokenStore: store });
    await client.POST("/auth/token");
    await client.POST("/auth/token/refresh");
    expect((await client.tokens.current()).token).toBe("t-2");
    await client.DELETE("/auth/token");
    expect(saved.map((t) => t.token)).toEqual(["t-1", "t-2"]);
    expect(store.value).toBeUndefined();
    await expect(client.GET("/org/users")).rejects.toMatchObject({ reason: "revoked" });
    expect(sent).toEqual([
      `POST /auth/token ${basic}`,
      "POST /auth/token/refresh Bearer t-1",
      "DELETE /auth/token Bearer t-2",
    ]);
  });
});

describe("operations of the API-wide security", () => {
  test("Basic until tokens.create(), then the token", async () => {
    const { fetch, sent } = fakeApi();
    const client = createEvaluagentClient({ accessKeyId, secretKey, baseUrl, fetch });
    await client.GET("/org/users");
    expect((await client.tokens.create()).token).toBe("t-1");
    await client.GET("/org/users");
    await client.PATCH("/org/users/{id}", {
      params: { path: { id: "a7c3e5f9-8d1b-4a26-9e4c-3f6b2d8a0c57" } },
      body: { data: { type: "users", id: "a7c3e5f9-8d1b-4a26-9e4c-3f6b2d8a0c57", attributes: {} } },
    } as never);
    expect(sent).toEqual([
      `GET /org/users ${basic}`,
      `POST /auth/token ${basic}`,
      "GET /org/users Bearer t-1",
      "PATCH /org/users/a7c3e5f9-8d1b-4a26-9e4c-3f6b2d8a0c57 Bearer t-1",
    ]);
  });

  test("known credentials are returned synchronously, the same object every call", async () => {
    const session = new TokenSession({ autoCreate: false, refreshMarginMs: 3_600_000 });
    const auth = routeAuth(session, { authorization: basic });
    const req = { method: "GET", path: "/org/users" };
    const first = auth.headers(req);
    expect(first).not.toBeInstanceOf(Promise);
    expect(auth.headers(req)).toBe(first);
    expect(auth.headers({ method: "POST", path: "/auth/token" })).toBe(first);
    // With a token from the store: after the one load, the token's headers, synchronously.
    const stored = new TokenSession({
      store: memoryStore({ token: "s-1", expiresAt: "2099-01-01T00:00:00Z" }).store,
      autoCreate: false,
      refreshMarginMs: 3_600_000,
    });
    const bearer = routeAuth(stored, { authorization: basic });
    expect(await bearer.headers(req)).toEqual({ authorization: "Bearer s-1" });
    const known = bearer.headers(req);
    expect(known).not.toBeInstanceOf(Promise);
    expect(bearer.headers(req)).toBe(known);
    expect(bearer.headers({ method: "POST", path: "/auth/token/refresh" })).toBe(known);
  });

  test("a token due for refresh is refreshed before the call", async () => {
    const { fetch, sent } = fakeApi();
    const soon = new Date(Date.now() + 60_000).toISOString();
    const client = createEvaluagentClient({
      accessKeyId,
      secretKey,
      baseUrl,
      fetch,
      tokenStore: memoryStore({ token: "old", expiresAt: soon }).store,
    });
    await client.GET("/org/users");
    expect(sent).toEqual(["POST /auth/token/refresh Bearer old", "GET /org/users Bearer t-1"]);
  });
});

describe("a 401 on a bearer call", () => {
  test("refreshes once for concurrent calls (single flight) and replays each once", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const api = fakeApi({
      valid: (auth) => auth === "Bearer t-1", // only the refreshed token
      // Every answer waits for the gate: all five calls are refused before the refresh answers.
      delay: () => gate,
    });
    const fetch = api.fetch;
    const { store, saved } = memoryStore({ token: "stale", expiresAt: "2099-01-01T00:00:00Z" });
    const client = createEvaluagentClient({ accessKeyId, secretKey, baseUrl, fetch, tokenStore: store });
    const calls = Promise.all(Array.from({ length: 5 }, () => client.GET("/org/users")));
    await new Promise((r) => setTimeout(r, 0));
    release();
    const results = await calls;
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200]);
    const lines = api.sent;
    expect(lines.filter((l) => l === "GET /org/users Bearer stale")).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith("POST /auth/token/refresh"))).toEqual([
      "POST /auth/token/refresh Bearer stale",
    ]);
    expect(lines.filter((l) => l === "GET /org/users Bearer t-1")).toHaveLength(5);
    expect(lines).toHaveLength(11);
    expect(saved.map((t) => t.token)).toEqual(["t-1"]);
  });

  test("a call refused with an older token replays with the current one, without refreshing again", async () => {
    // The store holds t-2 (refreshed by now); a request sent just before still carried t-1.
    const { store } = memoryStore({ token: "t-2", expiresAt: "2099-01-01T00:00:00Z" });
    const session = new TokenSession({ store, autoCreate: false, refreshMarginMs: 0 });
    session.client = new Proxy({} as never, {
      get: () => {
        throw new Error("no token call expected");
      },
    });
    const auth = routeAuth(session, { authorization: basic });
    const req = { method: "GET", path: "/org/users" };
    expect(await auth.headers(req)).toEqual({ authorization: "Bearer t-2" });
    expect(await auth.refresh!({ authorization: "Bearer t-1" }, req)).toBe(auth.headers(req));
    // Refused with the current token: a refresh (here: the session's client, which must not be used).
    await expect(auth.refresh!({ authorization: "Bearer t-2" }, req)).rejects.toThrow(
      /no token call expected/,
    );
  });

  test("a token endpoint's 401 is not replayed: the session names it", async () => {
    const sent: string[] = [];
    const fetch = (async (r: Request) => {
      sent.push(`${r.method} ${new URL(r.url).pathname}`);
      return Response.json({ errors: [{ status: "401", title: "Unauthorized" }] }, { status: 401 });
    }) as typeof globalThis.fetch;
    const { store } = memoryStore({ token: "gone", expiresAt: "2099-01-01T00:00:00Z" });
    const client = createEvaluagentClient({ accessKeyId, secretKey, baseUrl, fetch, tokenStore: store });
    await expect(client.tokens.refresh()).rejects.toMatchObject({ reason: "token-refused", status: 401 });
    expect(sent).toEqual(["POST /v1/auth/token/refresh"]);
  });
});

describe("throwOnError and credentials in errors", () => {
  const refusing = (status: number, echo: string) =>
    (async () =>
      Response.json(
        { errors: [{ status: String(status), title: "Refused", detail: `you sent ${echo}` }] },
        { status },
      )) as unknown as typeof globalThis.fetch;

  test("throwOnError: token calls still name a refusal; raw token calls throw the ApiError", async () => {
    const client = createEvaluagentClient({
      accessKeyId,
      secretKey,
      baseUrl,
      fetch: refusing(401, basic),
      throwOnError: true,
    });
    await expect(client.tokens.create()).rejects.toMatchObject({ reason: "basic-refused", status: 401 });
    const raw = await client.POST("/auth/token").catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(ApiError);
    expect(raw).toMatchObject({ status: 401, method: "POST", path: "/auth/token" });
    const other = createEvaluagentClient({
      accessKeyId,
      secretKey,
      baseUrl,
      fetch: refusing(500, basic),
      throwOnError: true,
      maxRetries: 0,
    });
    await expect(other.tokens.create()).rejects.toMatchObject({ status: 500, path: "/auth/token" });
  });

  test.each([
    ["Basic", undefined, basic],
    [
      "the token",
      { token: "secret-token-4471ab", expiresAt: "2099-01-01T00:00:00Z" },
      "Bearer secret-token-4471ab",
    ],
  ])("no error carries %s", async (_, stored, credential) => {
    for (const throwOnError of [false, true]) {
      const client = createEvaluagentClient({
        accessKeyId,
        secretKey,
        baseUrl,
        fetch: refusing(401, credential),
        throwOnError,
        tokenStore: memoryStore(stored).store,
      });
      const errors = await Promise.all([
        client.GET("/org/users").then(
          (r) => r.error,
          (e: unknown) => e,
        ),
        client.tokens.create().catch((e: unknown) => e),
        client.tokens.refresh().catch((e: unknown) => e),
        client.tokens.revoke().catch((e: unknown) => e),
        client.POST("/auth/token/refresh").then(
          (r) => r.error,
          (e: unknown) => e,
        ),
      ]);
      for (const error of errors) {
        expect(error).toBeDefined();
        const dump = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ""}`;
        expect(dump).not.toContain(secretKey);
        expect(dump).not.toContain(basic.slice(6));
        expect(dump).not.toContain("secret-token-4471ab");
      }
    }
  });
});
