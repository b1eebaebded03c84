import { createRequestGuard, matchOperation, refusal } from "@cxkit/client-core/server";
import { EVALUAGENT_REGIONS, EVALUAGENT_RULES, EVALUAGENT_SPEC, type paths } from "@cxkit/client-evaluagent";
import { http as msw } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

/** The spec's first server (the EU cluster), where the client sends its calls by default. */
export const EVALUAGENT_MOCK_BASE_URL: string = EVALUAGENT_REGIONS.eu;

/** Typed MSW `http` for EvaluAgent paths, for per-test overrides: `server.use(evaluagentHttp().get(...))`. */
export const evaluagentHttp = (baseUrl: string = EVALUAGENT_MOCK_BASE_URL) =>
  createOpenApiHttp<paths>({ baseUrl });

/**
 * The state of the mocked API key, shared by the handlers: the bearer token lifecycle and the uploaded
 * recordings. Tests read it to check what the client did, and change it to set up a scenario.
 */
export interface EvaluagentMockAccount {
  /** The only token accepted; `undefined` before one is created and after a revoke. */
  token: string | undefined;
  /** Set once a token has been created: Basic credentials are refused from then on. */
  basicDisabled: boolean;
  /** Set by a revoke: the key is unusable. */
  revoked: boolean;
  /** Tokens issued so far (creates and refreshes). */
  issued: number;
  /** Paths returned by the audio upload, which an imported contact's `audio_file_path` must name. */
  uploads: Set<string>;
  /** Issues a new token as another process refreshing it would (the previous one stops working). */
  rotate(): string;
}

export function createEvaluagentMockAccount(): EvaluagentMockAccount {
  const account: EvaluagentMockAccount = {
    token: undefined,
    basicDisabled: false,
    revoked: false,
    issued: 0,
    uploads: new Set(),
    rotate() {
      account.issued += 1;
      account.token = `mock-token-${String(account.issued).padStart(4, "0")}-${crypto.randomUUID()}`;
      return account.token;
    },
  };
  return account;
}

const ex = examples;
/** The credential the request carries: its scheme (lower-case, as RFC 9110 compares it) and value. */
const credential = (request: Request) => {
  const [scheme = "", value = ""] = (request.headers.get("authorization") ?? "").trim().split(/\s+/);
  return { scheme: scheme.toLowerCase(), value };
};

/**
 * MSW handlers for every EvaluAgent operation, answering with the spec's examples. The first handler is
 * client-core's request guard over the spec (the client's src/generated/vendor.ts) and the client's
 * {@link EVALUAGENT_RULES}: a request without the credentials the operation's security schemes name gets
 * 401, a body of a media type the operation does not take 415, and a request breaking a constraint 400,
 * every reason listed in the JSON:API error shape — what the Prism mock answers, and what the client
 * refuses before the network.
 *
 * Without an `account`, that is all: like Prism, any credential of an accepted scheme will do. With one
 * ({@link createEvaluagentMockAccount}), the handlers keep the state of that API key:
 * - tokens: creating one disables Basic (401 afterwards); only the current token is accepted; refreshing
 *   replaces it; revoking leaves the key unusable;
 * - imported calls: the upload answers a new path; an imported contact's `audio_file_path` must be one
 *   of those paths (else 400).
 */
