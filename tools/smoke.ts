// Consumer smoke test: packs the vendor's client (and client-core) with `npm pack`, installs the
// tarballs into a fresh temporary project, compiles a strict TypeScript consumer against them and runs
// it against the vendor's mock — what a user gets from `npm install @cxkit/client-<vendor>`.
// Usage: node tools/smoke.ts <vendor>
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { startMock } from "../packages/mocks/src/server.ts";
import { mockConfig, repoRoot } from "../packages/mocks/src/vendors.ts";

const vendor = process.argv[2];
if (!vendor) throw new Error("usage: node tools/smoke.ts <vendor>");
const consumer = readFileSync(join(repoRoot, "tools/smoke", `${vendor}.ts`), "utf8");
const dir = mkdtempSync(join(tmpdir(), `cxkit-smoke-${vendor}-`));
const run = (cmd: string, args: string[], cwd = dir) =>
  execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

try {
  const tarballs = ["packages/client-core", `packages/client-${vendor}`].map((pkg) => {
    const [packed] = JSON.parse(
      run("npm", ["pack", "--json", "--pack-destination", dir], join(repoRoot, pkg)),
    );
    return join(dir, packed.filename);
  });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "smoke", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", ...tarballs]);
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/consumer.ts"), consumer);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        types: [],
        lib: ["ES2023", "DOM"],
        outDir: "out",
      },
      include: ["src"],
    }),
  );
  // The consumer must compile against the published .d.ts files, with the library's types checked too.
  run(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "."]);
  const mock = await startMock(mockConfig(vendor), { port: 0, log: () => {} });
  try {
    // Asynchronous: the mock's front runs in this process and must keep serving meanwhile.
    const { stdout } = await promisify(execFile)(process.execPath, ["out/consumer.js"], {
      cwd: dir,
      env: { ...process.env, MOCK_URL: mock.url },
      timeout: 60_000,
    });
    console.log(`smoke ${vendor}: ${stdout.trim()}`);
  } finally {
    await mock.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
