// Where the mocks' vendors come from. In the published package, `npm run build` has put each vendor's
// bundled spec, mock settings and API reference under dist/vendors/<vendor>/; in the repository (tests
// run from src/), they are read from mocks/<vendor>/mock.json and specs/<vendor>/.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Rule, VendorSpec } from "@cxkit/client-core";

export interface MockConfig {
  vendor: string;
  title: string;
  /** The fixed port the mock listens on by default. */
  port: number;
  /** Absolute path of the OpenAPI document Prism serves. */
  spec: string;
  /** Absolute path of the rendered API reference (published package only). */
  reference?: string;
  /** A path worth trying first. */
  tryPath?: string;
  stripTrailingSlash?: boolean;
  /** Version prefixes the API is served under (e.g. Dixa's `/v1` and `/beta`); the spec's paths omit them. */
  basePaths?: string[];
  /**
   * The vendor's error body (its spec's `info.x-cxkit-error-body`, set by `startMock`); "$message(s)",
   * "$status", "$statusText" are filled in (respond.ts).
   */
  validationErrorBody?: unknown;
}

/** A vendor's spec as run-time data and its rules, from its client package (`<VENDOR>_SPEC`, `<VENDOR>_RULES`). */
export async function vendorSpec(
  vendor: string,
): Promise<{ spec: VendorSpec; rules?: Record<string, Rule> }> {
  const client = (await import(`@cxkit/client-${vendor}`)) as Record<string, unknown>;
  const prefix = vendor.toUpperCase();
  const spec = client[`${prefix}_SPEC`] as VendorSpec | undefined;
  if (!spec) throw new Error(`@cxkit/client-${vendor} exports no ${prefix}_SPEC`);
  return { spec, rules: client[`${prefix}_RULES`] as Record<string, Rule> | undefined };
}

const packaged = join(import.meta.dirname, "vendors");
export const repoRoot = join(import.meta.dirname, "../../..");

export function mockConfigs(): MockConfig[] {
  const fromPackage = existsSync(packaged);
  const dir = fromPackage ? packaged : join(repoRoot, "mocks");
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "mock.json")))
    .map((entry) => {
      const config = JSON.parse(readFileSync(join(dir, entry.name, "mock.json"), "utf8")) as MockConfig;
      return fromPackage
        ? {
            ...config,
            spec: join(dir, entry.name, "openapi.json"),
            reference: join(dir, entry.name, "reference.html"),
          }
        : { ...config, spec: join(repoRoot, config.spec) };
    })
    .sort((a, b) => a.port - b.port);
}

export function mockConfig(vendor: string): MockConfig {
  const config = mockConfigs().find((c) => c.vendor === vendor);
  if (!config)
    throw new Error(
      `No mock named "${vendor}". Known: ${mockConfigs()
        .map((c) => c.vendor)
        .join(", ")}`,
    );
  return config;
}
