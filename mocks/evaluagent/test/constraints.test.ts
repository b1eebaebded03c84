// Generated constraint mutations (tools/testing/mutations.ts): client, MSW handlers and Prism agree on
// every request-side constraint of specs/evaluagent, and accept every valid request and request example.
import { createEvaluagentClient } from "@cxkit/client-evaluagent";
import { constraintSuite } from "../../../tools/testing/constraints.ts";
import { createEvaluagentHandlers } from "../src/handlers.js";

await constraintSuite({
  vendor: "evaluagent",
  client: (fetch) =>
    createEvaluagentClient({
      accessKeyId: "id",
      secretKey: "secret",
      fetch,
      rateLimit: false,
      maxRetries: 0,
    }),
  handlers: (baseUrl) => createEvaluagentHandlers(baseUrl),
});
