import type { components, operations } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** A conversation channel (the values: `CHANNELS`). */
export type Channel = Schemas["Channel"];
/** A chat session's status. */
export type SessionStatus = Schemas["SessionStatus"];
/** A sentiment as Open.cx detects it. */
export type Sentiment = Schemas["Sentiment"];
/** A session's language, an ISO 639-1 code (the values: `SESSION_LANGUAGES`). */
export type SessionLanguage = Schemas["SessionLanguage"];
/** Free key/value pairs, values as strings. */
export type CustomData = Schemas["CustomData"];
/** What a create operation returns: the new resource's id. */
export type CreatedId = Schemas["CreatedId"];
/** The `{statusCode, message, error?, code?}` body of every Open.cx error response. */
export type OpencxErrorBody = Schemas["Error"];

/** The body of `listInsights` (`POST /insights`): filters, sort and page. */
export type InsightSearch = Schemas["InsightSearch"];
/** The filters and sort of `POST /insights`, without the page (what the insights paginator takes). */
export type InsightFilters = Omit<InsightSearch, "page">;
/** Key/value pairs that must all match (`ticketCustomData`, `contactCustomData`). */
export type CustomDataMatch = Schemas["CustomDataMatch"];
/** One page of insights: `{data, page, total, totalPages}`. */
export type InsightPage = Schemas["InsightPage"];
/** A customer insight. */
export type Insight = Schemas["Insight"];
export type InsightCategory = Schemas["InsightCategory"];
export type InsightCategoryType = Schemas["InsightCategoryType"];

/** The body of `createContact` and `updateContact`: `{contact: {email?, phone?, name?, custom_data?}}`. */
export type ContactWrite = Schemas["ContactWrite"];
/** A contact as the API returns it (note `phone_number`, where writes use `phone`). */
export type Contact = Schemas["Contact"];
/** One page of contacts: `{items, next}`. */
export type ContactList = Schemas["ContactList"];

export type ChatSessionCreate = Schemas["ChatSessionCreate"];
export type ChatSessionUpdate = Schemas["ChatSessionUpdate"];
export type ChatSession = Schemas["ChatSession"];
/** One page of chat sessions: `{items, next}`. */
export type ChatSessionList = Schemas["ChatSessionList"];
/** The query of `listChatSessions` (`GET /chat/sessions`). */
export type ChatSessionListQuery = NonNullable<operations["listChatSessions"]["parameters"]["query"]>;
/** The body of `filterChatSessions`: criteria, sort, page and limit (at most `FILTER_LIMIT_MAX`). */
export type ChatSessionFilter = Schemas["ChatSessionFilter"];
/** One page of filtered sessions: `{data, page, limit, has_next, has_previous}`. */
export type ChatSessionPage = Schemas["ChatSessionPage"];
/** The body of `sendChatMessage`. */
export type ChatMessageSend = Schemas["ChatMessageSend"];
/** The AI agent's answer to a message: the current shape or the 2024 one. */
export type ChatMessageReply = Schemas["ChatMessageReply"];
export type AutopilotReply = Schemas["AutopilotReply"];
export type LegacyAiReply = Schemas["LegacyAiReply"];
/** One page of a session's history: `{items, next}`. */
export type ChatHistoryList = Schemas["ChatHistoryList"];
export type ChatHistoryItem = Schemas["ChatHistoryItem"];
/** A session event, told apart by `type`. */
export type ChatEvent = Schemas["ChatEvent"];

export type PhoneLanguage = Schemas["PhoneLanguage"];
export type ElevenLabsVoiceId = Schemas["ElevenLabsVoiceId"];
export type PhoneAgentCreate = Schemas["PhoneAgentCreate"];
export type PhoneAgentUpdate = Schemas["PhoneAgentUpdate"];
export type PhoneAgentCreated = Schemas["PhoneAgentCreated"];
export type PhoneAgentSummary = Schemas["PhoneAgentSummary"];
/** One page of AI phone agents: `{items, next}`. */
export type PhoneAgentList = Schemas["PhoneAgentList"];
export type PhoneCallRequest = Schemas["PhoneCallRequest"];

export type EmailSend = Schemas["EmailSend"];
export type EmailRecipient = Schemas["EmailRecipient"];

export type SequenceCreate = Schemas["SequenceCreate"];
export type SequenceUpdate = Schemas["SequenceUpdate"];
export type Sequence = Schemas["Sequence"];
export type ContactsCompositeFilter = Schemas["ContactsCompositeFilter"];
/** One contact filter of a sequence, told apart by `type`. */
export type ContactsFilter = Schemas["ContactsFilter"];
/** What a sequence step does, told apart by `type`. */
export type SequenceAction = Schemas["SequenceAction"];
export type SequenceContactsAdd = Schemas["SequenceContactsAdd"];
export type SequenceRun = Schemas["SequenceRun"];

export type TrainingType = Schemas["TrainingType"];
/** The body of `createTraining` and `updateTraining`. */
export type TrainingWrite = Schemas["TrainingWrite"];
export type Training = Schemas["Training"];
