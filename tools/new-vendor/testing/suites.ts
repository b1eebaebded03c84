// The spec-driven suites a scaffolded vendor's mock package runs (`npm run new-vendor`, tools/new-vendor.ts):
//   contractSuite  every operation through the typed client against the vendor's mock (Prism + front,
//                  validation on): a 2xx the spec documents, a body that matches the documented schema,
//                  401 without credentials; each 2xx is recorded for tools/operation-coverage.ts
//   wireSuite      every operation through the typed client over the vendor's MSW handlers: a 2xx the spec
//                  documents, and the documented example back where the spec has one
// The request of each operation is the one tools/testing/mutations.ts builds for the constraint-mutation
// test: the spec's request example, else a minimal valid one made from the schemas. A hand-written vendor
// test adds only the flows a spec cannot describe, beside these.
import { join } from "node:path";
import { check, type Schema, type SchemaTable, type VendorFacts } from "@cxkit/client-core";
import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import { bundledSpec } from "../../bundle-spec.ts";
import { coverageRecorder } from "../../testing/coverage.ts";
// Types only: its `declare module "vitest"` types `inject("mockUrl")`.
import type {} from "../../testing/mock-global-setup.ts";
import { type Call, constraintCases, type OperationCases } from "../../testing/mutations.ts";

const root = join(import.meta.dirname, "../../..");

/** What an openapi-fetch client looks like to a suite: `GET`/`POST`/… by path, and `use` for middleware. */
type AnyClient = Record<string, (path: string, init: object) => Promise<Answer>> & {
  use(...middleware: unknown[]): void;
};
interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

interface Documented {
  statuses: string[];
  /** The JSON schema of each documented status's body (undefined: no JSON body documented). */
  schema(status: number): Schema | undefined;
  table: SchemaTable;
}

export interface ContractSuite {
  vendor: string;
  /** The vendor's client, based at `baseUrl` (the mock), retries off. */
  client: (baseUrl: string) => unknown;
}

export async function contractSuite({ vendor, client }: ContractSuite) {
  const facts = await vendorFacts(vendor);
  const operations = await constraintCases(vendor);
  const documented = await documentedResponses(vendor);
  const prefix = new URL(facts.servers[0]!.url).pathname.replace(/\/$/, "");
  const recorder = coverageRecorder(vendor);
  let api: AnyClient;
  beforeAll(() => {
    api = client(`${inject("mockUrl")}${prefix}`) as AnyClient;
    api.use(recorder);
  });
  afterAll(() => recorder.save());

  test("the spec has operations, each with a valid request", () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((o) => o.problem).map((o) => `${o.key}: ${o.problem}`)).toEqual([]);
  });

  describe.each(operations.filter((o) => !o.problem))("$id ($key)", (op) => {
    test("through the client: a documented 2xx whose body matches the spec", async () => {
      const { response, data, error } = await send(api, op, op.valid[0]!.call);
      expect(response.status, JSON.stringify(error)).toBeGreaterThanOrEqual(200);
      expect(response.status, JSON.stringify(error)).toBeLessThan(300);
      const responses = documented(op);
      expect(responses.statuses).toContain(String(response.status));
      const schema = responses.schema(response.status);
      if (schema !== undefined) expect(check(schema, data, "body", responses.table)).toEqual([]);
    });

    test.skipIf(op.security.every((s) => Object.keys(s).length === 0))(
      "without credentials: 401",
      async () => {
        const call = op.valid[0]!.call;
        const response = await fetch(`${inject("mockUrl")}${prefix}${wirePath(op.path, call)}`, {
          method: op.method,
          ...(call.body !== undefined && {
            headers: { "content-type": "application/json" },
            body: JSON.stringify(call.body),
          }),
        });
        await response.arrayBuffer();
        expect(response.status).toBe(401);
      },
    );
  });
}

export interface WireSuite {
  vendor: string;
  /** The vendor's client at its default base URL (the spec's first server), which the handlers serve. */
  client: () => unknown;
  /** The vendor's MSW handlers at their default base URL. */
  handlers: () => RequestHandler[];
  /** The generated examples module of the mock package (mocks/<vendor>/src/generated/examples.ts). */
  examples: Record<string, { responses: Record<string, Record<string, unknown>> }>;
}

export async function wireSuite({ vendor, client, handlers, examples }: WireSuite) {
  const operations = await constraintCases(vendor);
  const documented = await documentedResponses(vendor);
  const server = setupServer(...handlers());
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  test.each(operations.filter((o) => !o.problem))("$id ($key) over MSW", async (op) => {
    const { response, data, error } = await send(client() as AnyClient, op, op.valid[0]!.call);
    expect(response.ok, JSON.stringify(error)).toBe(true);
    const responses = documented(op);
    expect(responses.statuses).toContain(String(response.status));
    const example = Object.values(examples[op.id]?.responses[String(response.status)] ?? {})[0];
    if (example !== undefined) expect(data).toEqual(example);
    const schema = responses.schema(response.status);
    if (schema !== undefined) expect(check(schema, data, "body", responses.table)).toEqual([]);
  });
}

const send = (api: AnyClient, op: OperationCases, call: Call) =>
  api[op.method]!(op.path, { params: call.params, ...(call.body !== undefined && { body: call.body }) });

/** The path with the call's path parameters filled in, and its query string. */
function wirePath(template: string, call: Call): string {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(call.params.path[name])),
  );
  const query = new URLSearchParams(
    Object.entries(call.params.query).flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => [k, String(x)] as [string, string]),
    ),
  ).toString();
  return query ? `${path}?${query}` : path;
}

async function vendorFacts(vendor: string): Promise<VendorFacts> {
  const mod = await import(join(root, `packages/client-${vendor}/src/generated/vendor.ts`));
  return mod.vendor as VendorFacts;
}

/** The documented responses of each operation, from the bundled spec (every `$ref` local, in `table`). */
async function documentedResponses(vendor: string) {
  const spec = await bundledSpec<{
    paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  }>(vendor);
  const table = refTable(spec);
  const deref = (node: unknown): unknown => {
    const ref = (node as { $ref?: string } | undefined)?.$ref;
    return ref === undefined ? node : deref(table[ref]);
  };
  return (op: OperationCases): Documented => {
    const responses = spec.paths[op.path]?.[op.method.toLowerCase()]?.responses ?? {};
    return {
      statuses: Object.keys(responses),
      table,
      schema(status) {
        const response = deref(responses[String(status)]) as
          | { content?: Record<string, { schema?: Schema }> }
          | undefined;
        return response?.content?.["application/json"]?.schema;
      },
    };
  };
}

/** Every `$ref` of the bundled document, mapped to what it points at (client-core's engine reads refs from it). */
function refTable(doc: unknown): SchemaTable {
  const table: SchemaTable = {};
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !(ref in table))
      table[ref] = ref
        .slice(2)
        .split("/")
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<unknown>((n, key) => (n as Record<string, unknown> | undefined)?.[key], doc) as Schema;
    for (const value of Object.values(node)) walk(value);
  };
  walk(doc);
  return table;
}
