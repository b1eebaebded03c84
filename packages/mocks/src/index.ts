export { docsPage, type RunningDocs, sampleAuthHeaders, startDocs } from "./docs.ts";
export {
  expectRequest,
  type MockTarget,
  requests,
  VerificationError,
} from "./expect.ts";
export { checkBody, checkHead, DEFAULT_LIMITS, jsonDepth, type Limits, type Rejection } from "./guard.ts";
export {
  DEFAULT_JOURNAL,
  Journal,
  type JournalEntry,
  type JournalOptions,
  REDACTED,
  type Violation,
} from "./journal.ts";
export { type BackendHealth, type BackendState, DEFAULT_RESTART, type RestartPolicy } from "./prism.ts";
export { type Fault, parseHeader, type Rule, ScenarioBook, type Scenarios } from "./scenarios.ts";
export {
  bracketKeysForPrism,
  DEFAULT_TIMEOUTS,
  freePort,
  type Health,
  type RunningMock,
  type StartMockOptions,
  startMock,
  type Timeouts,
} from "./server.ts";
export { statefulHandlers } from "./stateful.ts";
export { type MockConfig, mockConfig, mockConfigs } from "./vendors.ts";
export {
  differences,
  filterEntries,
  type RequestFilter,
  type RequestPattern,
  type Times,
  type VerifyResult,
  verify,
} from "./verify.ts";
