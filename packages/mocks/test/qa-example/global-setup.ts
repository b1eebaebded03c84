import { mockConfig, startMock } from "@cxkit/mocks";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    dixaUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock(mockConfig("dixa"), { port: 0, log: () => {} });
  project.provide("dixaUrl", mock.url);
  return () => mock.close();
}
