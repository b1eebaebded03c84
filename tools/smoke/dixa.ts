// A strict TypeScript consumer of the packed @cxkit/client-dixa, run against the mock (about 25 operations, three of them Dixa's own documented requests).

import { unwrap } from "@cxkit/client-core";
import {
  type Agent,
  bulkFailures,
  type Conversation,
  createDixaClient,
  paginate,
  ValidationError,
  verifyDixaWebhook,
} from "@cxkit/client-dixa";
import { createDixaHandlers } from "@cxkit/mock-dixa";
import { setupServer } from "msw/node";

declare const process: { env: Record<string, string | undefined> }; // no @types/node: the client must not need it
const mockUrl = process.env.MOCK_URL;
if (!mockUrl) throw new Error("MOCK_URL is not set");
const client = createDixaClient({ apiKey: "smoke-key", baseUrl: `${mockUrl}/v1` });
const beta = createDixaClient({ apiKey: "Bearer smoke-key", baseUrl: `${mockUrl}/beta` });
const id = "6f1c6a5e-8f0e-4c4b-9d2a-2b7e1f3c9a10";
const csid = { params: { path: { conversationId: 42 } } };

const agents: Agent[] = [];
// The static mock answers every page with the same documented page, so read the first one only.
for await (const page of paginate(client, "/agents", { query: { pageLimit: 50 } }).pages()) {
  agents.push(...page.data);
  break;
}
if (agents.length === 0) throw new Error("no agents");
const agent = await unwrap(client.GET("/agents/{agentId}", { params: { path: { agentId: agents[0]!.id } } }));
const created = await unwrap(
  client.POST("/agents/bulk", { body: { data: [{ displayName: "Smoke", email: "smoke@example.com" }] } }),
);
const failures = bulkFailures(created);
await unwrap(client.GET("/endusers", { params: { query: { email: "erin@example.com" } } }));
await unwrap(client.GET("/teams"));
const conversation: Conversation = (await unwrap(client.GET("/conversations/{conversationId}", csid))).data;
await unwrap(client.GET("/conversations/{conversationId}/messages", csid));
await unwrap(client.GET("/conversations/{conversationId}/notes", csid));
await unwrap(client.GET("/conversations/{conversationId}/tags", csid));
await unwrap(client.GET("/conversations/{conversationId}/ratings", csid));
const tag = (await unwrap(client.POST("/tags", { body: { name: "smoke" } }))).data;
const tagged = await client.PUT("/conversations/{conversationId}/tags/{tagId}", {
  params: { path: { conversationId: 42, tagId: tag.id } },
});
if (tagged.response.status !== 204) throw new Error(`tagConversation: ${tagged.response.status}`);
const search = await unwrap(
  client.POST("/search/conversations", {
    params: { query: { pageLimit: 50 } },
    body: { query: { value: "refund" } },
  }),
);
await unwrap(client.GET("/queues"));
await unwrap(client.GET("/queues/conversation-position/{csid}", { params: { path: { csid: 42 } } }));
await unwrap(
  client.POST("/analytics/metrics", {
    body: {
      id: "closed_conversations",
      timezone: "Europe/Copenhagen",
      periodFilter: { _type: "Preset", value: { _type: "PreviousWeek" } },
    },
  }),
);
await unwrap(client.GET("/webhooks"));
const organization = (await unwrap(beta.GET("/organization"))).data;
await unwrap(client.GET("/knowledge/collections"));
// Dixa's own documented requests, as its documentation page and published spec write them.
await unwrap(
  beta.POST("/conversations/{conversationId}/ratings/offer", {
    ...csid,
    body: {
      userId: "b0323b42-c428-4afa-970e-20bf5bdeeec4",
      agentId: "eeb3bbe5-0355-4ac1-8af5-20d42a3db24b",
      ratingType: "Csat",
      offeredAt: "2024-03-11T16:39:30Z",
    },
  }),
);
await unwrap(
  beta.POST("/conversations/{conversationId}/ratings/{ratingId}/submit", {
    params: { path: { conversationId: 42, ratingId: id } },
    body: {
      userId: "d3cf6f15-1497-4e71-92f2-9b3b228352bd",
      ratingResult: { value: 4, _type: "Csat" },
      comment: "Best customer service ever!",
      submittedAt: "2024-03-11T16:39:30Z",
    },
  }),
);
await unwrap(
  client.POST("/conversations/{conversationId}/notes", {
    ...csid,
    body: {
      message: "A sample note",
      agentId: "a53b25da-f676-4c52-acac-58c9280aa23d",
      createdAt: "2021-12-01T12:46:36.581Z[GMT]",
    },
  }),
);
try {
  await client.POST("/conversations/{conversationId}/ratings/{ratingId}/submit", {
    params: { path: { conversationId: 42, ratingId: id } },
    body: { ratingResult: { _type: "Csat", value: 6 } },
  });
  throw new Error("CSAT 6 reached the network");
} catch (error) {
  if (!(error instanceof ValidationError)) throw error;
}
const verified = await verifyDixaWebhook("{}", "t=1,v1=00", "00ff");
if (verified) throw new Error("a forged signature verified");

// In-process, as a user's tests would: the packed MSW handlers answer the client's default base URL
// (a request they do not match is an error, not a network call).
const server = setupServer(...createDixaHandlers());
server.listen({ onUnhandledRequest: "error" });
const mswAgents: Agent[] = [];
let mswPages = 0;
try {
  // The handlers page through their agents with a relative meta.next, as Dixa does.
  const offline = createDixaClient({ apiKey: "smoke-key" });
  for await (const page of paginate(offline, "/agents").pages()) {
    mswPages++;
    mswAgents.push(...page.data);
  }
  const anonymous = await fetch("https://dev.dixa.io/v1/agents");
  if (anonymous.status !== 401) throw new Error(`MSW without a key: ${anonymous.status}`);
} finally {
  server.close();
}
if (mswPages < 2 || new Set(mswAgents.map((a) => a.id)).size !== mswAgents.length)
  throw new Error(`MSW paging: ${mswAgents.length} agents over ${mswPages} page(s)`);
console.log(
  `ok: ${agents.length} agents (first ${agent.data.displayName}), bulk failures ${failures.length}, ` +
    `conversation ${conversation._type}, ${search.data.length} hit(s), organization ${organization.name}; ` +
    `msw: ${mswAgents.length} agents over ${mswPages} pages, 401 without a key`,
);
