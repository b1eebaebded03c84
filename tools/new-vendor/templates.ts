// The files `npm run new-vendor` writes for a vendor (tools/new-vendor.ts), as `{ [path]: text }`. Every
// vendor fact the code needs is read at run time from the generated modules (src/generated/), so these
// templates only carry names and the few choices a spec leaves to the scaffold: which security scheme the
// client's options fill in, which operations the bench drives. Mirrors the smallest existing vendor
// (Q°emotion: specs/qemotion, packages/client-qemotion, mocks/qemotion).

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  /** The first documented 2xx status. */
  success?: string;
  /** The first named JSON example of that response (`default` for a lone `example:`). */
  successExample?: string;
  /** The path parameters, each with the value its example (or `1`) gives. */
  pathParams: Record<string, unknown>;
  hasJsonBody: boolean;
  /** The JSON request body has an example (the bench's POST must: it sends it). */
  hasRequestExample: boolean;
  /** A query or header parameter is required (the smoke consumer's GET takes none). */
  requiredParams: boolean;
}

export interface Auth {
  /** The security scheme the client's options fill in. */
  scheme: string;
  kind: "bearer" | "basic" | "header";
  /** For `header`: the header the scheme names. */
  header?: string;
}

export interface Vendor {
  name: string;
  title: string;
  /** `Tiny` (the factories' infix: createTinyClient). */
  capital: string;
  /** `TINY` (the exports' prefix: TINY_SPEC). */
  upper: string;
  port: number;
  specTitle: string;
  serverUrl: string;
  /** Version prefixes the servers' URLs carry (`/v1`), the mock's basePaths. */
  basePaths: string[];
  auth: Auth;
  operations: Operation[];
  /** The spec file as given (copied verbatim). */
  specText: string;
}

const repo = {
  homepage: (dir: string) => `https://github.com/cxkit/cxkit/tree/main/${dir}#readme`,
  bugs: { url: "https://github.com/cxkit/cxkit/issues" },
  repository: (dir: string) => ({
    type: "git",
    url: "git+https://github.com/cxkit/cxkit.git",
    directory: dir,
  }),
};
/** `.name`, or `["a-name"]` when it is no identifier (Biome wants the dot where it can be one). */
const prop = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const published = (dir: string) => ({
  license: "MIT",
  homepage: repo.homepage(dir),
  bugs: repo.bugs,
  repository: repo.repository(dir),
  type: "module",
  sideEffects: false,
});
const entry = { "@cxkit/source": "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" };

