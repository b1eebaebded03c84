export { docsPage, type RunningDocs, sampleAuthHeaders, startDocs } from "./docs.ts";
export { type Fault, parseHeader, type Rule, ScenarioBook, type Scenarios } from "./scenarios.ts";
export {
  bracketKeysForPrism,
  freePort,
  type RunningMock,
  type StartMockOptions,
  startMock,
} from "./server.ts";
export { statefulHandlers } from "./stateful.ts";
export { type MockConfig, mockConfig, mockConfigs } from "./vendors.ts";
