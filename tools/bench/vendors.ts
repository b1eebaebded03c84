// The five vendors as the bench drives them: a client factory (built dist/, through the package name),
// the credentials' headers as sent on the wire, one GET and one JSON POST with a body the client's own
// validation accepts (the spec's request example), and the base path of the API on the mock.
import { join } from "node:path";

export const root = join(import.meta.dirname, "../..");
export const VENDORS = ["qemotion", "chatsight", "opencx", "evaluagent", "dixa"] as const;
export type Vendor = (typeof VENDORS)[number];

export const TITLES: Record<Vendor, string> = {
  qemotion: "Q°emotion",
  chatsight: "Chatsight",
  opencx: "Open.cx",
  evaluagent: "EvaluAgent",
  dixa: "Dixa",
};

/** Calls typed loosely: the bench treats every vendor alike (the types are checked by the tests). */
export interface LooseClient {
  GET(path: string, init?: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  POST(path: string, init?: object): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

export interface VendorCase {
  /** The client with its default middleware stack; `rateLimit: false` so the limiter never waits. */
  client(baseUrl: string, f?: typeof fetch): Promise<LooseClient>;
  /** Credentials as they go on the wire, for raw fetch and bare openapi-fetch. */
  auth: Record<string, string>;
  /** Path prefix of the API on the mock (the spec's paths omit it). */
  basePath: string;
  get: { path: string; url: string };
  post: { path: string; url: string; params?: object; operationId: string };
}

const KEY = "sk_bench_0123456789abcdef";
const common = { rateLimit: false as const };

export const CASES: Record<Vendor, VendorCase> = {
  qemotion: {
    client: async (baseUrl, f) =>
      (await import("@cxkit/client-qemotion")).createQemotionClient({
        apiKey: KEY,
        baseUrl,
        fetch: f,
        ...common,
      }),
    auth: { authorization: `Bearer ${KEY}` },
    basePath: "",
    get: { path: "/projects", url: "/projects" },
    post: {
      path: "/projects/{projectId}/verbatims",
      url: "/projects/1/verbatims",
      params: { path: { projectId: 1 } },
      operationId: "createVerbatim",
    },
  },
  chatsight: {
    client: async (baseUrl, f) =>
      (await import("@cxkit/client-chatsight")).createChatsightClient({
        apiKey: KEY,
        baseUrl,
        fetch: f,
        ...common,
      }),
    auth: { "x-chatsight-api-auth": KEY },
    basePath: "",
    get: { path: "/stats/moderation", url: "/stats/moderation" },
    post: { path: "/text/moderation", url: "/text/moderation", operationId: "moderateText" },
  },
  opencx: {
    client: async (baseUrl, f) =>
      (await import("@cxkit/client-opencx")).createOpencxClient({
        apiKey: KEY,
        baseUrl,
        fetch: f,
        ...common,
      }),
    auth: { authorization: `Bearer ${KEY}` },
    basePath: "",
    get: { path: "/contacts", url: "/contacts" },
    post: { path: "/contacts", url: "/contacts", operationId: "createContact" },
  },
  evaluagent: {
    client: async (baseUrl, f) =>
      (await import("@cxkit/client-evaluagent")).createEvaluagentClient({
        accessKeyId: "bench-id",
        secretKey: KEY,
        baseUrl,
        fetch: f,
        ...common,
      }),
    auth: { authorization: `Basic ${btoa(`bench-id:${KEY}`)}` },
    basePath: "/v1",
    get: { path: "/org/users", url: "/org/users" },
    post: { path: "/org/users", url: "/org/users", operationId: "createUser" },
  },
  dixa: {
    client: async (baseUrl, f) =>
      (await import("@cxkit/client-dixa")).createDixaClient({ apiKey: KEY, baseUrl, fetch: f, ...common }),
    auth: { authorization: KEY },
    basePath: "/v1",
    get: { path: "/agents", url: "/agents" },
    post: { path: "/tags", url: "/tags", operationId: "createTag" },
  },
};

/** The POST's body: the first request example the spec documents for the operation. */
export async function postBody(vendor: Vendor): Promise<unknown> {
  const { examples } = (await import(join(root, "mocks", vendor, "src/generated/examples.ts"))) as {
    examples: Record<string, { requests: Record<string, unknown> }>;
  };
  const requests = examples[CASES[vendor].post.operationId]?.requests ?? {};
  const body = Object.values(requests)[0];
  if (body === undefined)
    throw new Error(`${vendor}: no request example for ${CASES[vendor].post.operationId}`);
  return body;
}