export function files(v: Vendor): Record<string, string> {
  const spec = `specs/${v.name}`;
  const client = `packages/client-${v.name}`;
  const mock = `mocks/${v.name}`;
  return {
    [`${spec}/openapi.yaml`]: v.specText,
    [`${spec}/package.json`]: json({
      name: `@cxkit/spec-${v.name}`,
      version: "0.1.0",
      private: true,
      description: `${v.title} OpenAPI 3.1 description, hand-written from the vendor's documentation`,
      license: "MIT",
      exports: { "./openapi.yaml": "./openapi.yaml" },
      scripts: { lint: "redocly lint openapi.yaml --config ../../redocly.yaml" },
    }),
    [`${spec}/README.md`]: specReadme(v),

    [`${client}/package.json`]: json({
      name: `@cxkit/client-${v.name}`,
      version: "0.1.0",
      description: `Typed client for the ${v.title} API with client-side validation from its spec`,
      ...published(client),
      exports: { ".": entry, "./package.json": "./package.json" },
      main: "./dist/index.js",
      types: "./dist/index.d.ts",
      files: ["dist", "src"],
      engines: { node: ">=20" },
      publishConfig: { access: "public", provenance: true },
      scripts: {
        generate: `node ../../tools/codegen.ts ${v.name} types vendor`,
        build: "tsc -p tsconfig.build.json",
        typecheck: "tsc -p tsconfig.json --noEmit",
        test: "vitest run",
        package: "publint --strict && attw --pack . --profile esm-only",
      },
      dependencies: { "@cxkit/client-core": "0.1.0", "openapi-fetch": "^0.17.0" },
      devDependencies: { [`@cxkit/spec-${v.name}`]: "0.1.0" },
    }),
    [`${client}/tsconfig.json`]: `{ "extends": "../../tsconfig.dev.json" }\n`,
    [`${client}/tsconfig.build.json`]: `{ "extends": "../../tsconfig.package.json" }\n`,
    [`${client}/vitest.config.ts`]: `import shared from "../../vitest.shared.ts";\n\nexport default shared;\n`,
    [`${client}/README.md`]: clientReadme(v),
    [`${client}/src/generated/README.md`]: `# Generated — do not edit

Everything in this folder is written by \`tools/codegen.ts\` from \`specs/${v.name}/openapi.yaml\`
(openapi-typescript, and the vendor facts and request constraints). Change the spec, then run
\`npx nx run @cxkit/client-${v.name}:generate\` (or \`npm run generate\`). CI regenerates and fails when
this folder is stale.
`,
    [`${client}/src/index.ts`]: `export { ValidationError, type ValidationIssue } from "@cxkit/client-core";
export {
  create${v.capital}Client,
  ${v.upper}_PRESET,
  type ${v.capital}Client,
  type ${v.capital}ClientOptions,
} from "./client.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { ${v.upper}_RULES } from "./rules.js";
export { ${v.upper}_BASE_URL, ${v.upper}_SPEC } from "./spec.js";
`,
    [`${client}/src/client.ts`]: clientTs(v),
    [`${client}/src/spec.ts`]: `// The ${v.title} spec as run-time data, read off the generated modules (src/generated/).
import type { VendorSpec } from "@cxkit/client-core";
import { operations, schemas } from "./generated/constraints.js";
import { vendor } from "./generated/vendor.js";

/** Servers, auth, rate limit, error shape and every operation's request constraints, from the spec. */
export const ${v.upper}_SPEC: VendorSpec = { vendor, operations, schemas };

/** The spec's first server. */
export const ${v.upper}_BASE_URL: string = vendor.servers[0].url;
`,
    [`${client}/src/rules.ts`]: `// ${v.title}'s request rules that a JSON Schema cannot express, keyed "METHOD /path" like the generated
// operations; client-core runs them after the spec's own constraints (src/generated/constraints.ts), in the
// client before the network and in the MSW handlers (@cxkit/mock-${v.name}).
//
// None yet: everything the documentation states about a request belongs in specs/${v.name}/openapi.yaml.
// To add one a schema cannot say (a time window, two fields that must be equal): write
// \`"POST /path/{id}": (call) => [...]\`, returning the broken rules as \`{ field, message }\` with the field
// as the caller wrote it (\`body.name\`) and a plain-word message, and give it one refused and one accepted
// case in test/client.test.ts.
import type { Rule } from "@cxkit/client-core";

export const ${v.upper}_RULES: Record<string, Rule> = {};
`,
    [`${client}/test/client.test.ts`]: clientTest(v),

    [`${mock}/package.json`]: json({
      name: `@cxkit/mock-${v.name}`,
      version: "0.1.0",
      description: `${v.title} mocks: Prism config (mock.json, port ${v.port}) and typed MSW handlers that validate every request against the spec and answer with its examples`,
      ...published(mock),
      exports: { ".": entry, "./mock.json": "./mock.json" },
      main: "./dist/index.js",
      types: "./dist/index.d.ts",
      files: ["dist", "src", "mock.json"],
      engines: { node: ">=20" },
      publishConfig: { access: "public", provenance: true },
      scripts: {
        generate: `node ../../tools/codegen.ts ${v.name} examples`,
        build: "tsc -p tsconfig.build.json",
        typecheck: "tsc -p tsconfig.json --noEmit",
        test: "vitest run",
        serve: `node ../../packages/mocks/dist/cli.js ${v.name} --no-docs`,
        coverage: `node ../../tools/operation-coverage.ts ${v.name}`,
        package: "publint --strict && attw --pack . --profile esm-only",
        ...(smokeOperation(v) && { smoke: `node ../../tools/smoke.ts ${v.name}` }),
      },
      dependencies: {
        "@cxkit/client-core": "0.1.0",
        [`@cxkit/client-${v.name}`]: "0.1.0",
        msw: "^2.15.0",
        "openapi-msw": "^2.0.0",
      },
      nx: {
        targets: {
          test: {
            outputs: [
              `{workspaceRoot}/.cxkit/coverage/${v.name}`,
              "{workspaceRoot}/.cxkit/test-results/{projectRoot}.json",
            ],
          },
        },
      },
    }),
    [`${mock}/mock.json`]: json(mockJson(v)),
    [`${mock}/tsconfig.json`]: `{ "extends": "../../tsconfig.dev.json" }\n`,
    [`${mock}/tsconfig.build.json`]: `{ "extends": "../../tsconfig.package.json" }\n`,
    [`${mock}/vitest.config.ts`]: `import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

export default mergeConfig(shared, { test: { globalSetup: ["./test/global-setup.ts"] } });
`,
    [`${mock}/README.md`]: mockReadme(v),
    [`${mock}/src/generated/README.md`]: `# Generated — do not edit

\`examples.ts\` is written by \`tools/codegen.ts\` from \`specs/${v.name}/openapi.yaml\`: every operation's
documented request and response examples. Change the spec, then run \`npm run generate\`. CI regenerates
and fails when this folder is stale.
`,
    [`${mock}/src/index.ts`]: `export { examples } from "./generated/examples.js";
export { create${v.capital}Handlers, ${v.upper}_MOCK_BASE_URL, ${v.name}Http } from "./handlers.js";
`,
    [`${mock}/src/handlers.ts`]: handlersTs(v),
    [`${mock}/test/global-setup.ts`]: `import { mockGlobalSetup } from "../../../tools/testing/mock-global-setup.ts";

export default mockGlobalSetup("${v.name}");
`,
    [`${mock}/test/contract.test.ts`]: `// Contract tests: every operation of specs/${v.name} through the typed client against the Prism mock
// (request validation on), with the spec's example request (or a minimal valid one from the schemas): a
// documented 2xx whose body matches the spec, and 401 without credentials (tools/new-vendor/testing).
// Add the vendor's flows (paging, polling, documented error cases) below, by hand.
import { create${v.capital}Client } from "@cxkit/client-${v.name}";
import { contractSuite } from "../../../tools/new-vendor/testing/suites.ts";

await contractSuite({
  vendor: "${v.name}",
  client: (baseUrl) => create${v.capital}Client({ ${credentials(v)}, baseUrl, maxRetries: 0, rateLimit: false }),
});
`,
    [`${mock}/test/wire.test.ts`]: `// Wire tests: every operation of specs/${v.name} through the typed client over the MSW handlers, answered
// with the spec's documented example (tools/new-vendor/testing).
import { create${v.capital}Client } from "@cxkit/client-${v.name}";
import { wireSuite } from "../../../tools/new-vendor/testing/suites.ts";
import { create${v.capital}Handlers, examples } from "../src/index.ts";

await wireSuite({
  vendor: "${v.name}",
  client: () => create${v.capital}Client({ ${credentials(v)}, maxRetries: 0, rateLimit: false }),
  handlers: () => create${v.capital}Handlers(),
  examples,
});
`,
    ...(smokeOperation(v) && { [`tools/smoke/${v.name}.ts`]: smokeTs(v, smokeOperation(v)!) }),
    [`${mock}/test/constraints.test.ts`]: `// Generated constraint mutations (tools/testing/mutations.ts): client, MSW handlers and Prism agree on
// every request-side constraint of specs/${v.name}, and accept every valid request and request example.
import { create${v.capital}Client } from "@cxkit/client-${v.name}";
import { constraintSuite } from "../../../tools/testing/constraints.ts";
import { create${v.capital}Handlers } from "../src/handlers.js";

await constraintSuite({
  vendor: "${v.name}",
  client: (fetch) => create${v.capital}Client({ ${credentials(v)}, fetch, rateLimit: false, maxRetries: 0 }),
  handlers: (baseUrl) => create${v.capital}Handlers(baseUrl),
});
`,
  };
}

