// Fails unless every operation of a vendor's spec was driven through the client against the mock
// (a 2xx answer recorded by tools/testing/coverage.ts during the contract tests).
// Usage: node tools/operation-coverage.ts <vendor>...
import { readdirSync, readFileSync } from "node:fs";
import { bundledSpec } from "./bundle-spec.ts";
import { coverageDir } from "./testing/coverage.ts";

const methods = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
let failed = false;

for (const vendor of process.argv.slice(2)) {
  const { paths } = await bundledSpec<{ paths: Record<string, Record<string, { operationId?: string }>> }>(
    vendor,
  );
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
