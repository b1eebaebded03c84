// Type tests, checked by `tsc` (npm run typecheck): what the compiler must accept and refuse.
import {
  type ChatEvent,
  type ChatMessageReply,
  type ChatSession,
  type Contact,
  createOpencxClient,
  type Insight,
  type InsightPage,
  isLegacyReply,
  paginateContacts,
  paginateInsights,
  type Sequence,
} from "@cxkit/client-opencx";
import { expectTypeOf } from "vitest";

const client = createOpencxClient({ apiKey: "k" });
const session_id = "2d9f5b8e-1c3a-4e7b-9f0d-6a5b4c3d2e1f";

export async function checks() {
  // @ts-expect-error the body is required (send {} for no filter)
  await client.POST("/insights");
  // @ts-expect-error sentiment is angry | happy | neutral | null
  await client.POST("/insights", { body: { sentiment: "furious" } });
  // @ts-expect-error page is not nullable
  await client.POST("/insights", { body: { page: null } });
  await client.POST("/insights", { body: { status: null, teamId: "none", page: 2 } });

  // @ts-expect-error the session_id path parameter is required
  await client.GET("/chat/sessions/{session_id}");
  // @ts-expect-error channel_type is one of the 10 channels
  await client.GET("/chat/sessions", { params: { query: { channel_type: "fax" } } });
  // @ts-expect-error unknown path
  await client.GET("/session");

  // @ts-expect-error a contact body is wrapped in `contact`
  await client.POST("/contacts", { body: { email: "a@b.example" } });
  // @ts-expect-error custom_data values are strings
  await client.POST("/contacts", { body: { contact: { custom_data: { seats: 3 } } } });
  // @ts-expect-error area_code and elevenlabs_voice_id are required
  await client.POST("/phone/buy", { body: { name: "Support" } });
  await client.POST("/phone/buy", {
    // @ts-expect-error elevenlabs_voice_id is one of the documented voices
    body: { area_code: "415", elevenlabs_voice_id: "my-voice" },
  });
  await client.POST("/chat/sessions/{session_id}/send", {
    params: { path: { session_id } },
    // @ts-expect-error sender is always contact
    body: { sender: "ai", message: { type: "text", text: "hi" } },
  });
  await client.POST("/sequences", {
    body: {
      // @ts-expect-error filters are told apart by type
      filter: { or: [{ and: [{ type: "everyone" }] }] },
      steps: [{ action: { type: "make_phone_calls", data: {} } }],
    },
  });
  // @ts-expect-error training type is BEHAVIORAL | SCENARIO_SPECIFIC
  await client.POST("/training", { body: { title: "t", content: "c", type: "behavioural" } });

  const contacts = await client.GET("/contacts");
  expectTypeOf(contacts.data?.items).toEqualTypeOf<Contact[] | undefined>();
  expectTypeOf(contacts.data?.next).toEqualTypeOf<string | null | undefined>();
  if (contacts.error) expectTypeOf(contacts.error.message).toEqualTypeOf<string | string[]>();

  const session = await client.GET("/chat/sessions/{session_id}", { params: { path: { session_id } } });
  expectTypeOf(session.data).toEqualTypeOf<ChatSession | undefined>();

  const sequence = await client.GET("/sequences/{sequence_id}", {
    params: { path: { sequence_id: "welcome" } },
  });
  expectTypeOf(sequence.data).toEqualTypeOf<Sequence | undefined>();
  // @ts-expect-error a sequence read back has no id
  sequence.data?.id;

  // Updates and deletes answer no body.
  const deleted = await client.DELETE("/contacts/{contact_id}", {
    params: { path: { contact_id: session_id } },
  });
  expectTypeOf(deleted.data).toEqualTypeOf<undefined>();

  const reply = await client.POST("/chat/sessions/{session_id}/send", {
    params: { path: { session_id } },
    body: { sender: "contact", message: { type: "text", text: "hi" } },
  });
  expectTypeOf(reply.data).toEqualTypeOf<ChatMessageReply | undefined>();
  if (reply.data && isLegacyReply(reply.data)) expectTypeOf(reply.data.ai_response.text).toBeString();
  else if (reply.data) expectTypeOf(reply.data.data.sessionIsHandedOff).toEqualTypeOf<boolean | undefined>();

  const history = await client.GET("/chat/sessions/{session_id}/history", {
    params: { path: { session_id } },
  });
  const event = history.data?.items[0]?.event;
  expectTypeOf(event).toEqualTypeOf<ChatEvent | undefined>();
  if (event?.type === "message")
    expectTypeOf(event.sender.type).toEqualTypeOf<"contact" | "ai" | "human_agent">();
  if (event?.type === "human_agent_joined") expectTypeOf(event.human_agent_id).toBeNumber();
  // @ts-expect-error a handoff event has no content
  if (event?.type === "handoff") event.content;

  for await (const insight of paginateInsights(client, { channel: "whatsapp" }))
    expectTypeOf(insight).toEqualTypeOf<Insight>();
  for await (const page of paginateInsights(client).pages()) expectTypeOf(page).toEqualTypeOf<InsightPage>();
  // @ts-expect-error the paginator owns the page number
  paginateInsights(client, { page: 2 });
  for await (const contact of paginateContacts(client)) expectTypeOf(contact).toEqualTypeOf<Contact>();
}
