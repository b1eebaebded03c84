import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const conditions = ["@cxkit/source", ...defaultServerConditions];

// Workspace packages resolve to their TypeScript sources through the "@cxkit/source" export condition,
// so tests and typechecks never need a build first. Every test process refuses non-loopback connections.
// Each project's results also go to .cxkit/test-results/, where `npm test` adds them up.
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: [`${root}packages/mocks/src/loopback-guard.cjs`],
    reporters: [
      "default",
      ["json", { outputFile: `${root}.cxkit/test-results/${relative(root, process.cwd())}.json` }],
    ],
    // A busy machine is slow: a generous limit for every test instead of vitest's 5 s default (tests that
    // need more, such as a Prism start-up or the generator's end-to-end run, give their own).
    testTimeout: 30_000,
    unstubGlobals: true,
    restoreMocks: true,
  },
});
