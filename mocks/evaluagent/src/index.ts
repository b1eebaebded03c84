export { examples } from "./generated/examples.js";
export {
  createEvaluagentHandlers,
  createEvaluagentMockAccount,
  EVALUAGENT_MOCK_BASE_URL,
  type EvaluagentMockAccount,
  evaluagentHttp,
} from "./handlers.js";
