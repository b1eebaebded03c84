export { examples } from "./generated/examples.js";
export {
  createOpencxHandlers,
  mockInsights,
  OPENCX_MOCK_BASE_URL,
  type OpencxScenario,
  opencxHttp,
} from "./handlers.js";
