// A consumer of @cxkit/client-dixa calling 20 distinct operations with their types, for the typecheck
// timing of `npm run bench` (tools/bench/typecheck.ts compiles it with a strict tsc --noEmit; it never
// runs). Reads typed results so the response types are instantiated too, as in real code.
import { unwrap } from "@cxkit/client-core";
import { type Agent, type Conversation, createDixaClient, type DixaClient } from "@cxkit/client-dixa";

export async function consumer(apiKey: string): Promise<string[]> {
  const client: DixaClient = createDixaClient({ apiKey });
  const beta: DixaClient = createDixaClient({ apiKey, version: "beta" });
  const csid = { params: { path: { conversationId: 42 } } };
  const seen: string[] = [];

  const agents: Agent[] = (await unwrap(client.GET("/agents", { params: { query: { pageLimit: 50 } } })))
    .data; // 1
  const agent = await unwrap(
    client.GET("/agents/{agentId}", { params: { path: { agentId: agents[0]!.id } } }),
  ); // 2
  seen.push(agent.data.displayName);
  const created = await unwrap(
    client.POST("/agents/bulk", { body: { data: [{ displayName: "Bench", email: "bench@example.com" }] } }), // 3
  );
  seen.push(String(created.data.length));
  await unwrap(client.GET("/endusers", { params: { query: { email: "erin@example.com" } } })); // 4
  await unwrap(client.GET("/teams")); // 5
  const conversation: Conversation = (await unwrap(client.GET("/conversations/{conversationId}", csid))).data; // 6
  seen.push(conversation._type);
  await unwrap(client.GET("/conversations/{conversationId}/messages", csid)); // 7
  await unwrap(client.GET("/conversations/{conversationId}/notes", csid)); // 8
  await unwrap(client.GET("/conversations/{conversationId}/tags", csid)); // 9
  await unwrap(client.GET("/conversations/{conversationId}/ratings", csid)); // 10
  const tag = (await unwrap(client.POST("/tags", { body: { name: "bench" } }))).data; // 11
  await client.PUT("/conversations/{conversationId}/tags/{tagId}", {
    params: { path: { conversationId: 42, tagId: tag.id } }, // 12
  });
  const search = await unwrap(
    client.POST("/search/conversations", {
      params: { query: { pageLimit: 50 } },
      body: { query: { value: "refund" } }, // 13
    }),
  );
  seen.push(String(search.data.length));
  await unwrap(client.GET("/queues")); // 14
  await unwrap(client.GET("/queues/conversation-position/{csid}", { params: { path: { csid: 42 } } })); // 15
  await unwrap(
    client.POST("/analytics/metrics", {
      body: {
        id: "closed_conversations",
        timezone: "Europe/Copenhagen",
        periodFilter: { _type: "Preset", value: { _type: "PreviousWeek" } }, // 16
      },
    }),
  );
  await unwrap(client.GET("/webhooks")); // 17
  const organization = (await unwrap(beta.GET("/organization"))).data; // 18
  seen.push(organization.name);
  await unwrap(client.GET("/knowledge/collections")); // 19
  await unwrap(
    beta.POST("/conversations/{conversationId}/ratings/offer", {
      ...csid,
      body: {
        userId: "b0323b42-c428-4afa-970e-20bf5bdeeec4",
        agentId: "eeb3bbe5-0355-4ac1-8af5-20d42a3db24b",
        ratingType: "Csat",
        offeredAt: "2024-03-11T16:39:30Z", // 20
      },
    }),
  );
  return seen;
}
