import type { paths } from "@cxkit/client-evaluagent";
import { HttpResponse } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

export const EVALUAGENT_MOCK_BASE_URL = "https://api.evaluagent.com/v1";

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
const error = (status: number, example: unknown) => HttpResponse.json(example as never, { status }) as never;
const unauthorized = () => error(401, ex.ping.responses["401"].unauthorized);
const validation = (detail: string, pointer: string) =>
  error(400, { errors: [{ status: "400", title: "Validation error", detail, source: { pointer } }] });

type Scheme = "basic" | "bearer" | undefined;
const scheme = (request: Request): [Scheme, string] => {
  // The scheme name is case-insensitive (RFC 9110), so `basic …` is Basic too.
  const [kind = "", value = ""] = (request.headers.get("authorization") ?? "").trim().split(/\s+/);
  const name = kind.toLowerCase();
  return [name === "basic" ? "basic" : name === "bearer" ? "bearer" : undefined, value];
};

/**
 * MSW handlers for every EvaluAgent operation, answering with the spec's examples. Stateful where the
 * API is a flow ({@link EvaluagentMockAccount}):
 * - tokens: creating one needs Basic (Bearer → 403) and disables Basic (→ 401 afterwards); only the
 *   current token is accepted; refreshing replaces it; revoking leaves the key unusable; refresh and
 *   revoke need the token (Basic → 403);
 * - imported calls: the upload must be multipart with a non-empty `audio_file` part and answers a new
 *   path; an imported contact's `audio_file_path` must be one of those paths (else 400).
 * Requests without valid credentials get 401. Bodies are not schema-validated here: the Prism mock does.
 */
