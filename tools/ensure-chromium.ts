// Before the tests: the API reference browser test (packages/mocks/test/browser.test.ts) needs Debian's
// Chromium. Installs it with apt-get when missing and this is root (as in CI); otherwise says how.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

import { chromiumPath as path } from "./testing/chromium.ts";

if (existsSync(path)) process.exit(0);
if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
  console.log("cxkit: installing Debian's chromium for the browser test…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", {
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `Chromium is needed at ${path} for the API reference browser test: install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH.`,
);
process.exit(1);
