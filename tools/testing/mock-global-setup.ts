// Vitest global setup for contract tests: starts the vendor's mock (Prism + front, validation on) on a
// free loopback port for this test run only, provides its URL as `mockUrl`, and starts the run's
// operation-coverage record afresh. The mock's log is printed with CXKIT_MOCK_LOG=1; its supervisor's
// notes (Prism exited, restarted, given up) always are, since they mean a request crashed Prism.
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startMock } from "../../packages/mocks/src/server.ts";
import { mockConfig } from "../../packages/mocks/src/vendors.ts";
import { coverageDir } from "./coverage.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export function mockGlobalSetup(vendor: string) {
  return async (project: TestProject) => {
    rmSync(coverageDir(vendor), { recursive: true, force: true }); // coverage counts this run only
    const lines: string[] = [];
    const log = (line: string) => {
      lines.push(line);
      if (line.startsWith("Prism ")) process.stderr.write(`[${vendor} mock] ${line}`);
    };
    const mock = await startMock(mockConfig(vendor), { port: 0, log });
    project.provide("mockUrl", mock.url);
    return async () => {
      await mock.close();
      if (process.env.CXKIT_MOCK_LOG) process.stderr.write(lines.join(""));
    };
  };
}
