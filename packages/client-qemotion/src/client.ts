import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { QemotionValidationError, validateThematicsInput, validateVerbatim } from "./validate.js";

export const QEMOTION_BASE_URL = "https://api-integration.cxinsights.io";

export interface QemotionClientOptions {
  /** The API key Q°emotion support issued; sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Defaults to {@link QEMOTION_BASE_URL}; point it at a mock such as `http://127.0.0.1:4010`. */
  baseUrl?: string;
  /** A `fetch` implementation to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
}

/** The typed openapi-fetch client: `GET`/`POST` by path, typed params, bodies and responses. */
export type QemotionClient = Client<paths>;

/**
 * Creates a Q°emotion client. Request bodies are checked against the documented limits before the
 * network; a breach throws {@link QemotionValidationError} naming each field.
 */
export function createQemotionClient(options: QemotionClientOptions): QemotionClient {
  if (!options.apiKey) throw new TypeError("createQemotionClient: apiKey is required");
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? QEMOTION_BASE_URL,
    // Look the global fetch up per call, so interceptors installed after creation (MSW) still apply.
    fetch: options.fetch ?? ((input: Request) => globalThis.fetch(input)),
  });
  const authorization = `Bearer ${options.apiKey}`;
  client.use(
    {
      onRequest({ request }) {
        request.headers.set("Authorization", authorization);
        return request;
      },
    },
    validation,
  );
  return client;
}

const verbatimRules: Record<
  string,
  (body: unknown) => { issues: ReturnType<typeof validateVerbatim>; what: string }
> = {
  "/projects/{projectId}/verbatims": (body) => ({ issues: validateVerbatim(body), what: "verbatim" }),
  "/projects/{projectId}/verbatims/bulk": (body) => ({
    issues: Array.isArray(body)
      ? body.length === 0
        ? [{ field: "(body)", message: "must contain at least one verbatim" }]
        : body.flatMap((item, i) =>
            validateVerbatim(item).map((issue) => ({ ...issue, field: `[${i}].${issue.field}` })),
          )
      : [{ field: "(body)", message: "must be an array of verbatims" }],
    what: "bulk request",
  }),
  "/projects/{projectId}/thematics": (body) => ({
    issues: validateThematicsInput(body),
    what: "thematics request",
  }),
};

/** Rejects invalid bodies before they leave the process. */
const validation: Middleware = {
  async onRequest({ request, schemaPath }) {
    const rule = request.method === "POST" ? verbatimRules[schemaPath] : undefined;
    if (!rule) return undefined;
    let body: unknown;
    try {
      body = await request.clone().json();
    } catch {
      throw new QemotionValidationError([{ field: "(body)", message: "must be JSON" }]);
    }
    const { issues, what } = rule(body);
    if (issues.length) throw new QemotionValidationError(issues, what);
    return undefined;
  },
};
