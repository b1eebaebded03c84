import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** A JSON:API error object, and the `{ errors }` body of every EvaluAgent error response. */
export type ErrorObject = Schemas["ErrorObject"];
export type EvaluagentErrorBody = Schemas["ErrorDocument"];
/** JSON:API pagination links (`links.next` is `null` on the last page). */
export type PaginationLinks = Schemas["PaginationLinks"];
/** `<ISO date-time>,<ISO date-time>` for a `filter[<field>;between]` parameter. */
export type DateTimeRange = Schemas["DateTimeRange"];
export type EvaluationSort = Schemas["EvaluationSort"];
export type OneToOneSort = Schemas["OneToOneSort"];
export type ConversationAnalyticsSort = Schemas["ConversationAnalyticsSort"];

/** What `ping` answers: how the call was authenticated. */
export type AuthenticationInfo = Schemas["AuthenticationInfo"];
/** A created or refreshed bearer token resource. */
export type BearerToken = Schemas["BearerToken"];

export type User = Schemas["User"];
export type UserCreateRequest = Schemas["UserCreateRequest"];
export type UserUpdateRequest = Schemas["UserUpdateRequest"];
export type Group = Schemas["Group"];
export type GroupCreateRequest = Schemas["GroupCreateRequest"];
export type GroupUpdateRequest = Schemas["GroupUpdateRequest"];
export type Role = Schemas["Role"];
export type RoleCreateRequest = Schemas["RoleCreateRequest"];
export type RoleUpdateRequest = Schemas["RoleUpdateRequest"];
export type Level = Schemas["Level"];
export type Ability = Schemas["Ability"];

/** An evaluation as listed (relationships `agent`, `contacts`). */
export type EvaluationListItem = Schemas["EvaluationListItem"];
/** An evaluation in detail, with feedback and line items (relationships `contact`, `evaluator`, `agent`). */
export type Evaluation = Schemas["Evaluation"];
export type LineItemScore = Schemas["LineItemScore"];
/** An evaluated contact, as included with evaluations. */
export type Contact = Schemas["Contact"];
/** What `getEvaluation` can include: its contact (`contacts`), evaluator and agent (`users`). */
export type EvaluationIncluded = Schemas["EvaluationIncluded"];
export type EvaluationDocument = Schemas["EvaluationDocument"];
export type EvaluationCollectionDocument = Schemas["EvaluationCollectionDocument"];

export type ConversationAnalytics = Schemas["ConversationAnalytics"];
export type InsightTopic = Schemas["InsightTopic"];
export type WorkQueueTemplate = Schemas["WorkQueueTemplate"];
export type OneToOne = Schemas["OneToOne"];
export type OneToOneTopic = Schemas["OneToOneTopic"];
export type OneToOneCreateRequest = Schemas["OneToOneCreateRequest"];
export type OneToOneUpdateRequest = Schemas["OneToOneUpdateRequest"];

/** One message of an imported ticket or chat. */
export type ImportedContactMessage = Schemas["ImportedContactMessage"];
/** What `createImportedContact` answers. */
export type ImportedContactCreated = Schemas["ImportedContactCreated"];
/** What `uploadImportedContactAudio` answers: the stored recording's `path`. */
export type AudioUploaded = Schemas["AudioUploaded"];

/**
 * The fields of an imported contact, as `Schemas["ImportedContact"]` would give them: written by hand
 * because the spec's root-level `anyOf` makes openapi-typescript generate that type as `unknown`.
 * Types only: what is checked at run time is the spec itself (test/client.test.ts checks the two name the same fields).
 */
interface ImportedContactFields {
  reference: string;
  contact_date: string;
  channel?: string;
  assigned_at?: string;
  solved_at?: string;
  external_url?: string;
  /** Seconds, ≥ 0. */
  handling_time?: number;
  customer_telephone_number?: string;
  /** For a call: the `path` the audio upload returned. */
  audio_file_path?: string;
  responses_stored_externally?: boolean | "true" | "false";
  responses?: ImportedContactMessage[];
  metadata?: Record<string, string | number>;
}

/** The agent who handled an imported conversation, by EvaluAgent id (a UUID) or email address. */
export type ImportedContactAgent =
  | { agent_id: string; agent_email?: string }
  | { agent_id?: string; agent_email: string };

/** A conversation to import (the `data` of `createImportedContact`), naming its agent by `agent_id` or `agent_email`. */
export type ImportedContact = ImportedContactFields & ImportedContactAgent;

/** A call for `uploadAudioAndImportContact`: an imported contact whose `audio_file_path` comes from the upload. */
export type ImportedCallContact = Omit<ImportedContactFields, "audio_file_path"> &
  ImportedContactAgent & { audio_file_path?: never };
