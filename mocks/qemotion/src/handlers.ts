import type { paths } from "@cxkit/client-qemotion";
import { HttpResponse } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { examples } from "./generated/examples.js";

export const QEMOTION_MOCK_BASE_URL = "https://api-integration.cxinsights.io";

/** Typed MSW `http` for Q°emotion paths, for per-test overrides: `server.use(qemotionHttp().post(...))`. */
export const qemotionHttp = (baseUrl: string = QEMOTION_MOCK_BASE_URL) =>
  createOpenApiHttp<paths>({ baseUrl });

const unauthorized = () =>
  HttpResponse.json(examples.listProjects.responses["401"].default, { status: 401 }) as never;
const hasBearer = (request: Request) => /^Bearer \S+/.test(request.headers.get("authorization") ?? "");
const isJson = (request: Request) => /^application\/json\b/i.test(request.headers.get("content-type") ?? "");
const unsupported = () =>
  HttpResponse.json(examples.createVerbatim.responses["415"].default, { status: 415 }) as never;

/**
 * MSW handlers for every Q°emotion operation, answering with the spec's documented examples. Like the
 * API they refuse a request without `Authorization: Bearer …` (401) and a POST that is not JSON (415).
 * They do not validate bodies against the schema: the Prism mock does (see mocks/README.md).
 */
export function createQemotionHandlers(baseUrl: string = QEMOTION_MOCK_BASE_URL) {
  const http = qemotionHttp(baseUrl);
  return [
    http.get("/projects", ({ request, response }) =>
      hasBearer(request)
        ? response(200).json(examples.listProjects.responses["200"].projects)
        : unauthorized(),
    ),
    http.get("/projects/{projectId}", ({ request, params, response }) =>
      hasBearer(request)
        ? response(200).json({
            ...examples.getProject.responses["200"].project,
            id: Number(params.projectId),
          })
        : unauthorized(),
    ),
    // The documentation's authorization example calls the root; its Ruby/Python samples call /{ID}.
    // Registered after /projects, which MSW would otherwise also match as /{projectId}.
    http.get("/", ({ request }) =>
      hasBearer(request) ? (new HttpResponse(null, { status: 200 }) as never) : unauthorized(),
    ),
    http.get("/{projectId}", ({ request, params, response }) => {
      if (!hasBearer(request)) return unauthorized();
      if (!/^[0-9]+$/.test(params.projectId))
        return response(400).json({ errors: ["Request path parameter projectId must be integer"] });
      return response(200).json({
        ...examples.getProjectByRootPath.responses["200"].project,
        id: Number(params.projectId),
      });
    }),
    http.post("/projects/{projectId}/verbatims", ({ request, response }) => {
      if (!hasBearer(request)) return unauthorized();
      if (!isJson(request)) return unsupported();
      return response(200).json(examples.createVerbatim.responses["200"].created);
    }),
    http.post("/projects/{projectId}/verbatims/bulk", async ({ request, response }) => {
      if (!hasBearer(request)) return unauthorized();
      if (!isJson(request)) return unsupported();
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
    http.post("/projects/{projectId}/thematics", ({ request, response }) => {
      if (!hasBearer(request)) return unauthorized();
      if (!isJson(request)) return unsupported();
      return response(200).json(examples.analyzeThematics.responses["200"].classified);
    }),
  ];
}
