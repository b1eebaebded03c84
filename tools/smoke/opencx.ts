// A strict TypeScript consumer of the packed @cxkit/client-opencx, run against the Prism mock, then against
// the packed @cxkit/mock-opencx MSW handlers through setupServer (msw/node).

import {
  type Contact,
  createOpencxClient,
  type Insight,
  paginateContacts,
  paginateInsights,
  replyText,
  unwrap,
  ValidationError,
} from "@cxkit/client-opencx";
import { createOpencxHandlers } from "@cxkit/mock-opencx";
import { setupServer } from "msw/node";

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
  if (!(error instanceof ValidationError)) throw error;
}

// In-process, as a user's tests would: the packed MSW handlers answer the client's default base URL
// (a request they do not match is an error, not a network call).
const server = setupServer(...createOpencxHandlers());
server.listen({ onUnhandledRequest: "error" });
let stored: Contact[] = [];
try {
  // The handlers keep state: a contact created here is listed back.
  const offline = createOpencxClient({ apiKey: "smoke-key" });
  const made = await unwrap(offline.POST("/contacts", { body: { contact: { email: "smoke@example.com" } } }));
  for await (const contact of paginateContacts(offline)) stored.push(contact);
  stored = stored.filter((c) => c.id === made.id && c.email === "smoke@example.com");
  const anonymous = await fetch("https://api.open.cx/contacts");
  if (anonymous.status !== 401) throw new Error(`MSW without a key: ${anonymous.status}`);
} finally {
  server.close();
}
if (stored.length !== 1) throw new Error("the MSW contact was not listed back");
console.log(
  `ok: ${insights.length} insight(s), ${contacts.length} contact(s), session ${id} answered; ` +
    "msw: created contact listed back, 401 without a key",
);