/** The GET the consumer smoke test calls: the first that needs no query or header parameter. */
export const smokeOperation = (v: Vendor) =>
  v.operations.find((o) => o.method === "GET" && o.success && !o.requiredParams);

function smokeTs(v: Vendor, op: Operation): string {
  const init = Object.keys(op.pathParams).length
    ? `, { params: { path: ${JSON.stringify(op.pathParams)} } }`
    : "";
  const options =
    v.auth.kind === "basic" ? `username: "smoke-id", password: "smoke-secret"` : `apiKey: "smoke-key"`;
  return `// A strict TypeScript consumer of the packed @cxkit/client-${v.name} (tools/smoke.ts), run against the Prism
// mock, then against the packed @cxkit/mock-${v.name} MSW handlers through setupServer (msw/node). Written by
// npm run new-vendor; add the vendor's flows as a user would call them.
import { create${v.capital}Client } from "@cxkit/client-${v.name}";
import { create${v.capital}Handlers } from "@cxkit/mock-${v.name}";
import { setupServer } from "msw/node";

declare const process: { env: Record<string, string | undefined> }; // no @types/node: the client must not need it
const mockUrl = process.env.MOCK_URL;
if (!mockUrl) throw new Error("MOCK_URL is not set");

const prism = await create${v.capital}Client({ ${options}, baseUrl: \`\${mockUrl}${v.basePaths[0] ?? ""}\` }).${op.method}(${JSON.stringify(op.path)}${init});
if (!prism.response.ok) throw new Error(\`Prism: ${op.method} ${op.path} answered \${prism.response.status}\`);

// In-process, as a user's tests would: the packed handlers answer the client's default base URL.
const server = setupServer(...create${v.capital}Handlers());
server.listen({ onUnhandledRequest: "error" });
let msw: typeof prism;
try {
  msw = await create${v.capital}Client({ ${options} }).${op.method}(${JSON.stringify(op.path)}${init});
} finally {
  server.close();
}
if (JSON.stringify(msw.data) !== JSON.stringify(prism.data)) throw new Error("MSW and Prism disagree");
console.log(\`ok: ${op.method} ${op.path} answered \${prism.response.status} from Prism and MSW alike\`);
`;
}

