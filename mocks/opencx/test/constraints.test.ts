// Generated constraint mutations (tools/testing/mutations.ts): client, MSW handlers and Prism agree on
// every request-side constraint of specs/opencx, and accept every valid request and request example.
import { createOpencxClient } from "@cxkit/client-opencx";
import { constraintSuite } from "../../../tools/testing/constraints.ts";
import { createOpencxHandlers } from "../src/handlers.js";

await constraintSuite({
  vendor: "opencx",
  client: (fetch) => createOpencxClient({ apiKey: "test-key-0123", fetch, rateLimit: false, maxRetries: 0 }),
  handlers: (baseUrl) => createOpencxHandlers(baseUrl),
});
