// The generator's end-to-end test (test/new-vendor.test.ts), run from the repository root with
// `vitest run --config tools/new-vendor/vitest.config.ts`: the shared settings, this folder as the root, and
// its result where `npm test` adds them up (.cxkit/test-results/tools/new-vendor.json).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

const repo = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  ...shared,
  test: {
    ...shared.test,
    root: fileURLToPath(new URL(".", import.meta.url)),
    reporters: ["default", ["json", { outputFile: `${repo}.cxkit/test-results/tools/new-vendor.json` }]],
  },
});
