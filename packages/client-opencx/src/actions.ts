import { unwrap } from "@cxkit/client-core";
import type { OpencxClient } from "./client.js";

export interface ImportActionsOptions {
  /** The upload's file name. Default `openapi.json`. */
  filename?: string;
  signal?: AbortSignal;
}

/**
 * Imports the AI agent's actions from an OpenAPI 3 (Swagger) document in JSON (`PUT /actions`, the
 * multipart field `file`): one action per operation. Before the network, the client's checks refuse a
 * file that is not a JSON object naming `openapi` or `swagger` (a rule of `OPENCX_RULES`) with a
 * `ValidationError` on `body.file`. Throws `ApiError` when Open.cx refuses it.
 */
export async function importActions(
  client: OpencxClient,
  document: string | object,
  options: ImportActionsOptions = {},
): Promise<void> {
  const file = typeof document === "string" ? document : JSON.stringify(document);
  const filename = options.filename ?? "openapi.json";
  await unwrap(
    client.PUT("/actions", {
      body: { file },
      bodySerializer: (body) => {
        const form = new FormData();
        form.set("file", new Blob([body.file], { type: "application/json" }), filename);
        return form;
      },
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
}
