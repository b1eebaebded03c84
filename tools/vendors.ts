// The one vendor registry of the repository tools: every directory mocks/<vendor>/ with a mock.json is a
// vendor (the mocks discover them the same way: packages/mocks/src/vendors.ts `mockConfigs()`). Benchmarks,
// size budgets, smoke tests, the README tables and codegen's outputs all list vendors from here, so a new
// vendor needs no edit to a shared file. Only node:fs/node:path: .size-limit.js imports it too.
// Package names, factory names and file paths follow from the vendor name by convention (see the helpers).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const root = join(import.meta.dirname, "..");

/** What a consumer needs beyond the mock's own settings and the spec's facts (mock.json `bench`). */
export interface BenchEntry {
  /**
   * Options of `create<Vendor>Client` besides baseUrl/fetch/rateLimit; the string "$key" is replaced by
   * the bench's secret.
   */
  credentials: Record<string, string>;
  /** The spec's security scheme the bench's raw-fetch calls use (default: the spec's first). */
  securityScheme?: string;
  /** For an `http basic` scheme: which credential is the user name (the secret is the password). */
  basicUser?: string;
  get: { path: string; url: string };
  post: { path: string; url: string; params?: object; operationId: string };
}

export interface VendorEntry {
  vendor: string;
  title: string;
  port: number;
  /** Path of the spec, relative to the repository root. */
  spec: string;
  tryPath?: string;
  stripTrailingSlash?: boolean;
  basePaths?: string[];
  bench: BenchEntry;
  /** size-limit budgets of the client, min+gzip, as size-limit spells them ("7.4 kB"). */
  size: {
    first: string;
    lazy: string;
    /** The issue's target for the first load, kB min+gzip (the bench's report judges against it). */
    firstTarget: number;
  };
}

/** Every vendor, in port order (the order of every table and report). */
export function vendors(): VendorEntry[] {
  const dir = join(root, "mocks");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "mock.json")))
    .map((e) => {
      const entry = JSON.parse(readFileSync(join(dir, e.name, "mock.json"), "utf8")) as VendorEntry;
      if (entry.vendor !== e.name)
        throw new Error(`mocks/${e.name}/mock.json names vendor "${entry.vendor}"`);
      for (const key of ["title", "port", "spec", "bench", "size"] as const)
        if (entry[key] === undefined) throw new Error(`mocks/${e.name}/mock.json has no "${key}"`);
      return entry;
    })
    .sort((a, b) => a.port - b.port);
}

export function vendor(name: string): VendorEntry {
  const entry = vendors().find((v) => v.vendor === name);
  if (!entry)
    throw new Error(
      `No vendor "${name}" (mocks/<vendor>/mock.json). Known: ${vendors()
        .map((v) => v.vendor)
        .join(", ")}`,
    );
  return entry;
}

// The conventions every vendor follows; a vendor's packages export these names.
const capital = (vendor: string) => `${vendor[0]!.toUpperCase()}${vendor.slice(1)}`;
export const clientPackage = (vendor: string) => `@cxkit/client-${vendor}`;
export const mockPackage = (vendor: string) => `@cxkit/mock-${vendor}`;
export const specPackage = (vendor: string) => `@cxkit/spec-${vendor}`;
export const clientDir = (vendor: string) => `packages/client-${vendor}`;
export const mockDir = (vendor: string) => `mocks/${vendor}`;
/** `createDixaClient` */
export const clientFactory = (vendor: string) => `create${capital(vendor)}Client`;
/** `createDixaHandlers` (mocks/<vendor>/src) */
export const handlersFactory = (vendor: string) => `create${capital(vendor)}Handlers`;
/** `DIXA_MOCK_BASE_URL` (mocks/<vendor>/src) */
export const mockBaseUrlExport = (vendor: string) => `${vendor.toUpperCase()}_MOCK_BASE_URL`;

/** Where tools/codegen.ts writes each kind of generated module. */
export const codegenOutputs = (vendor: string) => ({
  types: `${clientDir(vendor)}/src/generated/openapi.ts`,
  vendor: `${clientDir(vendor)}/src/generated/vendor.ts`,
  examples: `${mockDir(vendor)}/src/generated/examples.ts`,
});

/** A security scheme as the generated vendor.ts of a client states it (`vendor.securitySchemes`). */
export interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
}

/** The spec's security schemes, from the client's generated vendor module. */
export async function securitySchemes(vendor: string): Promise<Record<string, SecurityScheme>> {
  const mod = (await import(join(root, codegenOutputs(vendor).vendor))) as {
    vendor: { securitySchemes?: Record<string, SecurityScheme> };
  };
  return mod.vendor.securitySchemes ?? {};
}

/**
 * The headers one security scheme puts on the wire for a secret (and, for Basic, a user name): what
 * a raw fetch must send. Only header-borne schemes; anything else is refused rather than guessed.
 */
export function wireAuth(scheme: SecurityScheme, secret: string, user?: string): Record<string, string> {
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer")
    return { authorization: `Bearer ${secret}` };
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") {
    if (user === undefined) throw new Error("an http basic scheme needs a user name");
    return { authorization: `Basic ${btoa(`${user}:${secret}`)}` };
  }
  if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name)
    return { [scheme.name.toLowerCase()]: secret };
  throw new Error(`no wire form for security scheme ${JSON.stringify(scheme)}`);
}

/** The bench's client options (mock.json `bench.credentials`), with `secret` for every "$key". */
export const benchCredentials = (bench: BenchEntry, secret: string): Record<string, string> =>
  Object.fromEntries(Object.entries(bench.credentials).map(([k, v]) => [k, v === "$key" ? secret : v]));

/** Those credentials as the bench's security scheme puts them on the wire (raw fetch's headers). */
export async function benchWireAuth(vendor: string, bench: BenchEntry, secret: string) {
  const [, scheme] = pickScheme(await securitySchemes(vendor), bench.securityScheme);
  const user = bench.basicUser === undefined ? undefined : benchCredentials(bench, secret)[bench.basicUser];
  return wireAuth(scheme, secret, user);
}

/** The scheme a consumer uses by default: the named one, or the spec's first. */
export function pickScheme(schemes: Record<string, SecurityScheme>, name?: string): [string, SecurityScheme] {
  const picked = name ?? Object.keys(schemes)[0];
  const scheme = picked === undefined ? undefined : schemes[picked];
  if (!picked || !scheme) throw new Error(`no security scheme ${name ?? "(none in the spec)"}`);
  return [picked, scheme];
}
