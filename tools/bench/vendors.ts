// The vendors as the bench drives them, from the registry (mocks/<vendor>/mock.json `bench`, through
// tools/vendors.ts): a client factory (built dist/, through the package name), the credentials' headers
// as sent on the wire (from the spec's security schemes, the client's generated vendor.ts), one GET and
// one JSON POST with a body the client's own validation accepts (the spec's request example), and the
// base path of the API on the mock (its first `basePaths` entry).
import { join } from "node:path";
import { benchCredentials, benchWireAuth, clientFactory, clientPackage, root, vendors } from "../vendors.ts";

export { root };

const registry = vendors();
export const VENDORS: readonly string[] = registry.map((v) => v.vendor);
export type Vendor = string;

export const TITLES: Record<Vendor, string> = Object.fromEntries(registry.map((v) => [v.vendor, v.title]));

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

export const CASES: Record<Vendor, VendorCase> = Object.fromEntries(
  await Promise.all(
    registry.map(async ({ vendor, bench, basePaths }): Promise<[string, VendorCase]> => {
      const credentials = benchCredentials(bench, KEY);
      return [
        vendor,
        {
          client: async (baseUrl, f) => {
            const mod = (await import(clientPackage(vendor))) as Record<string, (o: object) => LooseClient>;
            const create = mod[clientFactory(vendor)];
            if (!create) throw new Error(`${clientPackage(vendor)} exports no ${clientFactory(vendor)}`);
            return create({ ...credentials, baseUrl, fetch: f, rateLimit: false });
          },
          auth: await benchWireAuth(vendor, bench, KEY),
          basePath: basePaths?.[0] ?? "",
          get: bench.get,
          post: bench.post,
        },
      ];
    }),
  ),
);
/** One vendor's case; an error naming the known vendors for any other name. */
export function caseOf(vendor: Vendor): VendorCase {
  const c = CASES[vendor];
  if (!c) throw new Error(`no vendor "${vendor}" (known: ${VENDORS.join(", ")})`);
  return c;
}

export const titleOf = (vendor: Vendor): string => TITLES[vendor] ?? vendor;

/** The POST's body: the first request example the spec documents for the operation. */
export async function postBody(vendor: Vendor): Promise<unknown> {
  const { examples } = (await import(join(root, "mocks", vendor, "src/generated/examples.ts"))) as {
    examples: Record<string, { requests: Record<string, unknown> }>;
  };
  const requests = examples[caseOf(vendor).post.operationId]?.requests ?? {};
  const body = Object.values(requests)[0];
  if (body === undefined)
    throw new Error(`${vendor}: no request example for ${caseOf(vendor).post.operationId}`);
  return body;
}
