// The README's QA example as a project of its own: a globalSetup starts the Dixa mock once for the run.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { include: ["*.spec.ts"], globalSetup: ["./global-setup.ts"], testTimeout: 30_000 },
});
