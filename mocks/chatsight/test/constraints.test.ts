// Generated constraint mutations (tools/testing/mutations.ts): client, MSW handlers and Prism agree on
// every request-side constraint of specs/chatsight, and accept every valid request and request example.
import { createChatsightClient } from "@cxkit/client-chatsight";
import { constraintSuite } from "../../../tools/testing/constraints.ts";
import { createChatsightHandlers } from "../src/handlers.js";

await constraintSuite({
  vendor: "chatsight",
  client: (fetch) =>
    createChatsightClient({ apiKey: "test-key-0123", fetch, rateLimit: false, maxRetries: 0 }),
  handlers: (baseUrl) => createChatsightHandlers(baseUrl),
});
