// A strict TypeScript consumer of the packed @cxkit/client-evaluagent, run against the Prism mock, then against
// the packed @cxkit/mock-evaluagent MSW handlers through setupServer (msw/node).

import {
  createEvaluagentClient,
  paginateList,
  resolveIncluded,
  type StoredToken,
  ValidationError,
} from "@cxkit/client-evaluagent";
import { createEvaluagentHandlers, createEvaluagentMockAccount } from "@cxkit/mock-evaluagent";
import { setupServer } from "msw/node";

declare const process: { env: Record<string, string | undefined> }; // no @types/node: the client must not need it
const mockUrl = process.env.MOCK_URL;
if (!mockUrl) throw new Error("MOCK_URL is not set");
const baseUrl = `${mockUrl}/v1`; // the API lives under /v1 on every cluster
let stored: StoredToken | undefined;
const client = createEvaluagentClient({
  accessKeyId: "smoke-key-id",
  secretKey: "smoke-secret",
  baseUrl,
  auth: "bearer",
  tokenStore: {
    load: async () => stored,
    save: async (token) => {
      stored = token;
    },
  },
});

const ping = await client.GET("/ping"); // creates the token with Basic first, then uses it
if (!ping.data || !stored) throw new Error(`no token or ping: ${ping.response.status}`);
let evaluations = 0;
for await (const evaluation of paginateList(client, "/quality/evaluations", { include: "contacts" }))
  if (evaluation.type === "evaluations") evaluations++;
const detail = await client.GET("/quality/evaluations/{id}", {
  params: {
    path: { id: "8f4a2c6e-3b1d-4e7f-9a05-c2d8e6b4f173" },
    query: { include: ["contact", "evaluator"] },
  },
});
if (!detail.data) throw new Error(`no evaluation: ${detail.response.status}`);
const evaluator = resolveIncluded(detail.data).related.evaluator?.attributes.fullname;
try {
  await client.GET("/quality/evaluations", { params: { query: { sort: "colour" as "score" } } });
  throw new Error("an unknown sort field reached the network");
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
}

// In-process, as a user's tests would: the packed MSW handlers answer the client's default base URL
// (a request they do not match is an error, not a network call).
const server = setupServer(...createEvaluagentHandlers(undefined, createEvaluagentMockAccount()));
server.listen({ onUnhandledRequest: "error" });
let mswToken: StoredToken | undefined;
let basicAfterToken = 0;
try {
  // The handlers keep the token lifecycle: once a token exists, Basic stops working.
  const offline = createEvaluagentClient({
    accessKeyId: "smoke-key-id",
    secretKey: "smoke-secret",
    auth: "bearer",
    tokenStore: {
      load: async () => mswToken,
      save: async (token) => {
        mswToken = token;
      },
    },
  });
  const pinged = await offline.GET("/ping");
  if (!pinged.data || !mswToken) throw new Error(`MSW: no token or ping: ${pinged.response.status}`);
  const basic = createEvaluagentClient({ accessKeyId: "smoke-key-id", secretKey: "smoke-secret" });
  basicAfterToken = (await basic.GET("/ping")).response.status;
} finally {
  server.close();
}
if (basicAfterToken !== 401) throw new Error(`MSW: Basic after a token answered ${basicAfterToken}`);
console.log(
  `ok: ${evaluations} evaluation(s), evaluator ${evaluator}, token expires ${stored.expiresAt}; ` +
    "msw: token created, Basic then refused (401)",
);
