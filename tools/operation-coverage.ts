// Fails unless every operation of a vendor's spec was driven through the client against the mock
// (a 2xx answer recorded by tools/testing/coverage.ts during the contract tests).
// Usage: node tools/operation-coverage.ts <vendor>...
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bundle, loadConfig } from "@redocly/openapi-core";
import { coverageDir } from "./testing/coverage.ts";

const root = join(import.meta.dirname, "..");
const config = await loadConfig({ configPath: join(root, "redocly.yaml") });
const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
let failed = false;

for (const vendor of process.argv.slice(2)) {
  const api = config.apis[vendor];
  if (!api) throw new Error(`redocly.yaml has no api ${vendor}`);
  const { bundle: doc } = await bundle({ ref: join(root, api.root), config });
  const paths = (doc.parsed as { paths: Record<string, Record<string, { operationId?: string }>> }).paths;
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.has(method))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, id: op.operationId ?? "" })),
  );
  let covered: string[] = [];
  try {
    const dir = coverageDir(vendor);
    covered = readdirSync(dir).flatMap((f) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8")).operations);
  } catch {
    console.error(`${vendor}: no coverage record in ${coverageDir(vendor)} — run the contract tests first`);
  }
  const missing = operations.filter((op) => !covered.includes(op.key));
  const percent = operations.length ? ((operations.length - missing.length) / operations.length) * 100 : 0;
  console.log(
    `${vendor}: ${operations.length - missing.length}/${operations.length} operations covered (${percent.toFixed(1)}%)`,
  );
  for (const op of missing) console.error(`  not covered: ${op.key} (${op.id})`);
  if (missing.length || operations.length === 0) failed = true;
}
process.exit(failed ? 1 : 0);
