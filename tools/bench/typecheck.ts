// Typecheck time of a consumer of @cxkit/client-dixa calling 20 operations (dixa-consumer.ts): wall time
// of a strict `tsc --noEmit` (the smoke test's compiler options) in a fresh process, against the built
// .d.ts files (what `npm install` gives) and against the package sources (the `@cxkit/source` condition).
// A baseline consumer that only imports the client type separates loading the types from checking the
// calls; tsc's --extendedDiagnostics says where the time goes. The tsconfig is written to a temporary
// folder under .cxkit/ (git-ignored; inside the repository so the workspace's node_modules resolve).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "../../packages/client-core/bench/measure.ts";
import { nodeBin, timed } from "./process.ts";
import { root } from "./vendors.ts";

export interface TypecheckResult {
  name: string;
  seconds: number;
  /** tsc's own phases (s), from --extendedDiagnostics. */
  phases: Record<string, number>;
  types?: number;
  instantiations?: number;
}

const BASELINE = `import type { DixaClient } from "@cxkit/client-dixa";\nexport const keep = (client: DixaClient): DixaClient => client;\n`;

export async function typecheck(repeats: number): Promise<TypecheckResult[]> {
  mkdirSync(join(root, ".cxkit"), { recursive: true });
  const dir = mkdtempSync(join(root, ".cxkit", "bench-typecheck-"));
  try {
    // The baseline must sit beside the consumer's imports' resolution root: the repository.
    const baseline = join(dir, "baseline.ts");
    writeFileSync(baseline, BASELINE);
    const consumer = join(root, "tools/bench/dixa-consumer.ts");
    const variants: [string, string, object][] = [
      [
        "20 operations, built .d.ts, skipLibCheck false (as the smoke test)",
        consumer,
        { skipLibCheck: false },
      ],
      ["20 operations, built .d.ts, skipLibCheck true", consumer, { skipLibCheck: true }],
      // The sources compile with the repository's own options (tsconfig.base.json: the @cxkit/source
      // condition, no exactOptionalPropertyTypes), like the packages' own typecheck.
      ["20 operations, package sources (@cxkit/source), tsconfig.base.json", consumer, { base: true }],
      [
        "baseline: import the client type only, built .d.ts, skipLibCheck false",
        baseline,
        { skipLibCheck: false },
      ],
    ];
    const results: TypecheckResult[] = [];
    for (const [i, [name, file, extra]] of variants.entries()) {
      const project = join(dir, `tsconfig.${i}.json`);
      const { base, ...options } = extra as { base?: boolean };
      const compilerOptions = base
        ? { noEmit: true, types: [] }
        : {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            noUncheckedIndexedAccess: true,
            exactOptionalPropertyTypes: true,
            types: [],
            lib: ["ES2023", "DOM"],
            noEmit: true,
            ...options,
          };
      const config = {
        ...(base && { extends: join(root, "tsconfig.base.json") }),
        compilerOptions,
        files: [file],
      };
      writeFileSync(project, JSON.stringify(config));
      const runs = [];
      for (let r = 0; r < repeats; r++)
        runs.push(
          await timed(nodeBin, [
            join(root, "node_modules/typescript/bin/tsc"),
            "-p",
            project,
            "--extendedDiagnostics",
          ]),
        );
      const mid = [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
      const phase = (label: string) =>
        Number(new RegExp(`^${label}:\\s+([\\d.]+)s`, "m").exec(mid.output)?.[1]);
      const count = (label: string) => Number(new RegExp(`^${label}:\\s+(\\d+)`, "m").exec(mid.output)?.[1]);
      results.push({
        name,
        seconds: median(runs.map((r) => r.seconds)),
        phases: Object.fromEntries(
          ["Program", "Parse", "Bind", "Check", "Total"].map((p) => [p.toLowerCase(), phase(`${p} time`)]),
        ),
        types: count("Types"),
        instantiations: count("Instantiations"),
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