/** The client options that carry a test credential. */
const credentials = (v: Vendor) =>
  v.auth.kind === "basic" ? `username: "test-id", password: "test-secret-0123"` : `apiKey: "test-key-0123"`;

function clientTs(v: Vendor): string {
  const strategy = { bearer: "bearerAuth", basic: "basicAuth", header: "headerAuth" }[v.auth.kind];
  const options =
    v.auth.kind === "basic"
      ? `  /** The user name of the spec's \`${v.auth.scheme}\` (HTTP Basic) scheme. */
  username: string;
  /** The password of the spec's \`${v.auth.scheme}\` (HTTP Basic) scheme. */
  password: string;`
      : `  /** The API key, sent as the spec's \`${v.auth.scheme}\` scheme says (${v.auth.kind === "bearer" ? "`Authorization: Bearer <apiKey>`" : `the \`${v.auth.header}\` header`}). */
  apiKey: string;`;
  const header =
    v.auth.kind === "header"
      ? `
/** The header the spec's \`${v.auth.scheme}\` scheme names. */
const AUTH_HEADER = vendor.securitySchemes${prop(v.auth.scheme)}.name;
`
      : "";
  const body =
    v.auth.kind === "basic"
      ? `  const { username, password, ...rest } = options;
  if (!username || !password) throw new TypeError("create${v.capital}Client: username and password are required");
  return createApiClient<paths>(${v.upper}_PRESET, basicAuth(username, password), rest);`
      : `  if (!options.apiKey) throw new TypeError("create${v.capital}Client: apiKey is required");
  const { apiKey, ...rest } = options;
  return createApiClient<paths>(${v.upper}_PRESET, ${v.auth.kind === "bearer" ? "bearerAuth(apiKey)" : "headerAuth(AUTH_HEADER, apiKey)"}, rest);`;
  return `import {
  type ApiClient,
  ${strategy},
  type ClientOptions,
  createApiClient,
  specPreset,
  type VendorPreset,
} from "@cxkit/client-core";
import type { paths } from "./generated/openapi.js";
import { vendor } from "./generated/vendor.js";

