// Fails when generated code differs from what is committed: run after the `generate` targets, so a spec
// change without its regenerated output (or a hand edit under src/generated/) never lands.
import { execFileSync } from "node:child_process";

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
console.log("check-generated: generated code matches the specs");
