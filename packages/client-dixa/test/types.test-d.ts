// Type tests, checked by `tsc` (npm run typecheck): what the compiler must accept and refuse, and how
// every `_type`-tagged union narrows.
import {
  type Agent,
  type AnalyticsPeriodFilter,
  type Content,
  type Conversation,
  type CreateConversationInput,
  type CreateMessageInput,
  createDixaClient,
  type DixaVersion,
  type DixaWebhookEvent,
  isBulkFailure,
  isDixaEvent,
  paginate,
  type SubmittedRatingResult,
  type WebhookAuthorization,
} from "@cxkit/client-dixa";
import { expectTypeOf } from "vitest";

const client = createDixaClient({ apiKey: "k" });
const uuid = "6f1c6a5e-8f0e-4c4b-9d2a-2b7e1f3c9a10";

export async function requests() {
  // @ts-expect-error the agentId path parameter is required
  await client.GET("/agents/{agentId}");
  // @ts-expect-error conversationId is an integer
  await client.GET("/conversations/{conversationId}", { params: { path: { conversationId: "42" } } });
  // @ts-expect-error paths carry no version prefix
  await client.GET("/v1/agents");
  // @ts-expect-error the deprecated GET search needs `query`
  await client.GET("/search/conversations", { params: { query: { pageLimit: 10 } } });
  // @ts-expect-error version is v1 | beta
  createDixaClient({ apiKey: "k", version: "v2" });

  await client.POST("/conversations/{conversationId}/ratings/offer", {
    params: { path: { conversationId: 42 } },
    // @ts-expect-error agentId is required (the doc page wins over the published spec)
    body: { userId: uuid, ratingType: "Csat" },
  });
  await client.POST("/conversations/{conversationId}/ratings/offer", {
    params: { path: { conversationId: 42 } },
    // @ts-expect-error ratingType is Csat | Nps | ThumbsUpOrDown
    body: { userId: uuid, agentId: uuid, ratingType: "Stars" },
  });
  await client.POST("/conversations/{conversationId}/ratings/{ratingId}/submit", {
    params: { path: { conversationId: 42, ratingId: "r" } },
    // @ts-expect-error thumbs are 0 | 1
    body: { ratingResult: { _type: "ThumbsUpOrDown", value: 2 } },
  });
  // @ts-expect-error a conversation needs its _type
  await client.POST("/conversations", { body: { requesterId: uuid, emailIntegrationId: "e", subject: "s" } });
  await client.POST("/webhooks", {
    body: {
      name: "n",
      url: "https://h",
      authorization: { _type: "NoAuth" },
      customHeaders: {},
      // @ts-expect-error events are Dixa's 32 event types
      events: ["Created"],
    },
  });
  await client.POST("/analytics/metrics", {
    // @ts-expect-error a preset is sent as {_type}, not a bare string
    body: { id: "m", timezone: "UTC", periodFilter: { _type: "Preset", value: "PreviousWeek" } },
  });

  const agent = await client.GET("/agents/{agentId}", { params: { path: { agentId: uuid } } });
  expectTypeOf(agent.data?.data).toEqualTypeOf<Agent | undefined>();
  const presences = await client.GET("/agents/presence");
  expectTypeOf(presences.data!).toBeArray(); // the one list without an envelope
  const deleted = await client.DELETE("/agents/{agentId}", { params: { path: { agentId: uuid } } });
  expectTypeOf(deleted.data).toEqualTypeOf<never | undefined>();
  if (agent.error) expectTypeOf(agent.error.message).toBeString();

  for await (const item of paginate(client, "/agents")) expectTypeOf(item).toEqualTypeOf<Agent>();
  // @ts-expect-error listEndUserConversations needs its userId
  paginate(client, "/endusers/{userId}/conversations");
  paginate(client, "/endusers/{userId}/conversations", { path: { userId: uuid } });
  // @ts-expect-error getAgent is not a list
  paginate(client, "/agents/{agentId}", { path: { agentId: uuid } });
}