/** The constraints and rules, loaded on the client's first call: a chunk of their own in a bundle. */
const constraints = async () => ({
  ...(await import("./generated/constraints.js")),
  rules: (await import("./rules.js")).${v.upper}_RULES,
});

/**
 * Everything from the spec: its first server, its \`x-cxkit-rate-limit\` (if any), its request-id headers
 * and the check of every call against the operation's request constraints.
 */
export const ${v.upper}_PRESET: VendorPreset = specPreset({ vendor, constraints });
${header}
export interface ${v.capital}ClientOptions extends ClientOptions {
${options}
}

/** The typed openapi-fetch client: \`GET\`/\`POST\`/… by path, typed params, bodies and responses. */
export type ${v.capital}Client = ApiClient<paths>;

/**
 * Creates a ${v.title} client with client-core's runtime (retries, the spec's rate limit, timeouts, typed
 * errors). Every call is checked against the spec's request constraints before the network; a breach
 * throws client-core's \`ValidationError\` naming each field. \`validate: false\`, here or in one call's
 * options, sends the request as given.
 */
export function create${v.capital}Client(options: ${v.capital}ClientOptions): ${v.capital}Client {
${body}
}
`;
}

function clientTest(v: Vendor): string {
  const first = v.operations[0]!;
  const params = Object.keys(first.pathParams).length
    ? `params: { path: ${JSON.stringify(first.pathParams)} }, `
    : "";
  const wire =
    v.auth.kind === "bearer"
      ? `expect(requests[0]?.headers.get("authorization")).toBe("Bearer test-key-0123");`
      : v.auth.kind === "basic"
        ? `expect(requests[0]?.headers.get("authorization")).toBe(\`Basic \${btoa("test-id:test-secret-0123")}\`);`
        : `expect(requests[0]?.headers.get(${JSON.stringify(v.auth.header)})).toBe("test-key-0123");`;
  const missing =
    v.auth.kind === "basic"
      ? `create${v.capital}Client({ username: "", password: "" })`
      : `create${v.capital}Client({ apiKey: "" })`;
  return `// The scaffold's client tests (npm run new-vendor): credentials from the spec's security scheme, the base
// URL from its servers, the spec's constraints checked before the network. The constraint-mutation test
// (mocks/${v.name}/test/constraints.test.ts) checks every constraint; add tests of hand-written rules and
// flows here.
import { create${v.capital}Client, ${v.upper}_BASE_URL, ${v.upper}_RULES, ${v.upper}_SPEC } from "@cxkit/client-${v.name}";
import { describe, expect, test } from "vitest";

/** An injected fetch that records requests and answers 200 {}. */
function fakeFetch() {
  const requests: Request[] = [];
  const fetch = async (input: Request) => {
    requests.push(input);
    return Response.json({});
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

describe("create${v.capital}Client", () => {
  test("sends the spec's credential to the spec's first server", async () => {
    const { fetch, requests } = fakeFetch();
    const client = create${v.capital}Client({ ${credentials(v)}, fetch, rateLimit: false, maxRetries: 0 });
    // validate: false: the call is sent as given, whatever body the operation needs.
    await client.${first.method}(${JSON.stringify(first.path)}, { ${params}validate: false } as never);
    expect(requests[0]?.url.startsWith(${v.upper}_BASE_URL)).toBe(true);
    expect(${v.upper}_BASE_URL).toBe(${v.upper}_SPEC.vendor.servers[0]!.url);
    ${wire}
  });

  test("requires a credential", () => {
    expect(() => ${missing}).toThrow(TypeError);
  });

  test("has the spec's operations and no hand-written rules yet", () => {
    expect(Object.keys(${v.upper}_SPEC.operations).sort()).toEqual(${JSON.stringify(
      v.operations.map((o) => `${o.method} ${o.path}`).sort(),
    )});
    expect(${v.upper}_RULES).toEqual({});
  });
});
`;
}

