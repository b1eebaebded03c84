// Consumer smoke tests: what a user gets from npm. Every package involved is packed with `npm pack` and
// installed from its tarball into a fresh temporary project (registry only for third-party packages).
//
//   node tools/smoke.ts <vendor>   client-core + client-<vendor> + mock-<vendor>: the strict TypeScript consumer
//                                  tools/smoke/<vendor>.ts must compile under NodeNext, bundler and node16
//                                  resolution (skipLibCheck off, no @types/node), then runs once against the
//                                  vendor's Prism mock and, through `setupServer` from msw/node, the packed
//                                  MSW handlers; then the browser smoke (tools/smoke/browser.ts).
//   node tools/smoke.ts mocks      @cxkit/mocks: the installed `cxkit-mocks` bin (tools/smoke/cli.ts).
//
// Wired as the `smoke` script of mocks/<vendor> (its build graph covers the client, client-core and the
// MSW package) and of packages/mocks. Loopback only; no temp dir or process outlives a run.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { startMock } from "../packages/mocks/src/server.ts";
import { mockConfig, mockConfigs } from "../packages/mocks/src/vendors.ts";
import { browserSmoke, writeBrowserConsumer } from "./smoke/browser.ts";
import { cliSmoke } from "./smoke/cli.ts";
import {
  cleanup,
  createProject,
  dependencyRange,
  limitRun,
  loopbackGuard,
  repoRoot,
} from "./smoke/project.ts";

const target = process.argv[2];
const vendors = mockConfigs().map((c) => c.vendor);
if (!target || (target !== "mocks" && !vendors.includes(target)))
  throw new Error(`usage: node tools/smoke.ts <${[...vendors, "mocks"].join(" | ")}>`);

limitRun(target, 8 * 60_000);
try {
  if (target === "mocks") console.log(`smoke mocks: ${await cliSmoke()}`);
  else await clientSmoke(target);
} finally {
  cleanup();
}

async function clientSmoke(vendor: string) {
  const project = createProject(vendor);
  const { dir } = project;
  const tarballs = project.pack(["packages/client-core", `packages/client-${vendor}`, `mocks/${vendor}`]);
  // A user adds msw themselves to call setupServer; take the range the MSW package declares.
  project.install([...tarballs, `msw@${dependencyRange(`mocks/${vendor}`, "msw")}`]);
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/consumer.ts"), readFileSync(join(repoRoot, "tools/smoke", `${vendor}.ts`)));
  const browser = await writeBrowserConsumer(dir, vendor);

  // The consumer must compile against the published .d.ts files, with the libraries' types checked too,
  // under each resolution mode a user may have. Only the NodeNext build emits the JS that runs.
  const strict = {
    target: "ES2022",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    types: [],
    lib: ["ES2023", "DOM"],
  };
  const modes = {
    nodenext: { module: "NodeNext", moduleResolution: "NodeNext", outDir: "out" },
    bundler: { module: "Preserve", moduleResolution: "bundler", noEmit: true },
    node16: { module: "node16", moduleResolution: "node16", noEmit: true },
  };
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  for (const [mode, options] of Object.entries(modes)) {
    const file = `tsconfig.${mode}.json`;
    writeFileSync(
      join(dir, file),
      JSON.stringify({ compilerOptions: { ...strict, ...options }, include: ["src"] }),
    );
    try {
      project.run(process.execPath, [tsc, "-p", file]);
    } catch (error) {
      throw new Error(`the consumer does not compile with ${file}`, { cause: error });
    }
  }

  const mock = await startMock(mockConfig(vendor), { port: 0, log: () => {} });
  try {
    // Asynchronous: the mock's front runs in this process and must keep serving meanwhile.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--require", loopbackGuard, "out/consumer.js"],
      { cwd: dir, env: { ...process.env, MOCK_URL: mock.url }, timeout: 60_000, killSignal: "SIGKILL" },
    );
    console.log(`smoke ${vendor}: ${stdout.trim()} (compiled with ${Object.keys(modes).join(", ")})`);
    console.log(`smoke ${vendor} (browser): ${await browserSmoke(dir, mock.url, browser)}`);
  } finally {
    await mock.close();
  }
}