export async function bulkOutcomes() {
  const { data } = await client.POST("/agents/bulk", { body: { data: [] } });
  for (const outcome of data?.data ?? []) {
    if (outcome._type === "BulkActionSuccess") expectTypeOf(outcome.data).toEqualTypeOf<Agent>();
    else {
      expectTypeOf(outcome.error._type).toEqualTypeOf<
        | "EmptyPatchSet"
        | "ErrorResponse"
        | "Infrastructure"
        | "Integrity"
        | "InvalidArgument"
        | "NotFound"
        | "Validation"
      >();
      if (outcome.error._type === "NotFound") expectTypeOf(outcome.error.id).toBeString();
      // @ts-expect-error ErrorResponse failures carry no id
      if (outcome.error._type === "ErrorResponse") outcome.error.id;
    }
    if (isBulkFailure(outcome)) expectTypeOf(outcome._type).toEqualTypeOf<"BulkActionFailure">();
  }
  const members = await client.PATCH("/queues/{queueId}/members", {
    params: { path: { queueId: uuid } },
    body: { agentIds: [uuid] },
  });
  const first = members.data?.data[0];
  if (first?._type === "BulkActionSuccess") expectTypeOf(first.data).toBeString();
}

export function unions(
  rating: SubmittedRatingResult,
  conversation: Conversation,
  create: CreateConversationInput,
  message: CreateMessageInput,
  content: Content,
  auth: WebhookAuthorization,
  period: AnalyticsPeriodFilter,
  event: DixaWebhookEvent,
) {
  if (rating._type === "ThumbsUpOrDown") expectTypeOf(rating.value).toEqualTypeOf<0 | 1>();
  else expectTypeOf(rating._type).toEqualTypeOf<"Csat" | "Nps">();

  if (conversation._type === "EmailConversation") expectTypeOf(conversation.toEmail).toBeString();
  if (conversation._type === "AnonymizedConversation") expectTypeOf(conversation.anonymizedAt).toBeString();
  // @ts-expect-error only email conversations have toEmail for sure
  conversation.toEmail;

  if (create._type === "Email") expectTypeOf(create.subject).toBeString();
  if (create._type === "Sms") expectTypeOf(create.contactEndpointId).toBeString();
  // @ts-expect-error Chat has no emailIntegrationId
  if (create._type === "Chat") create.emailIntegrationId;

  if (message._type === "Outbound") expectTypeOf(message.agentId).toBeString();
  // @ts-expect-error inbound messages have no agentId
  if (message._type === "Inbound") message.agentId;

  expectTypeOf(content._type).toEqualTypeOf<"Text" | "Html" | "Markdown">();

  if (auth._type === "BasicAuth") expectTypeOf(auth.password).toBeString();
  if (auth._type === "TokenAuth") expectTypeOf(auth.value).toBeString();
  // @ts-expect-error NoAuth has no value
  if (auth._type === "NoAuth") auth.value;

  if (period._type === "Interval") expectTypeOf(period.start).toBeString();
  else
    expectTypeOf(period.value._type).toEqualTypeOf<
      | "Today"
      | "Yesterday"
      | "ThisWeek"
      | "PreviousWeek"
      | "ThisMonth"
      | "PreviousMonth"
      | "ThisQuarter"
      | "PreviousQuarter"
      | "ThisYear"
    >();

  if (isDixaEvent(event, "ConversationRated")) {
    expectTypeOf(event.event_fqn).toEqualTypeOf<"CONVERSATION_RATED">();
    expectTypeOf(event.data.conversation).not.toBeAny();
  }
  if (isDixaEvent(event, "ConversationTagAdded")) expectTypeOf(event.data.tag).not.toBeAny();
  // @ts-expect-error not a Dixa event type
  isDixaEvent(event, "ConversationExploded");
}

export async function validation() {
  expectTypeOf<DixaVersion>().toEqualTypeOf<"v1" | "beta">();
  createDixaClient({ apiKey: "k", validate: false });
  // One call may skip the spec's checks (client-core's per-call option).
  await client.GET("/agents", { params: { query: { pageLimit: 10 } }, validate: false });
}