function handlersTs(v: Vendor): string {
  // Static paths first: MSW would otherwise match \`/things/new\` as \`/things/{id}\`.
  const ordered = [...v.operations].sort(
    (a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0),
  );
  const handlers = ordered.map((op) => {
    const method = op.method.toLowerCase();
    if (!op.success)
      return `    // ${op.operationId}: the spec documents no 2xx response; write its handler by hand.`;
    if (op.successExample === undefined)
      return `    http.${method}(${JSON.stringify(op.path)}, () => new HttpResponse(null, { status: ${op.success} }) as never),`;
    return `    http.${method}(${JSON.stringify(op.path)}, ({ response }) =>
      response(${op.success}).json(examples.${op.operationId}.responses["${op.success}"]${prop(op.successExample)} as never),
    ),`;
  });
  const needsHttpResponse = ordered.some((op) => op.success && op.successExample === undefined);
  return `// \`as never\` on the examples: the generated module is plain JSON, so an enum's value is typed \`string\`;
// each example is checked against its schema by the spec's lint and against the response by test/wire.test.ts.
import { createRequestGuard } from "@cxkit/client-core/server";
import { type paths, ${v.upper}_BASE_URL, ${v.upper}_RULES, ${v.upper}_SPEC } from "@cxkit/client-${v.name}";
import { ${needsHttpResponse ? "HttpResponse, " : ""}http as mswHttp } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

/** The spec's first server, which the client calls by default. */
export const ${v.upper}_MOCK_BASE_URL = ${v.upper}_BASE_URL;

/** Typed MSW \`http\` for ${v.title} paths, for per-test overrides: \`server.use(${v.name}Http().get(...))\`. */
export const ${v.name}Http = (baseUrl: string = ${v.upper}_MOCK_BASE_URL) => createOpenApiHttp<paths>({ baseUrl });

/**
 * MSW handlers for every ${v.title} operation, answering with the spec's documented examples (the first
 * 2xx, its first example; the examples are checked against the schemas by the spec's lint). The first
 * handler checks every request with client-core's request guard, from the spec alone: 401 without the
 * spec's credential, 415 for a media type the operation does not take, 400/422 (as Prism answers) naming
 * every broken constraint, in the vendor's error shape. Handlers a test adds with \`server.use()\` run
 * before the guard. Stateful flows replace an operation's handler here.
 */
export function create${v.capital}Handlers(baseUrl: string = ${v.upper}_MOCK_BASE_URL) {
  const http = ${v.name}Http(baseUrl);
  const guard = createRequestGuard(${v.upper}_SPEC, baseUrl, ${v.upper}_RULES);
  return [
    mswHttp.all(\`\${baseUrl.replace(/\\/$/, "")}/*\`, ({ request }) => guard(request)),
${handlers.join("\n")}
  ];
}
`;
}

function mockJson(v: Vendor) {
  const get = v.operations.find((o) => o.method === "GET" && o.success);
  const post = v.operations.find((o) => o.method === "POST" && o.hasRequestExample && o.success);
  const fill = (op: Operation) =>
    op.path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(String(op.pathParams[n])));
  const prefix = v.basePaths[0] ?? "";
  const bench = (op: Operation) => ({
    path: op.path,
    url: fill(op),
    ...(Object.keys(op.pathParams).length && { params: { path: op.pathParams } }),
  });
  return {
    $comment:
      'The vendor registry (tools/vendors.ts): how @cxkit/mocks (packages/mocks/src/server.ts) serves this vendor, what the bench drives (bench: client options, "$key" = the bench secret; the GET and JSON POST) and the client size budgets (size, min+gzip; .size-limit.js). The error body of refusals and the auth headers come from the spec. Written by npm run new-vendor: measure the size budgets with `npm run size` and tighten them.',
    vendor: v.name,
    title: v.title,
    port: v.port,
    spec: `specs/${v.name}/openapi.yaml`,
    ...(v.basePaths.length && { basePaths: v.basePaths }),
    ...(get && !Object.keys(get.pathParams).length && { tryPath: `${prefix}${get.path}` }),
    bench: {
      credentials:
        v.auth.kind === "basic" ? { username: "bench-user", password: "$key" } : { apiKey: "$key" },
      ...(v.auth.kind === "basic" && { basicUser: "username" }),
      ...(get && { get: bench(get) }),
      ...(post && { post: { ...bench(post), operationId: post.operationId } }),
    },
    size: { first: "10 kB", lazy: "8 kB", firstTarget: 10 },
  };
}

