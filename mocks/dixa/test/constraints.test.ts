// Generated constraint mutations (tools/testing/mutations.ts): client, MSW handlers and Prism agree on
// every request-side constraint of specs/dixa, and accept every valid request and request example.
import { createDixaClient } from "@cxkit/client-dixa";
import { constraintSuite } from "../../../tools/testing/constraints.ts";
import { createDixaHandlers } from "../src/handlers.js";

await constraintSuite({
  vendor: "dixa",
  client: (fetch) => createDixaClient({ apiKey: "test-key-0123", fetch, rateLimit: false, maxRetries: 0 }),
  handlers: (baseUrl) => createDixaHandlers(baseUrl),
});
