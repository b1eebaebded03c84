// End to end: `npm run new-vendor` adds a throwaway vendor from a tiny spec (tools/new-vendor/fixtures/
// tiny.yaml) to a copy of this repository, and the checks `npm test` runs on a vendor pass on it — lint
// (Biome, Redocly), codegen freshness, typecheck, the new projects' tests, the operation-coverage check and
// publint + attw (not the consumer smoke, which installs from the registry, nor the size budgets, which
// build every client) — with no hand edit to a shared file: `git status` in the copy shows only new files
// and the four shared files the generator updates, each checked to hold only the new vendor's entries.
// One test, the steps in order, each must exit 0.
// Nothing measures speed: the budgets below are generous ceilings for a busy 2-core machine.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";

const root = join(import.meta.dirname, "../../..");
const name = "tiny";
/** Every file the scaffold creates, as CONTRIBUTING.md lists them ("New files"). */
const created = [
  ...["openapi.yaml", "package.json", "README.md"].map((f) => `specs/${name}/${f}`),
  ...[
    "package.json",
    "tsconfig.json",
    "tsconfig.build.json",
    "vitest.config.ts",
    "README.md",
    "src/client.ts",
    "src/spec.ts",
    "src/rules.ts",
    "src/index.ts",
    "src/generated/README.md",
    "src/generated/openapi.ts",
    "src/generated/vendor.ts",
    "src/generated/constraints.ts",
    "test/client.test.ts",
  ].map((f) => `packages/client-${name}/${f}`),
  ...[
    "mock.json",
    "package.json",
    "tsconfig.json",
    "tsconfig.build.json",
    "vitest.config.ts",
    "README.md",
    "src/handlers.ts",
    "src/index.ts",
    "src/generated/README.md",
    "src/generated/examples.ts",
    "test/global-setup.ts",
    "test/contract.test.ts",
    "test/wire.test.ts",
    "test/constraints.test.ts",
  ].map((f) => `mocks/${name}/${f}`),
  `tools/smoke/${name}.ts`,
];
/**
 * Tracked files the scaffold may change, each only as checked below: the lockfile (`npm install` links the
 * new workspaces), the vendor lists tools/registry-files.ts derives from the registry (as `npm run generate`
 * does), and @cxkit/mocks' manifest, which must depend on every client and spec it bundles.
 */
const derived = ["package-lock.json", "README.md", "redocly.yaml", "packages/mocks/package.json"];
const MINUTES = 60_000;

let copy = "";
// npm reads its cache only (the install of this repository filled it): the test talks to no registry.
const OFFLINE = { npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false" };
const env = () => ({
  ...process.env,
  ...OFFLINE,
  PATH: `${join(copy, "node_modules/.bin")}:${process.env.PATH}`,
  NX_DAEMON: "false",
  NX_NO_CLOUD: "true",
  NX_TUI: "false",
  FORCE_COLOR: "0",
});

/** Runs a command in the copy; returns its exit status and output (shown when the assertion fails). */
function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: copy, env: env(), encoding: "utf8", maxBuffer: 64 << 20 });
  const output = `$ ${command} ${args.join(" ")}\n${result.stdout}${result.stderr}${result.error ?? ""}`;
  return { status: result.status, output };
}
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=cxkit", "-c", "user.email=cxkit@127.0.0.1", ...args], {
    cwd: copy,
    encoding: "utf8",
  });
function step(command: string, args: string[]) {
  const { status, output } = run(command, args);
  expect(status, output.slice(-8000)).toBe(0);
  return output;
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "cxkit-new-vendor-"));
  // The working tree as `git add -A` would commit it (tracked and untracked, minus ignored and deleted).
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(root, file), join(copy, file));
  }
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "--no-gpg-sign", "-m", "before the new vendor");
  // Its own node_modules, from the lockfile and npm's cache alone (the repository's is never touched).
  const install = spawnSync("npm", ["ci"], {
    cwd: copy,
    encoding: "utf8",
    env: { ...process.env, ...OFFLINE, FORCE_COLOR: "0" },
  });
  const hint =
    "\n(ENOTCACHED: npm's cache lacks a package of the lockfile; `npm ci` in the repository fills it)";
  expect(install.status, `${install.stdout}${install.stderr}`.slice(-4000) + hint).toBe(0);
}, 10 * MINUTES);