function specReadme(v: Vendor): string {
  const rows = v.operations.map(
    (o) => `| \`${o.method} ${o.path}\` (\`${o.operationId}\`) | _which page, which section_ |`,
  );
  return `# ${v.title} spec — provenance and judgement calls

\`openapi.yaml\` is written by hand from ${v.title}'s public API documentation. Say here which document (and
version) each part comes from, every assumption, and every call the documentation left to us.

| part of the spec | from the documentation |
|---|---|
${rows.join("\n")}
| \`info.x-cxkit-error-body\` | _the documented error body_ |
| \`${v.auth.scheme}\` | _the documented authentication_ |

## Assumed (\`x-cxkit-assumed\`)

| operation | why it exists | what is assumed |
|---|---|---|

## Judgement calls

Where the documentation is silent or contradicts itself we accept what real clients send and write
down the decision here, numbered.

## Where validation comes from

\`openapi.yaml\` is the only source of request constraints. \`tools/codegen.ts ${v.name} types vendor\` (the
\`generate\` target) writes \`packages/client-${v.name}/src/generated/\`: \`openapi.ts\` (the types),
\`vendor.ts\` (servers, security schemes, rate limit, error body) and \`constraints.ts\` (every operation's
request constraints). client-core's engine runs them in the client before the network and in the MSW
handlers; Prism validates from the same spec. \`mocks/${v.name}/test/constraints.test.ts\` breaks each
constraint in turn and checks that the client, the MSW handlers and Prism all refuse it.

- **Hand-written rules:** none. \`packages/client-${v.name}/src/rules.ts\` (\`${v.upper}_RULES\`) is empty.

## Request constraints review

Every constraint on what a client sends, checked against the documentation (cited by section or line).

| where | constraint | source |
|---|---|---|
`;
}

function clientReadme(v: Vendor): string {
  return `# @cxkit/client-${v.name}

Typed client for the ${v.title} API, built on [openapi-fetch](https://openapi-ts.dev/openapi-fetch/) and
[\`@cxkit/client-core\`](../client-core/README.md) (auth, retries, rate limiting, timeouts, typed errors);
every request is checked against the spec (\`specs/${v.name}/openapi.yaml\`) before it leaves the process.
Part of [cxkit](../../README.md).

\`\`\`sh
npm install @cxkit/client-${v.name}
\`\`\`

\`\`\`ts
import { create${v.capital}Client } from "@cxkit/client-${v.name}";

const client = create${v.capital}Client({ ${v.auth.kind === "basic" ? "username: process.env.USER_ID!, password: process.env.SECRET!" : `apiKey: process.env.${v.upper}_API_KEY!`} });
// baseUrl defaults to ${v.serverUrl}; point it at the mock: "http://127.0.0.1:${v.port}${v.basePaths[0] ?? ""}"
\`\`\`
`;
}

function mockReadme(v: Vendor): string {
  return `# @cxkit/mock-${v.name}

In-process mocks of the ${v.title} API for tests: [MSW](https://mswjs.io) handlers for every operation of
cxkit's ${v.title} spec, typed from the same spec as [\`@cxkit/client-${v.name}\`](../../packages/client-${v.name}/README.md)
and answering with its documented examples. Every request is first checked against the spec, as the Prism
mock checks it. \`mock.json\` holds how the Prism mock of [\`@cxkit/mocks\`](../../packages/mocks/README.md)
serves this vendor (port ${v.port}), what the bench drives and the client's size budgets.

\`\`\`ts
import { create${v.capital}Handlers } from "@cxkit/mock-${v.name}";
import { setupServer } from "msw/node";

const server = setupServer(...create${v.capital}Handlers());        // the client's default base URL
server.listen({ onUnhandledRequest: "error" });
\`\`\`
`;
}
