import { createRequestGuard } from "@cxkit/client-core/server";
import { type paths, QEMOTION_BASE_URL, QEMOTION_RULES, QEMOTION_SPEC } from "@cxkit/client-qemotion";
import { HttpResponse, http as mswHttp } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

/** The spec's first server, which the client calls by default. */
export const QEMOTION_MOCK_BASE_URL = QEMOTION_BASE_URL;

/** Typed MSW `http` for Q°emotion paths, for per-test overrides: `server.use(qemotionHttp().post(...))`. */
export const qemotionHttp = (baseUrl: string = QEMOTION_MOCK_BASE_URL) =>
  createOpenApiHttp<paths>({ baseUrl });

/**
 * MSW handlers for every Q°emotion operation, answering with the spec's documented examples. The first
 * handler checks every request with client-core's request guard, from the spec alone (its security
 * schemes, each operation's parameters and body, QEMOTION_RULES): 401 without `Authorization: Bearer …`,
 * 415 for a body that is not JSON, 400/422 (as Prism answers) naming every broken constraint, in
 * Q°emotion's `{ errors: [...] }` shape. A valid request falls through to the handlers after it.
 * Handlers a test adds with `server.use()` run before the guard.
 */
export function createQemotionHandlers(baseUrl: string = QEMOTION_MOCK_BASE_URL) {
  const http = qemotionHttp(baseUrl);
  const guard = createRequestGuard(QEMOTION_SPEC, baseUrl, QEMOTION_RULES);
  return [
    mswHttp.all(`${baseUrl.replace(/\/$/, "")}/*`, ({ request }) => guard(request)),
    http.get("/projects", ({ response }) =>
      response(200).json(examples.listProjects.responses["200"].projects),
    ),
    http.get("/projects/{projectId}", ({ params, response }) =>
      response(200).json({ ...examples.getProject.responses["200"].project, id: Number(params.projectId) }),
    ),
    // The documentation's authorization example calls the root; its Ruby/Python samples call /{ID}.
    // Registered after /projects, which MSW would otherwise also match as /{projectId}.
    http.get("/", () => new HttpResponse(null, { status: 200 }) as never),
    http.get("/{projectId}", ({ params, response }) =>
      response(200).json({
        ...examples.getProjectByRootPath.responses["200"].project,
        id: Number(params.projectId),
      }),
    ),
    http.post("/projects/{projectId}/verbatims", ({ response }) =>
      response(200).json(examples.createVerbatim.responses["200"].created),
    ),
    http.post("/projects/{projectId}/verbatims/bulk", async ({ request, response }) => {
      // One created entry per verbatim sent, echoing its external id and date, as the API does.
      const sent = await request.json();
      const template = examples.createVerbatimsBulk.responses["200"].created[0]!;
      return response(200).json(
        sent.map((verbatim, i) => ({
          ...template,
          id: template.id + i,
          uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          verbatim_external_id: verbatim.verbatim_external_id ?? null,
          creation_date: verbatim.creation_date,
        })),
      );
    }),
    http.post("/projects/{projectId}/thematics", ({ response }) =>
      response(200).json(examples.analyzeThematics.responses["200"].classified),
    ),
  ];
}