afterAll(() => {
  if (copy && !process.env.CXKIT_KEEP_NEW_VENDOR) rmSync(copy, { recursive: true, force: true });
}, 5 * MINUTES); // the copy's node_modules is ~600 MB

test("a vendor added by the generator passes every check with no hand edit to a shared file", {
  timeout: 20 * MINUTES,
}, () => {
  // Refusals first: a bad name and an existing vendor write nothing.
  const spec = "tools/new-vendor/fixtures/tiny.yaml";
  const badName = run("node", ["tools/new-vendor.ts", "Tiny-1", "--spec", spec]);
  expect(badName.status).not.toBe(0);
  expect(badName.output).toMatch(/not a vendor name/);
  const existing = run("node", ["tools/new-vendor.ts", "qemotion", "--spec", spec]);
  expect(existing.status).not.toBe(0);
  expect(existing.output).toMatch(/exists already/);
  expect(git("status", "--porcelain")).toBe("");

  // The generator, as a contributor runs it.
  step("npm", ["run", "new-vendor", name, "--", "--spec", spec]);

  // No hand edit to a shared file: new folders, plus derived lines in the files listed in `derived`.
  const status = git("status", "--porcelain", "--untracked-files=all").split("\n").filter(Boolean);
  const added = status.filter((l) => l.startsWith("?? ")).map((l) => l.slice(3));
  const modified = status.filter((l) => !l.startsWith("?? "));
  expect(added.sort(), "the files the scaffold creates").toEqual([...created].sort());
  expect(modified.sort(), "the shared files it changes").toEqual(derived.map((f) => ` M ${f}`).sort());
  // CONTRIBUTING.md states both lists; its counts must be these.
  const contributing = readFileSync(join(copy, "CONTRIBUTING.md"), "utf8");
  expect(contributing).toContain(`**New files (${created.length})**`);
  expect(contributing).toContain(`**Shared files that change (${derived.length})**`);
  for (const file of derived) expect(contributing).toContain(`| \`${file}\` |`);
  for (const file of ["README.md", "redocly.yaml"]) {
    // Only added lines, each naming the new vendor (a registry row), none removed.
    const changed = git("diff", "-U0", "--", file)
      .split("\n")
      .filter((l) => /^[+-](?![+-]{2})/.test(l));
    expect(
      changed.filter((l) => l.startsWith("-") || !l.toLowerCase().includes(name)),
      `${file}: lines other than the new vendor's`,
    ).toEqual([]);
  }

  // What a contributor commits; the checks then run on a clean tree, as in CI.
  git("add", "-A");
  git("commit", "-q", "--no-gpg-sign", "-m", `Add ${name}`);
  const projects = ["-p", `@cxkit/spec-${name}`, `@cxkit/client-${name}`, `@cxkit/mock-${name}`];
  const nx = (...args: string[]) => step("nx", [...args, "--outputStyle=static"]);

  step("biome", [
    "ci",
    `specs/${name}`,
    `packages/client-${name}`,
    `mocks/${name}`,
    `tools/smoke/${name}.ts`,
  ]); // lint (Biome)
  nx("run-many", "-t", "lint", ...projects); // lint (Redocly, the spec package's lint target)
  nx("run-many", "-t", "generate", ...projects); // codegen again, then freshness
  step("node", ["tools/check-generated.ts"]);
  nx("run-many", "-t", "typecheck", ...projects);
  nx("run-many", "-t", "test", ...projects);
  for (const project of [`packages/client-${name}`, `mocks/${name}`]) {
    const results = JSON.parse(readFileSync(join(copy, `.cxkit/test-results/${project}.json`), "utf8"));
    expect(results.numFailedTests, project).toBe(0);
    expect(results.numPassedTests, project).toBeGreaterThan(0);
  }
  expect(step("node", ["tools/operation-coverage.ts", name])).toMatch(/3\/3 operations covered \(100\.0%\)/);
  nx("run-many", "-t", "package", ...projects); // publint + attw on the two published packages
  // Nothing the checks ran left a tracked file changed.
  expect(git("status", "--porcelain")).toBe("");
});
