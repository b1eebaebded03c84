// Generated constraint mutations (tools/testing/mutations.ts): client, MSW handlers and Prism agree on
// every request-side constraint of specs/qemotion, and accept every valid request and request example.
import { createQemotionClient } from "@cxkit/client-qemotion";
import { constraintSuite } from "../../../tools/testing/constraints.ts";
import { createQemotionHandlers } from "../src/handlers.js";

await constraintSuite({
  vendor: "qemotion",
  client: (fetch) =>
    createQemotionClient({ apiKey: "test-key-0123", fetch, rateLimit: false, maxRetries: 0 }),
  handlers: (baseUrl) => createQemotionHandlers(baseUrl),
});
