// Scaffolds a vendor from its OpenAPI 3.1 spec: specs/<name>/, packages/client-<name>/ and mocks/<name>/
// (tools/new-vendor/templates.ts), then links the new workspaces (`npm install`), runs their codegen, writes
// the registry-derived files (`node tools/registry-files.ts`, as `npm run generate` does) and formats the new
// folders with Biome. What is left by hand is what a spec cannot say (CONTRIBUTING.md, "Add a vendor").
// Usage: npm run new-vendor <name> -- --spec <file> [--title "Title"] [--port N] [--no-install]
//   --no-install   write and generate only; skip `npm install` (the caller links the workspaces itself)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { type Auth, files, type Operation, smokeOperation, type Vendor } from "./new-vendor/templates.ts";
import { root, vendors } from "./vendors.ts";

type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "patch"];

function fail(message: string): never {
  console.error(`new-vendor: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    spec: { type: "string" },
    title: { type: "string" },
    port: { type: "string" },
    "no-install": { type: "boolean", default: false },
  },
});
const usage = 'usage: npm run new-vendor <name> -- --spec <file> [--title "Title"] [--port N]';
const [name, ...extra] = positionals;
if (!name || extra.length) fail(usage);
if (!/^[a-z][a-z0-9]*$/.test(name))
  fail(
    `"${name}" is not a vendor name: lowercase letters and digits, starting with a letter (e.g. "acme2").`,
  );
if (!values.spec) fail(`--spec <file> is required\n${usage}`);

const known = vendors();
const taken = [`specs/${name}`, `packages/client-${name}`, `mocks/${name}`].filter((d) =>
  existsSync(join(root, d)),
);
if (known.some((v) => v.vendor === name) || taken.length)
  fail(
    `"${name}" exists already (${taken.join(", ") || "in the registry"}). Known vendors: ${known.map((v) => v.vendor).join(", ")}.`,
  );

// npm runs scripts from the root; a relative --spec is relative to where the user typed the command.
const specPath = resolve(process.env.INIT_CWD ?? process.cwd(), values.spec);
if (!existsSync(specPath)) fail(`no spec at ${specPath}`);
const specText = readFileSync(specPath, "utf8");
let spec: Json;
try {
  spec = parse(specText) as Json;
} catch (error) {
  fail(`${specPath} is not YAML/JSON: ${(error as Error).message}`);
}
if (!/^3\.1\./.test(String(spec.openapi)))
  fail(`${values.spec}: the spec must be OpenAPI 3.1 (openapi: ${spec.openapi})`);
if (/\$ref:\s*["']?[^"'#\s]/.test(specText))
  fail(
    `${values.spec}: external $refs are not copied; give a single-file spec (split it into parts afterwards)`,
  );

const info = (spec.info ?? {}) as Json;
const servers = (spec.servers ?? []) as { url: string }[];
if (!servers[0]?.url) fail(`${values.spec}: the spec names no server (servers[0].url)`);
const title = values.title ?? String(info.title ?? name).replace(/\s+API$/i, "");

let port: number;
if (values.port !== undefined) {
  port = Number(values.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65535)
    fail(`--port ${values.port}: an integer 1024-65535`);
  const owner = known.find((v) => v.port === port);
  if (owner) fail(`--port ${port} is ${owner.vendor}'s mock port`);
} else port = Math.max(4009, ...known.map((v) => v.port)) + 1;

const components = (spec.components ?? {}) as Json;
const deref = (node: unknown): Json => {
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  if (!ref) return (node ?? {}) as Json;
  return deref(
    ref
      .slice(2)
      .split("/")
      .reduce<unknown>((n, k) => (n as Json | undefined)?.[k], spec),
  );
};

const auth = ((): Auth => {
  const schemes = (components.securitySchemes ?? {}) as Record<string, Json>;
  const first = Object.keys(((spec.security ?? []) as Json[])[0] ?? {})[0] ?? Object.keys(schemes)[0];
  const s = first === undefined ? undefined : schemes[first];
  if (!first || !s) fail(`${values.spec}: no security scheme (components.securitySchemes + security)`);
  if (s.type === "http" && String(s.scheme).toLowerCase() === "bearer")
    return { scheme: first, kind: "bearer" };
  if (s.type === "http" && String(s.scheme).toLowerCase() === "basic")
    return { scheme: first, kind: "basic" };
  if (s.type === "apiKey" && s.in === "header" && typeof s.name === "string")
    return { scheme: first, kind: "header", header: s.name };
  fail(
    `${values.spec}: security scheme "${first}" (${JSON.stringify(s)}) has no scaffold; bearer, basic and ` +
      "header API keys do. Scaffold with one of those and write the auth by hand (see packages/client-evaluagent).",
  );
})();

const operations: Operation[] = [];
for (const [path, item] of Object.entries((spec.paths ?? {}) as Record<string, Json>)) {
  const shared = ((item.parameters ?? []) as unknown[]).map(deref);
  for (const method of METHODS) {
    const op = item[method] as Json | undefined;
    if (!op) continue;
    if (typeof op.operationId !== "string" || !/^[A-Za-z_$][\w$]*$/.test(op.operationId))
      fail(
        `${method.toUpperCase()} ${path} needs an operationId that is an identifier (the examples module is keyed by it)`,
      );
    const params = [...shared, ...((op.parameters ?? []) as unknown[]).map(deref)];
    const pathParams = Object.fromEntries(
      params
        .filter((p) => p.in === "path")
        .map((p) => [
          p.name,
          p.example ?? deref(p.schema).example ?? (deref(p.schema).type === "string" ? "1" : 1),
        ]),
    );
    const responses = (op.responses ?? {}) as Record<string, unknown>;
    const success = Object.keys(responses).find((s) => /^2\d\d$/.test(s));
    const media = success
      ? (deref(responses[success]).content as Json | undefined)?.["application/json"]
      : undefined;
    const examples = (media as Json | undefined)?.examples as Json | undefined;
    const successExample = examples
      ? Object.keys(examples)[0]
      : (media as Json | undefined)?.example !== undefined
        ? "default"
        : undefined;
    const body = deref(op.requestBody).content as Json | undefined;
    const bodyMedia = body?.["application/json"] as Json | undefined;
    operations.push({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      success,
      successExample,
      pathParams,
      hasJsonBody: !!bodyMedia,
      hasRequestExample: !!bodyMedia && (bodyMedia.example !== undefined || !!bodyMedia.examples),
      requiredParams: params.some((p) => p.required && (p.in === "query" || p.in === "header")),
    });
  }
}
if (!operations.length) fail(`${values.spec}: the spec has no operations`);

const basePaths = [
  ...new Set(servers.map((s) => new URL(s.url).pathname.replace(/\/$/, "")).filter((p) => p !== "")),
];
const vendor: Vendor = {
  name,
  title,
  capital: `${name[0]!.toUpperCase()}${name.slice(1)}`,
  upper: name.toUpperCase(),
  port,
  specTitle: String(info.title ?? title),
  serverUrl: servers[0].url,
  basePaths,
  auth,
  operations,
  specText,
};

const written = files(vendor);
for (const [file, text] of Object.entries(written)) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
console.log(`new-vendor: wrote ${Object.keys(written).length} files for ${title} (mock port ${port})`);
for (const op of operations.filter((o) => !o.success || o.successExample === undefined))
  console.warn(
    `  note: ${op.operationId} has ${op.success ? "no JSON example for its" : "no"} 2xx response; its MSW handler answers without a body`,
  );
if (
  !operations.some((o) => o.method === "GET") ||
  !operations.some((o) => o.method === "POST" && o.hasRequestExample)
)
  console.warn(
    `  note: mocks/${name}/mock.json "bench" needs a GET and a POST with a request example; the spec lacks one, write it by hand`,
  );
if (!smokeOperation(vendor))
  console.warn(
    `  note: no GET without required parameters: write tools/smoke/${name}.ts and the mock's smoke script by hand`,
  );

// The one shared manifest that lists vendors by hand: the published @cxkit/mocks imports every client at run
// time (vendorSpec) and its build bundles every spec, so it depends on both. Keys stay sorted.
const mocksManifest = join(root, "packages/mocks/package.json");
const manifest = JSON.parse(readFileSync(mocksManifest, "utf8")) as Record<string, Record<string, string>>;
const add = (field: string, pkg: string) => {
  manifest[field] = Object.fromEntries(
    Object.entries({ ...manifest[field], [pkg]: "0.1.0" }).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
};
add("dependencies", `@cxkit/client-${name}`);
add("devDependencies", `@cxkit/spec-${name}`);
writeFileSync(mocksManifest, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `new-vendor: packages/mocks/package.json depends on @cxkit/client-${name} and @cxkit/spec-${name}`,
);

const run = (command: string, args: string[]) => {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  execFileSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NX_DAEMON: "false" } });
};
const bin = (tool: string) => join(root, "node_modules/.bin", tool);
// The new packages must be workspaces in node_modules before Nx and TypeScript can see them.
if (!values["no-install"]) run("npm", ["install", "--no-audit", "--no-fund"]);
run(bin("nx"), [
  "run-many",
  "-t",
  "generate",
  "-p",
  `@cxkit/client-${name}`,
  `@cxkit/mock-${name}`,
  "--outputStyle=static",
]);
// The mock tests' vitest globalSetup imports the client through its package entry (dist/), not the
// "@cxkit/source" condition the tests resolve, so the mock's tests need the client built once.
run(bin("nx"), ["run", `@cxkit/client-${name}:build`, "--outputStyle=static"]);
run(process.execPath, [join(root, "tools/registry-files.ts")]);
run(bin("biome"), [
  "check",
  "--write",
  `specs/${name}`,
  `packages/client-${name}`,
  `mocks/${name}`,
  ...(smokeOperation(vendor) ? [`tools/smoke/${name}.ts`] : []),
]);
console.log(`
new-vendor: ${title} is scaffolded. Next (CONTRIBUTING.md, "Add a vendor"):
  npx nx run-many -t lint typecheck test coverage -p @cxkit/spec-${name} @cxkit/client-${name} @cxkit/mock-${name}
  then write specs/${name}/README.md's decisions, rules a schema cannot say, and the vendor's flows.`);
