import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** A project of the account, with its integration configurations and filters. */
export type Project = Schemas["Project"];
/** One integration configuration of a project; its `id` is a verbatim's `configuration_id`. */
export type ConfigIntegration = Schemas["ConfigIntegration"];
/** A verbatim to add to a project (`createVerbatim`, and each item of `createVerbatimsBulk`). */
export type Verbatim = Schemas["VerbatimInput"];
/** The languages Q°emotion analyses. */
export type Language = Schemas["Language"];
/** What `createVerbatim` returns: the new verbatim's uuid. */
export type VerbatimCreated = Schemas["VerbatimCreated"];
/** One created verbatim in the response of `createVerbatimsBulk`. */
export type BulkVerbatimCreated = Schemas["BulkVerbatimCreated"];
/** The body of `createVerbatimsBulk`'s response. */
export type BulkResult = BulkVerbatimCreated[];
/** The body of a thematic analysis request. */
export type ThematicsInput = Schemas["ThematicsInput"];
/** One subtext of an analysed text with its classification. */
export type ThematicSubtext = Schemas["ThematicSubtext"];
/** One thematic / subthematic / subsubthematic classification with its confidence. */
export type ThematicResult = Schemas["ThematicResult"];
/** What Q°emotion posts to a verbatim's `callback_url` when processing completes. */
export type CallbackPayload = Schemas["CallbackPayload"];
/** The body of every Q°emotion error response: `{ errors: [...] }`. */
export type QemotionErrorBody = Schemas["Errors"];
