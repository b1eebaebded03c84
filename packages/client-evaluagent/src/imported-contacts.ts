import { ApiError, unwrap } from "@cxkit/client-core";
import type { EvaluagentClient } from "./client.js";
import type { ImportedCallContact, ImportedContactCreated } from "./types.js";
import { EvaluagentValidationError, validateImportedContact } from "./validate.js";

export interface UploadAudioOptions {
  /** The file name sent with the part (default: the File's own name, else "recording"). */
  filename?: string;
  signal?: AbortSignal;
}

/** The audio part's media types the spec accepts (`encoding.audio_file.contentType`). */
const AUDIO_TYPE = /^(audio\/[\w.+-]+|application\/octet-stream)(;.*)?$/i;

function checkFile(file: Blob) {
  const issues = [];
  if (!(file instanceof Blob)) issues.push({ field: "audio_file", message: "must be a Blob or File" });
  else {
    if (file.size === 0) issues.push({ field: "audio_file", message: "must not be empty" });
    if (file.type && !AUDIO_TYPE.test(file.type))
      issues.push({
        field: "audio_file",
        message: `must be audio/* or application/octet-stream (got ${file.type})`,
      });
  }
  if (issues.length) throw new EvaluagentValidationError(issues, "audio upload");
}

/**
 * Uploads a call recording (`uploadImportedContactAudio`, multipart part `audio_file`) and returns the
 * stored `path` to send as `audio_file_path`. Failures throw `ApiError`.
 */
export async function uploadAudio(
  client: EvaluagentClient,
  file: Blob,
  { filename, signal }: UploadAudioOptions = {},
): Promise<string> {
  checkFile(file);
  const name = filename ?? (file as Partial<File>).name ?? "recording";
  const uploaded = await unwrap(
    client.POST("/quality/imported-contacts/upload-audio", {
      body: { audio_file: "" },
      bodySerializer: () => {
        const form = new FormData();
        form.append("audio_file", file, name);
        return form;
      },
      ...(signal ? { signal } : {}),
    }),
  );
  return uploaded.path;
}

/** The second step of {@link uploadAudioAndImportContact} failed: the recording is stored at `path`. */
export class ImportContactError extends Error {
  override name = "ImportContactError";
  constructor(
    message: string,
    /** Where the uploaded recording is stored: retry the import with it instead of uploading again. */
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

export interface ImportedCall {
  /** The stored recording's path, sent as `audio_file_path`. */
  path: string;
  /** EvaluAgent's confirmation. */
  created: ImportedContactCreated;
}

/**
 * Imports a call in EvaluAgent's two steps: uploads the recording (multipart `audio_file`), then creates
 * the imported contact with the returned path as `audio_file_path`. The contact is validated before
 * anything is sent, so an invalid contact never costs an upload. An upload failure throws `ApiError`; an
 * import failure after a successful upload throws {@link ImportContactError} carrying the stored `path`.
 */
export async function uploadAudioAndImportContact(
  client: EvaluagentClient,
  file: Blob,
  contact: ImportedCallContact,
  options: UploadAudioOptions = {},
): Promise<ImportedCall> {
  const issues = validateImportedContact({ ...contact, audio_file_path: "(uploaded)" });
  if (issues.length) throw new EvaluagentValidationError(issues, "imported contact");
  checkFile(file);
  const path = await uploadAudio(client, file, options);
  try {
    const created = await unwrap(
      client.POST("/quality/imported-contacts", {
        body: { data: { ...contact, audio_file_path: path } },
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    return { path, created };
  } catch (error) {
    const status = error instanceof ApiError ? ` (${error.status})` : "";
    throw new ImportContactError(
      `the recording was uploaded to ${path}, but importing the contact failed${status}: ${(error as Error).message}`,
      path,
      error,
    );
  }
}
