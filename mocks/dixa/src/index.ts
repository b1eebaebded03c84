export { examples } from "./generated/examples.js";
export {
  createDixaHandlers,
  DIXA_MOCK_BASE_URL,
  type DixaMockScenario,
  dixaHttp,
  documentedSuccess,
} from "./handlers.js";
