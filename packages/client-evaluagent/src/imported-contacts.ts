import { ApiError, unwrap, ValidationError } from "@cxkit/client-core";
import type { EvaluagentClient } from "./client.js";
import { validateImportedContact } from "./spec.js";
import type { ImportedCallContact, ImportedContact, ImportedContactCreated } from "./types.js";

export interface UploadAudioOptions {
  /** The file name sent with the part (default: the File's own name, else "recording"). */
  filename?: string;
  signal?: AbortSignal;
}

/** Narrows `contact` to a valid {@link ImportedContact} or throws `ValidationError` naming every broken rule. */
export function assertValidImportedContact(contact: unknown): asserts contact is ImportedContact {
  const issues = validateImportedContact(contact, "contact");
  if (issues.length) throw new ValidationError(issues, { what: "imported contact" });
}

/**
 * Uploads a call recording (`uploadImportedContactAudio`, multipart part `audio_file`) and returns the
 * stored `path` to send as `audio_file_path`. The form is checked against the spec like any call
 * (`ValidationError`); failures of the API throw `ApiError`.
 */
export async function uploadAudio(
  client: EvaluagentClient,
  file: Blob,
  { filename, signal }: UploadAudioOptions = {},
): Promise<string> {
  const form = new FormData();
  form.append("audio_file", file, filename ?? (file as Partial<File>).name ?? "recording");
  const uploaded = await unwrap(
    client.POST("/quality/imported-contacts/upload-audio", {
      // openapi-fetch sends a FormData body as it is (multipart, with its boundary).
      body: form as never,
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
 * the imported contact with the returned path as `audio_file_path`. The contact is checked against the
 * spec before anything is sent (`ValidationError` naming `contact.<field>`), so an invalid contact never
 * costs an upload. An upload failure throws `ApiError`; an
 * import failure after a successful upload throws {@link ImportContactError} carrying the stored `path`.
 */
export async function uploadAudioAndImportContact(
  client: EvaluagentClient,
  file: Blob,
  contact: ImportedCallContact,
  options: UploadAudioOptions = {},
): Promise<ImportedCall> {
  assertValidImportedContact({ ...contact, audio_file_path: "(uploaded)" });
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
