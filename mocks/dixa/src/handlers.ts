import { createRequestGuard } from "@cxkit/client-core/server";
import {
  type Agent,
  type AnonymizationRequest,
  DIXA_BASE_URLS,
  DIXA_ORIGIN,
  DIXA_RULES,
  DIXA_SPEC,
  type paths,
} from "@cxkit/client-dixa";
import { type HttpHandler, HttpResponse, http as msw } from "msw";
import { createOpenApiHttp, type OpenApiHttpRequestHandler } from "openapi-msw";
import { examples } from "./generated/examples.js";

/** Dixa's host with a `:version` segment, so the handlers answer under `/v1` and `/beta` alike. */
export const DIXA_MOCK_BASE_URL = `${DIXA_ORIGIN}/:version`;

/** Typed MSW `http` for Dixa paths, for per-test overrides: `server.use(dixaHttp().get("/agents", …))`. */
export const dixaHttp = (baseUrl: string = DIXA_MOCK_BASE_URL) => createOpenApiHttp<paths>({ baseUrl });

export interface DixaMockScenario {
  /** The agents `listAgents` pages through. Default: the documented page's two agents plus three more. */
  agents?: Agent[];
  /** Page size when the request sends no `pageLimit`. Default 2, so the default agents span 3 pages. */
  pageLimit?: number;
  /** Status checks an anonymization request stays pending before it is processed. Default 1. */
  pendingChecks?: number;
}

type Operation = {
  method: "get" | "put" | "post" | "patch" | "delete";
  path: string;
  responses: Record<string, Record<string, unknown>>;
};
/** The generated examples, read loosely: the typed view of 134 operations would slow every typecheck. */
const table = examples as unknown as Record<string, Operation>;
/** Success statuses of the operations whose 2xx answer has no body (all others are 204). */
const EMPTY_SUCCESS: Record<string, number> = {
  addTeamMembers: 200,
  addTeamMembersAlias: 200,
  tagConversationBulk: 202,
};

/** The documented 2xx status and first example body of an operation (`undefined` body: none). */
export function documentedSuccess(operationId: string): { status: number; body: unknown } {
  const op = table[operationId];
  if (!op) throw new Error(`unknown Dixa operation ${operationId}`);
  const status = Object.keys(op.responses).find((s) => s.startsWith("2"));
  if (status) return { status: Number(status), body: Object.values(op.responses[status]!)[0] };
  return { status: EMPTY_SUCCESS[operationId] ?? 204, body: undefined };
}

const notFound = (message = "Not found") => HttpResponse.json({ message }, { status: 404 }) as never;
const answer = (operationId: string) => {
  const { status, body } = documentedSuccess(operationId);
  return (
    body === undefined ? new HttpResponse(null, { status }) : HttpResponse.json(body as never, { status })
  ) as never;
};
const versionOf = (request: Request) => `/${new URL(request.url).pathname.split("/")[1]}`;

/**
 * The first handler: checks every request against the spec with client-core's guard (credentials against
 * its security schemes, parameters and bodies against its constraints, then {@link DIXA_RULES}) and answers
 * a refusal in Dixa's `{message}` shape: 401, 415, or the status Prism gives (400). A request that may be
 * answered falls through to the handlers after it.
 */
function guard(baseUrl: string): HttpHandler {
  // `:version` stands for each of the spec's servers (`/v1`, `/beta`); any other base URL is one server.
  const guards = (
    baseUrl.includes(":version")
      ? Object.keys(DIXA_BASE_URLS).map((version) => baseUrl.replace(":version", version))
      : [baseUrl]
  ).map((base) => createRequestGuard(DIXA_SPEC, base, DIXA_RULES));
  return msw.all(`${baseUrl}/*`, async ({ request }) => {
    for (const check of guards) {
      const refused = await check(request);
      if (refused) return refused;
    }
    return undefined;
  });
}

/**
 * MSW handlers for every Dixa operation (all 134), answering with the spec's first documented example
 * and its documented status. The first handler refuses what the spec refuses (see {@link guard}): no
 * credential → 401, a broken constraint → 400 naming every field, in Dixa's `{message}` shape. Two
 * flows are stateful:
 * - `listAgents` pages through `scenario.agents` with `pageLimit`/`pageKey`, and `meta.next` is a relative
 *   link with the version prefix (`/v1/agents?pageLimit=2&pageKey=…`), as Dixa sends it;
 * - anonymization (`anonymizeEndUser`, `anonymizeConversation`, `anonymizeConversationMessage`,
 *   `anonymizeEntity`) creates a request that `getAnonymizationRequest` reports pending for
 *   `scenario.pendingChecks` checks, then processed; unknown request ids answer 404.
 */