export function createEvaluagentHandlers(
  baseUrl: string = EVALUAGENT_MOCK_BASE_URL,
  account: EvaluagentMockAccount = createEvaluagentMockAccount(),
) {
  const http = evaluagentHttp(baseUrl);
  const authorized = (request: Request) => {
    const [kind, value] = scheme(request);
    if (account.revoked) return false;
    if (kind === "basic") return value !== "" && !account.basicDisabled;
    return kind === "bearer" && value !== "" && value === account.token;
  };
  const tokenDocument = (template: (typeof ex.createBearerToken.responses)["201"]["created"]) => ({
    data: {
      ...template.data,
      type: "tokens" as const,
      attributes: {
        ...template.data.attributes,
        token_type: "Bearer" as const,
        token: account.rotate(),
        expires_at: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, "Z"),
      },
    },
  });
  /** The resolver, typed by its path, behind the credential check. */
  const guarded =
    <I extends { request: Request }, R>(answer: (info: I) => R) =>
    (info: I): R =>
      authorized(info.request) ? answer(info) : unauthorized();

  return [
    http.get(
      "/ping",
      guarded(({ request, response }) => {
        const body = ex.ping.responses["200"].basic;
        const method = scheme(request)[0];
        return response(200).json({
          data: { ...body.data, type: "authentication", attributes: { ...body.data.attributes, method } },
        });
      }),
    ),
    http.post("/auth/token", ({ request, response }) => {
      const [kind, value] = scheme(request);
      if (kind === "bearer") return error(403, ex.createBearerToken.responses["403"].bearerUsed);
      if (kind !== "basic" || !value || account.basicDisabled || account.revoked) return unauthorized();
      account.basicDisabled = true;
      return response(201).json(tokenDocument(ex.createBearerToken.responses["201"].created));
    }),
    http.post("/auth/token/refresh", ({ request, response }) => {
      if (scheme(request)[0] === "basic") return error(403, ex.refreshBearerToken.responses["403"].basicUsed);
      if (!authorized(request)) return unauthorized();
      return response(200).json(tokenDocument(ex.refreshBearerToken.responses["200"].refreshed));
    }),
    http.delete("/auth/token", ({ request, response }) => {
      if (scheme(request)[0] === "basic") return error(403, ex.revokeBearerToken.responses["403"].basicUsed);
      if (!authorized(request)) return unauthorized();
      account.token = undefined;
      account.revoked = true;
      return response(204).empty();
    }),

    http.post(
      "/org/users",
      guarded(({ response }) => response(201).json(ex.createUser.responses["201"].created as never)),
    ),
    http.get(
      "/org/users",
      guarded(({ response }) => response(200).json(ex.listUsers.responses["200"].users as never)),
    ),
    http.get(
      "/org/users/{id}",
      guarded(({ response }) => response(200).json(ex.getUser.responses["200"].agent as never)),
    ),
    http.patch(
      "/org/users/{id}",
      guarded(({ response }) => response(200).json(ex.updateUser.responses["200"].moved as never)),
    ),
    http.post(
      "/org/groups",
      guarded(({ response }) => response(201).json(ex.createGroup.responses["201"].created as never)),
    ),
    http.get(
      "/org/groups",
      guarded(({ response }) => response(200).json(ex.listGroups.responses["200"].hierarchy as never)),
    ),
    http.patch(
      "/org/groups/{id}",
      guarded(({ response }) => response(200).json(ex.updateGroup.responses["200"].renamed as never)),
    ),
    http.delete(
      "/org/groups/{id}",
      guarded(({ response }) => response(204).empty()),
    ),
    http.post(
      "/org/roles",
      guarded(({ response }) => response(201).json(ex.createRole.responses["201"].created as never)),
    ),
    http.get(
      "/org/roles",
      guarded(({ response }) => response(200).json(ex.listRoles.responses["200"].roles as never)),
    ),
    http.patch(
      "/org/roles/{id}",
      guarded(({ response }) => response(200).json(ex.updateRole.responses["200"].updated as never)),
    ),
    http.delete(
      "/org/roles/{id}",
      guarded(({ response }) => response(204).empty()),
    ),
    http.get(
      "/org/levels",
      guarded(({ response }) => response(200).json(ex.listLevels.responses["200"].levels as never)),
    ),
    http.get(
      "/org/abilities",
      guarded(({ response }) => response(200).json(ex.listAbilities.responses["200"].abilities as never)),
    ),

    http.get(
      "/quality/evaluations",
      guarded(({ response }) =>
        response(200).json(ex.listEvaluations.responses["200"].withContacts as never),
      ),
    ),
    http.get(
      "/quality/evaluations/{id}",
      guarded(({ response }) =>
        response(200).json(ex.getEvaluation.responses["200"].withEverything as never),
      ),
    ),
    http.post(
      "/quality/imported-contacts",
      guarded(async ({ request, response }) => {
        const { data } = (await request.json()) as { data?: { audio_file_path?: string } };
        const path = data?.audio_file_path;
        if (path !== undefined && !account.uploads.has(path))
          return validation(`No uploaded recording at ${path}.`, "/data/audio_file_path");
        return response(201).json(ex.createImportedContact.responses["201"].created as never);
      }),
    ),
    http.post(
      "/quality/imported-contacts/upload-audio",
      guarded(async ({ request, response }) => {
        if (!/^multipart\/form-data\b/.test(request.headers.get("content-type") ?? ""))
          return validation("The audio file must be sent as multipart/form-data.", "/audio_file");
        const file = (await request.formData()).get("audio_file");
        if (!(file instanceof Blob) || file.size === 0)
          return validation("The audio file field is required.", "/audio_file");
        const name = (file as File).name?.replace(/[^\w.-]/g, "_") || "recording";
        const path = `imported-contacts/mock/${crypto.randomUUID()}-${name}`;
        account.uploads.add(path);
        return response(201).json({ path });
      }),
    ),

    http.get(
      "/analytics/conversations",
      guarded(({ query, response }) =>
        query.get("filter[contact_date;between]")
          ? response(200).json(ex.listConversationAnalytics.responses["200"].may as never)
          : error(400, {
              errors: [
                {
                  status: "400",
                  title: "Invalid query parameter",
                  detail: "The filter[contact_date;between] parameter is required.",
                  source: { parameter: "filter[contact_date;between]" },
                },
              ],
            }),
      ),
    ),
    http.get(
      "/analytics/conversations/{id}",
      guarded(({ response }) =>
        response(200).json(ex.getConversationAnalytics.responses["200"].conversation as never),
      ),
    ),

    http.get(
      "/quality/work-queue-templates",
      guarded(({ response }) =>
        response(200).json(ex.listWorkQueueTemplates.responses["200"].templates as never),
      ),
    ),
    http.get(
      "/quality/work-queue-templates/{id}",
      guarded(({ response }) =>
        response(200).json(ex.getWorkQueueTemplate.responses["200"].template as never),
      ),
    ),
    http.get(
      "/quality/work-queue-templates/{id}/agents",
      guarded(({ response }) =>
        response(200).json(ex.listWorkQueueTemplateAgents.responses["200"].agents as never),
      ),
    ),
    http.put(
      "/quality/work-queue-templates/{id}/agents",
      guarded(({ response }) =>
        response(200).json(ex.syncWorkQueueTemplateAgents.responses["200"].synced as never),
      ),
    ),
    http.post(
      "/quality/work-queue-templates/{id}/agents",
      guarded(({ response }) =>
        response(200).json(ex.addWorkQueueTemplateAgents.responses["200"].added as never),
      ),
    ),
    http.delete(
      "/quality/work-queue-templates/{id}/agents",
      guarded(({ response }) =>
        response(200).json(ex.removeWorkQueueTemplateAgents.responses["200"].removed as never),
      ),
    ),

    http.get(
      "/performance/121-topics",
      guarded(({ response }) => response(200).json(ex.listOneToOneTopics.responses["200"].topics as never)),
    ),
    http.get(
      "/performance/121s",
      guarded(({ response }) => response(200).json(ex.listOneToOnes.responses["200"].completed as never)),
    ),
    http.post(
      "/performance/121s",
      guarded(({ response }) => response(201).json(ex.createOneToOne.responses["201"].created as never)),
    ),
    http.get(
      "/performance/121s/{id}",
      guarded(({ response }) => response(200).json(ex.getOneToOne.responses["200"].completed as never)),
    ),
    http.patch(
      "/performance/121s/{id}",
      guarded(({ response }) => response(200).json(ex.updateOneToOne.responses["200"].rescheduled as never)),
    ),
    http.delete(
      "/performance/121s/{id}",
      guarded(({ response }) => response(204).empty()),
    ),
  ];
}
