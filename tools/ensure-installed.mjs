// Runs before `npm start` and `npm test`: installs dependencies when node_modules is missing or older
// than package-lock.json, so both quick-start commands work on a fresh clone. Plain JavaScript because it
// may run on the machine's own Node (≥ 20) before the project's pinned Node 24 is installed.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const marker = "node_modules/.package-lock.json";
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync("package-lock.json").mtimeMs;
// `npm ci`: exactly the committed lockfile (which lists every platform's optional binaries), on any Node
// ≥ 20; the pinned Node 24 comes with it as the `node` devDependency.
if (stale) {
  console.log("cxkit: installing dependencies…");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
