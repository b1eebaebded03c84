export { examples } from "./generated/examples.js";
export { createQemotionHandlers, QEMOTION_MOCK_BASE_URL, qemotionHttp } from "./handlers.js";
