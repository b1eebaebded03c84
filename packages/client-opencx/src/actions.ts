import { unwrap } from "@cxkit/client-core";
import type { OpencxClient } from "./client.js";
import { OpencxValidationError } from "./validate.js";

export interface ImportActionsOptions {
  /** The upload's file name. Default `openapi.json`. */
  filename?: string;
  signal?: AbortSignal;
}

/**
 * Imports the AI agent's actions from an OpenAPI 3 (Swagger) document in JSON (`PUT /actions`, the
 * multipart field `file`): one action per operation. The document is checked to be a JSON object
 * naming `openapi` or `swagger` before the network. Throws `ApiError` when Open.cx refuses it.
 */
export async function importActions(
  client: OpencxClient,
  document: string | object,
  options: ImportActionsOptions = {},
): Promise<void> {
  const file = typeof document === "string" ? document : JSON.stringify(document);
  let parsed: unknown;
  try {
    parsed = JSON.parse(file);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || !("openapi" in parsed || "swagger" in parsed))
    throw new OpencxValidationError(
      [{ field: "file", message: "must be an OpenAPI (Swagger) document in JSON" }],
      "PUT /actions body",
    );
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
