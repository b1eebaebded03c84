// The README's QA example (test/qa-example/: a globalSetup starts the Dixa mock, a small system calls it,
// the test verifies its calls), run as a user runs it: its own vitest, against the built @cxkit/mocks.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expect, test } from "vitest";

const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

// Budget: a vitest start-up plus a Prism start-up on a machine that may be busy.
test("the QA example passes as written", { timeout: 180_000 }, async () => {
  const child = spawn(process.execPath, [vitest, "run", "--root", join(import.meta.dirname, "qa-example")], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "1", NO_COLOR: "1" },
  });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const killer = setTimeout(() => child.kill("SIGKILL"), 170_000); // never leave it running
  const [code] = await once(child, "exit");
  clearTimeout(killer);
  expect(output).toContain("2 passed");
  expect(code, output).toBe(0);
});
