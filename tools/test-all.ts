// `npm test`: every check, fastest first, the same on a laptop and in CI (.ci/run calls `npm test`).
//  1. Biome over the hand-written code   2. Redocly lint of every spec
//  3. codegen, then generated code must equal what is committed
//  4. typecheck (incl. *.test-d.ts type tests; the repository scripts in tools/ too)   5. unit, MSW wire, Prism contract and mock-server tests,
//     and the API reference in headless Chromium (installed first where missing)
//  6. operation coverage (100% or fail)   6b. `npm run new-vendor` end to end: a throwaway vendor from a
//     tiny spec in a copy of the repository passes lint, freshness, typecheck, tests and coverage
//  7. publint + attw   8. consumer smoke test from npm pack
//  9. size budgets of every client's runtime (min+gzip): first load and what loads on the first call,
//     split by Rolldown as an app's bundler does (tools/size-bundles.ts), after the builds step 8 made
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const results = join(import.meta.dirname, "../.cxkit/test-results");
rmSync(results, { recursive: true, force: true }); // Nx restores cached projects' results into it

const steps: [string, string, string[]][] = [
  ["lint (biome)", "biome", ["ci", "."]],
  ["lint (redocly)", "nx", ["run-many", "-t", "lint", "--outputStyle=static"]],
  ["generate", "nx", ["run-many", "-t", "generate", "--outputStyle=static"]],
  ["generated code is fresh", "node", ["tools/check-generated.ts"]],
  ["Chromium for the browser test", "node", ["tools/ensure-chromium.ts"]],
  ["typecheck of the repository scripts (tools/tsconfig.json)", "tsc", ["-p", "tools/tsconfig.json"]],
  ["typecheck + tests", "nx", ["run-many", "-t", "typecheck", "test", "--outputStyle=static"]],
  ["operation coverage", "nx", ["run-many", "-t", "coverage", "--outputStyle=static"]],
  [
    "a new vendor from the generator, end to end (tools/new-vendor/test)",
    "vitest",
    ["run", "--config", "tools/new-vendor/vitest.config.ts"],
  ],
  ["packages + consumer smoke", "nx", ["run-many", "-t", "package", "smoke", "--outputStyle=static"]],
  ["client bundles as an app splits them (tools/size-bundles.ts)", "node", ["tools/size-bundles.ts"]],
  ["size budgets (size-limit, .size-limit.js)", "size-limit", []],
];

const started = performance.now();
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
let passed = 0;
let failed = 0;
for (const file of readdirSync(results, { recursive: true, encoding: "utf8" }).filter((f) =>
  f.endsWith(".json"),
)) {
  const run = JSON.parse(readFileSync(join(results, file), "utf8"));
  passed += run.numPassedTests;
  failed += run.numFailedTests;
}
console.log(`\n✔ all checks passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
