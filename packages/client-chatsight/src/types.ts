import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** What a community query reads. */
export type Metric = Schemas["Metric"];
/** A community query job's status. */
export type JobStatus = Schemas["JobStatus"];
/** The body of `startCommunityQuery`. */
export type CommunityQueryRequest = Schemas["CommunityQueryRequest"];
/** A community query job: id, metric and status. */
export type CommunityQueryJob = Schemas["CommunityQueryJob"];
export type SentimentRow = Schemas["SentimentRow"];
export type LanguagePoliticalRow = Schemas["LanguagePoliticalRow"];
export type LanguageVulgarityRow = Schemas["LanguageVulgarityRow"];
/** The result rows of a query, by metric. */
export interface RowsByMetric {
  sentiment: SentimentRow;
  language_political: LanguagePoliticalRow;
  language_vulgarity: LanguageVulgarityRow;
}
export type TextModerationResult = Schemas["TextModerationResult"];
export type ModerationCounters = Schemas["ModerationCounters"];
export type ModerationStatsRecord = Schemas["ModerationStatsRecord"];
export type StreamSession = Schemas["StreamSession"];
export type StreamTranscript = Schemas["StreamTranscript"];
/** What Chatsight posts to a tagging session's webhook when the session finishes. */
export type TaggingWebhookEvent = Schemas["TaggingWebhookEvent"];
/** The `{api, success: false, response}` body of a failed JSON call. */
export type ChatsightErrorBody = Schemas["ErrorEnvelope"];