export function createEvaluagentHandlers(
  baseUrl: string = EVALUAGENT_MOCK_BASE_URL,
  account?: EvaluagentMockAccount,
) {
  // Without an account the tokens still come from one, but no credential or upload is judged by it.
  const key = account ?? createEvaluagentMockAccount();
  const http = evaluagentHttp(baseUrl);
  const guard = createRequestGuard(EVALUAGENT_SPEC, baseUrl, EVALUAGENT_RULES);
  const base = new URL(baseUrl).pathname.replace(/\/$/, "");
  /** Whether the key's state accepts the credential (the guard has checked its scheme). */
  const current = (request: Request, state: EvaluagentMockAccount) => {
    const { scheme, value } = credential(request);
    if (state.revoked) return false;
    return scheme === "basic" ? !state.basicDisabled : value === state.token;
  };
  /** 401 for a credential of the right scheme that is no longer (or not yet) the key's. */
  const stateOfTheKey = (state: EvaluagentMockAccount) =>
    msw.all(`${baseUrl}/*`, ({ request }) => {
      const path = new URL(request.url).pathname.slice(base.length);
      if (!matchOperation(EVALUAGENT_SPEC, request.method, path) || current(request, state)) return undefined;
      const issue = { field: "authorization", message: "is not a current credential of this API key" };
      return refusal(EVALUAGENT_SPEC, [issue], 401);
    });
  const tokenDocument = (template: (typeof ex.createBearerToken.responses)["201"]["created"]) => ({
    data: {
      ...template.data,
      type: "tokens" as const,
      attributes: {
        ...template.data.attributes,
        token_type: "Bearer" as const,
        token: key.rotate(),
        expires_at: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, "Z"),
      },
    },
  });

  return [
    // The spec's verdict on every request: undefined (fall through to the handlers below) or a refusal.
    msw.all(`${baseUrl}/*`, ({ request }) => guard(request)),
    ...(account ? [stateOfTheKey(account)] : []),

    http.get("/ping", ({ request, response }) => {
      const body = ex.ping.responses["200"].basic;
      const method = credential(request).scheme as "basic" | "bearer";
      return response(200).json({
        data: { ...body.data, type: "authentication", attributes: { ...body.data.attributes, method } },
      });
    }),
    http.post("/auth/token", ({ response }) => {
      key.basicDisabled = true;
      return response(201).json(tokenDocument(ex.createBearerToken.responses["201"].created));
    }),
    http.post("/auth/token/refresh", ({ response }) =>
      response(200).json(tokenDocument(ex.refreshBearerToken.responses["200"].refreshed)),
    ),
    http.delete("/auth/token", ({ response }) => {
      key.token = undefined;
      key.revoked = true;
      return response(204).empty();
    }),

    http.post("/org/users", ({ response }) =>
      response(201).json(ex.createUser.responses["201"].created as never),
    ),
    http.get("/org/users", ({ response }) =>
      response(200).json(ex.listUsers.responses["200"].users as never),
    ),
    http.get("/org/users/{id}", ({ response }) =>
      response(200).json(ex.getUser.responses["200"].agent as never),
    ),
    http.patch("/org/users/{id}", ({ response }) =>
      response(200).json(ex.updateUser.responses["200"].moved as never),
    ),
    http.post("/org/groups", ({ response }) =>
      response(201).json(ex.createGroup.responses["201"].created as never),
    ),
    http.get("/org/groups", ({ response }) =>
      response(200).json(ex.listGroups.responses["200"].hierarchy as never),
    ),
    http.patch("/org/groups/{id}", ({ response }) =>
      response(200).json(ex.updateGroup.responses["200"].renamed as never),
    ),
    http.delete("/org/groups/{id}", ({ response }) => response(204).empty()),
    http.post("/org/roles", ({ response }) =>
      response(201).json(ex.createRole.responses["201"].created as never),
    ),
    http.get("/org/roles", ({ response }) =>
      response(200).json(ex.listRoles.responses["200"].roles as never),
    ),
    http.patch("/org/roles/{id}", ({ response }) =>
      response(200).json(ex.updateRole.responses["200"].updated as never),
    ),
    http.delete("/org/roles/{id}", ({ response }) => response(204).empty()),
    http.get("/org/levels", ({ response }) =>
      response(200).json(ex.listLevels.responses["200"].levels as never),
    ),
    http.get("/org/abilities", ({ response }) =>
      response(200).json(ex.listAbilities.responses["200"].abilities as never),
    ),

    http.get("/quality/evaluations", ({ response }) =>
      response(200).json(ex.listEvaluations.responses["200"].withContacts as never),
    ),
    http.get("/quality/evaluations/{id}", ({ response }) =>
      response(200).json(ex.getEvaluation.responses["200"].withEverything as never),
    ),
    http.post("/quality/imported-contacts", async ({ request, response }) => {
      const { data } = (await request.json()) as { data?: { audio_file_path?: string } };
      const path = data?.audio_file_path;
      if (account && path !== undefined && !account.uploads.has(path))
        return refusal(
          EVALUAGENT_SPEC,
          [
            {
              field: "body.data.audio_file_path",
              message: `names no uploaded recording (got ${JSON.stringify(path)})`,
            },
          ],
          400,
        ) as never;
      return response(201).json(ex.createImportedContact.responses["201"].created as never);
    }),
    http.post("/quality/imported-contacts/upload-audio", async ({ request, response }) => {
      const file = (await request.formData()).get("audio_file") as File;
      const name = file.name?.replace(/[^\w.-]/g, "_") || "recording";
      const path = `imported-contacts/mock/${crypto.randomUUID()}-${name}`;
      key.uploads.add(path);
      return response(201).json({ path });
    }),

    http.get("/analytics/conversations", ({ response }) =>
      response(200).json(ex.listConversationAnalytics.responses["200"].may as never),
    ),
    http.get("/analytics/conversations/{id}", ({ response }) =>
      response(200).json(ex.getConversationAnalytics.responses["200"].conversation as never),
    ),

    http.get("/quality/work-queue-templates", ({ response }) =>
      response(200).json(ex.listWorkQueueTemplates.responses["200"].templates as never),
    ),
    http.get("/quality/work-queue-templates/{id}", ({ response }) =>
      response(200).json(ex.getWorkQueueTemplate.responses["200"].template as never),
    ),
    http.get("/quality/work-queue-templates/{id}/agents", ({ response }) =>
      response(200).json(ex.listWorkQueueTemplateAgents.responses["200"].agents as never),
    ),
    http.put("/quality/work-queue-templates/{id}/agents", ({ response }) =>
      response(200).json(ex.syncWorkQueueTemplateAgents.responses["200"].synced as never),
    ),
    http.post("/quality/work-queue-templates/{id}/agents", ({ response }) =>
      response(200).json(ex.addWorkQueueTemplateAgents.responses["200"].added as never),
    ),
    http.delete("/quality/work-queue-templates/{id}/agents", ({ response }) =>
      response(200).json(ex.removeWorkQueueTemplateAgents.responses["200"].removed as never),
    ),

    http.get("/performance/121-topics", ({ response }) =>
      response(200).json(ex.listOneToOneTopics.responses["200"].topics as never),
    ),
    http.get("/performance/121s", ({ response }) =>
      response(200).json(ex.listOneToOnes.responses["200"].completed as never),
    ),
    http.post("/performance/121s", ({ response }) =>
      response(201).json(ex.createOneToOne.responses["201"].created as never),
    ),
    http.get("/performance/121s/{id}", ({ response }) =>
      response(200).json(ex.getOneToOne.responses["200"].completed as never),
    ),
    http.patch("/performance/121s/{id}", ({ response }) =>
      response(200).json(ex.updateOneToOne.responses["200"].rescheduled as never),
    ),
    http.delete("/performance/121s/{id}", ({ response }) => response(204).empty()),
  ];
}
