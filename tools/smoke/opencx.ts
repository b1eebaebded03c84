// A strict TypeScript consumer of the packed @cxkit/client-opencx, run against the mock.
import {
  type Contact,
  createOpencxClient,
  type Insight,
  OpencxValidationError,
  paginateContacts,
  paginateInsights,
  replyText,
  unwrap,
} from "@cxkit/client-opencx";

declare const process: { env: Record<string, string | undefined> }; // no @types/node: the client must not need it
const baseUrl = process.env.MOCK_URL;
if (!baseUrl) throw new Error("MOCK_URL is not set");
const client = createOpencxClient({ apiKey: "smoke-key", baseUrl });

// The static mock answers every page with its first example, so read one page of each list.
const insights: Insight[] = [];
for await (const page of paginateInsights(client, { status: "unresolved" }, { maxPages: 1 }).pages()) {
  insights.push(...page.data);
  break;
}
const contacts: Contact[] = [];
for await (const contact of paginateContacts(client)) contacts.push(contact);
if (insights.length === 0 || contacts.length === 0) throw new Error("expected insights and contacts");
const { id } = await unwrap(client.POST("/chat/sessions", { body: { channel: { type: "web" } } }));
const reply = await unwrap(
  client.POST("/chat/sessions/{session_id}/send", {
    params: { path: { session_id: id } },
    body: { sender: "contact", message: { type: "text", text: "Hello" } },
  }),
);
if (!replyText(reply)) throw new Error("expected an answer");
try {
  await client.POST("/insights", { body: { page: 1.5 } });
  throw new Error("a fractional page reached the network");
} catch (error) {
  if (!(error instanceof OpencxValidationError)) throw error;
}
console.log(`ok: ${insights.length} insight(s), ${contacts.length} contact(s), session ${id} answered`);