export function createDixaHandlers(
  baseUrl: string = DIXA_MOCK_BASE_URL,
  scenario: DixaMockScenario = {},
): HttpHandler[] {
  const http = dixaHttp(baseUrl);
  const documentedAgents = (documentedSuccess("listAgents").body as { data: Agent[] }).data;
  const agents = scenario.agents ?? [
    ...documentedAgents,
    ...[3, 4, 5].map((n) => ({
      ...documentedAgents[0]!,
      id: `00000000-0000-4000-8000-00000000000${n}`,
      displayName: `Agent ${n}`,
      email: `agent${n}@example.com`,
    })),
  ];
  const defaultLimit = scenario.pageLimit ?? 2;
  const requests = new Map<string, { request: AnonymizationRequest; checks: number }>();
  const documentedRequests = table.getAnonymizationRequest!.responses["200"] as Record<
    "pending" | "processed",
    { data: AnonymizationRequest }
  >;
  const template = documentedRequests.pending.data;
  const processedAt = documentedRequests.processed.data.processedAt!;

  const anonymize = (type: AnonymizationRequest["_type"], targetEntityId: string, status: number) => {
    const id = `00000000-0000-4000-a000-${String(requests.size + 1).padStart(12, "0")}`;
    const request: AnonymizationRequest = {
      ...template,
      id,
      _type: type,
      entityType: `${type}AnonymizationType` as AnonymizationRequest["entityType"],
      targetEntityId,
    };
    requests.set(id, { request, checks: 0 });
    return HttpResponse.json({ data: request }, { status }) as never;
  };

  const stateful: HttpHandler[] = [
    http.get("/agents", ({ request, query, response }) => {
      const limit = Number(query.get("pageLimit") ?? defaultLimit);
      const start = Number(query.get("pageKey") ?? 0);
      const email = query.get("email");
      const selected = email ? agents.filter((a) => a.email === email) : agents;
      const data = selected.slice(start, start + limit);
      const next = start + limit < selected.length ? start + limit : undefined;
      return response(200).json({
        data,
        meta:
          next === undefined
            ? {}
            : { next: `${versionOf(request)}/agents?pageLimit=${limit}&pageKey=${next}` },
      });
    }),
    http.patch("/endusers/{userId}/anonymize", ({ params }) => anonymize("User", params.userId, 202)),
    http.patch("/conversations/{conversationId}/anonymize", ({ params }) =>
      anonymize("Conversation", String(params.conversationId), 202),
    ),
    http.patch("/conversations/{conversationId}/messages/{messageId}/anonymize", ({ params }) =>
      anonymize("Message", params.messageId, 202),
    ),
    http.post("/anonymization", async ({ request }) => {
      const body = await request.json();
      // The deprecated form names the kind in `entityType` (e.g. `ConversationAnonymizationType`) instead of `_type`.
      const kind: AnonymizationRequest["_type"] =
        body._type ??
        (body.entityType === "ConversationAnonymizationType"
          ? "Conversation"
          : body.entityType === "MessageAnonymizationType"
            ? "Message"
            : "User");
      return anonymize(kind, body.entityId, 200);
    }),
    http.get("/anonymization/request/{requestId}", ({ params, response }) => {
      const entry = requests.get(params.requestId);
      if (!entry) return notFound(`Anonymization request ${params.requestId} not found`);
      entry.checks += 1;
      const processed = entry.checks > (scenario.pendingChecks ?? 1);
      return response(200).json({
        data: processed ? { ...entry.request, processedAt } : entry.request,
      });
    }),
  ];
  const statefulIds = new Set([
    "listAgents",
    "anonymizeEndUser",
    "anonymizeConversation",
    "anonymizeConversationMessage",
    "anonymizeEntity",
    "getAnonymizationRequest",
  ]);

  // Every other operation answers its documented example. The factories are openapi-msw's typed ones;
  // the path comes from the generated table, so it is cast to the union of Dixa's paths.
  const documented = Object.entries(table)
    .filter(([operationId]) => !statefulIds.has(operationId))
    .map(([operationId, op]) =>
      (http[op.method] as OpenApiHttpRequestHandler<paths, "get">)(op.path as "/agents", () =>
        answer(operationId),
      ),
    );
  return [guard(baseUrl), ...stateful, ...documented];
}
