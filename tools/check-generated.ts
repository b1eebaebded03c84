// Fails when generated code differs from what is committed: run after the `generate` targets, so a spec
// change without its regenerated output (or a hand edit under src/generated/) never lands. The vendor lists of
// shared files (README tables, redocly.yaml `apis:`) must match the registry too (tools/registry-files.ts).
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" });
try {
  git("rev-parse", "--is-inside-work-tree");
} catch {
  console.log("check-generated: not a git checkout, skipped");
  process.exit(0);
}
const changed = git("status", "--porcelain", "--", ":(glob)**/src/generated/**").trim();
if (changed) {
  console.error(`Generated code is not what is committed:\n${changed}\n`);
  console.error("Regenerate (`npm run generate`) and commit the result; never edit src/generated/ by hand.");
  process.exit(1);
}
try {
  execFileSync(process.execPath, [join(import.meta.dirname, "registry-files.ts"), "--check"], {
    stdio: "inherit",
  });
} catch {
  console.error("Vendor lists are stale: run `npm run generate` and commit the result.");
  process.exit(1);
}
console.log("check-generated: generated code matches the specs, vendor lists match mocks/*/mock.json");
