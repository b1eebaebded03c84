// Type tests, checked by `tsc` (npm run typecheck): what the compiler must accept and refuse.
import {
  type Contact,
  createEvaluagentClient,
  type EvaluationListItem,
  paginateList,
  resolveIncluded,
  type StoredToken,
  type User,
  uploadAudioAndImportContact,
} from "@cxkit/client-evaluagent";
import { expectTypeOf } from "vitest";

const client = createEvaluagentClient({ accessKeyId: "id", secretKey: "secret", region: "aus" });
// @ts-expect-error the secret key is required
createEvaluagentClient({ accessKeyId: "id" });
// @ts-expect-error region is eu | us-east | aus
createEvaluagentClient({ accessKeyId: "id", secretKey: "s", region: "eu-west-1" });
createEvaluagentClient({
  accessKeyId: "id",
  secretKey: "s",
  auth: "bearer",
  tokenStore: { load: async () => undefined, save: async (token: StoredToken) => void token.expiresAt },
});

const call = { reference: "R", contact_date: "2024-05-02T14:31:07Z", channel: "Telephony" };
const blob = new Blob([]);

export async function checks() {
  // @ts-expect-error the id path parameter is required
  await client.GET("/org/users/{id}");
  // @ts-expect-error unknown path
  await client.GET("/org/user");
  // @ts-expect-error sort is one of the documented fields
  await client.GET("/quality/evaluations", { params: { query: { sort: "colour" } } });
  await client.GET("/quality/evaluations/{id}", {
    // @ts-expect-error include lists contact | evaluator | agent
    params: { path: { id: "e" }, query: { include: ["contacts"] } },
  });
  // @ts-expect-error the contact date range is required
  await client.GET("/analytics/conversations", { params: { query: { sort: "-contact_date" } } });
  await client.POST("/org/users", {
    // @ts-expect-error a new user needs its roles relationship
    body: { data: { type: "users", attributes: { fullname: "J", email: "j@x.io" } } },
  });
  await client.PATCH("/org/groups/{id}", {
    params: { path: { id: "g" } },
    // @ts-expect-error type is "groups"
    body: { data: { type: "roles", id: "g", attributes: { name: "n" } } },
  });

  const { data, error } = await client.GET("/org/users/{id}", { params: { path: { id: "u" } } });
  if (data) expectTypeOf(data.data).toEqualTypeOf<User>();
  if (error) expectTypeOf(error.errors[0]!.status).toBeString();
  const token = await client.tokens.current();
  expectTypeOf(token).toEqualTypeOf<StoredToken>();

  // Included records are narrowed by their type.
  const detail = await client.GET("/quality/evaluations/{id}", {
    params: { path: { id: "e" }, query: { include: ["contact", "evaluator"] } },
  });
  const evaluation = resolveIncluded(detail.data!);
  expectTypeOf(evaluation.related.contact).toEqualTypeOf<Contact | null | undefined>();
  expectTypeOf(evaluation.related.evaluator).toEqualTypeOf<User | null | undefined>();
  const list = await client.GET("/quality/evaluations", { params: { query: { include: "contacts" } } });
  const [first] = resolveIncluded(list.data!);
  expectTypeOf(first!.related.contacts).toEqualTypeOf<Contact[]>();
  // the list only includes contacts: its agent can never be resolved
  expectTypeOf(first!.related.agent).toEqualTypeOf<null | undefined>();

  for await (const item of paginateList(client, "/quality/evaluations", { sort: "-score" }))
    expectTypeOf(item).toEqualTypeOf<EvaluationListItem>();
  // @ts-expect-error page[number] is set by the paginator
  paginateList(client, "/performance/121s", { "page[number]": 2 });
  // @ts-expect-error only paged lists
  paginateList(client, "/org/users");

  await uploadAudioAndImportContact(client, blob, { ...call, agent_email: "a@b.co" });
  // @ts-expect-error the agent is named by agent_id or agent_email
  await uploadAudioAndImportContact(client, blob, call);
  // @ts-expect-error the path comes from the upload
  await uploadAudioAndImportContact(client, blob, { ...call, agent_id: "u", audio_file_path: "p" });
}
