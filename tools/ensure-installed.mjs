// Runs before `npm start` and `npm test`: installs dependencies when node_modules is missing or older
// than package-lock.json, so both quick-start commands work on a fresh clone. Plain JavaScript because it
// may run on the machine's own Node (≥ 20) before the project's pinned Node 24 is installed.
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const marker = "node_modules/.package-lock.json";
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync("package-lock.json").mtimeMs;
// `npm install`, not `npm ci`: the registry this project is built against lacks other platforms'
// optional binaries (biome, nx), so the lockfile cannot list them and `npm ci` refuses it. With the
// committed lockfile `npm install` installs exactly its versions and leaves it unchanged.
if (stale) {
  console.log("cxkit: installing dependencies…");
  execSync("npm install --no-audit --no-fund", { stdio: "inherit" });
}
