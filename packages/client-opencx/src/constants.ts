// Constants users import, each derived from the spec (generated enum arrays and schema keywords), never
// written again here. Their values change when specs/opencx/openapi.yaml does (after `npm run generate`).
import {
  channelValues,
  chatSessionFilterSort_byValues,
  chatSessionFilterSort_orderValues,
  elevenLabsVoiceIdValues,
  insightCategoryTypeValues,
  phoneLanguageValues,
  sentimentValues,
  sessionLanguageValues,
  sessionStatusValues,
  speaksFirstValues,
  trainingTypeValues,
} from "./generated/openapi.js";
import { keyword } from "./spec.js";
import type { InsightSearch } from "./types.js";

/** The 10 conversation channels (`Channel`). */
export const CHANNELS = channelValues;
/** A chat session's statuses (`SessionStatus`). */
export const SESSION_STATUSES = sessionStatusValues;
/** The sentiments Open.cx detects (`Sentiment`). */
export const SENTIMENTS = sentimentValues;
/** A session's languages (`SessionLanguage`, ISO 639-1 codes). */
export const SESSION_LANGUAGES = sessionLanguageValues;
/** An AI phone agent's languages (`PhoneLanguage`). */
export const PHONE_LANGUAGES = phoneLanguageValues;
/** The ElevenLabs default voices an AI phone agent may speak with (`ElevenLabsVoiceId`). */
export const ELEVENLABS_VOICE_IDS = elevenLabsVoiceIdValues;
/** Who speaks first on a call (`SpeaksFirst`). */
export const SPEAKS_FIRST = speaksFirstValues;
/** A training entry's types (`TrainingType`). */
export const TRAINING_TYPES = trainingTypeValues;
/** The `type` filter of `GET /insights/categories` (`InsightCategoryType`). */
export const INSIGHT_CATEGORY_TYPES = insightCategoryTypeValues;
/** `sort_by` of `POST /chat/sessions/filter`. */
export const FILTER_SORT_FIELDS = chatSessionFilterSort_byValues;
/** `sort_order` of `POST /chat/sessions/filter` (and `sortOrder` of `POST /insights`). */
export const SORT_ORDERS = chatSessionFilterSort_orderValues;

/** The values of a nullable enum of `InsightSearch`, without `null` (which means "no filter"). */
const insightEnum = <K extends "status" | "sortBy">(name: K) =>
  keyword("InsightSearch", name, "enum").filter((v) => v !== null) as unknown as readonly NonNullable<
    InsightSearch[K]
  >[];
/** `status` of `POST /insights`. */
export const INSIGHT_STATUSES = insightEnum("status");
/** `sortBy` of `POST /insights`. */
export const INSIGHT_SORT_FIELDS = insightEnum("sortBy");

/** The largest `page` (and `minSessions`, `insightNumber`) of `POST /insights`: 2^53 − 1. */
export const MAX_SAFE_NUMBER = keyword("InsightSearch", "page", "maximum");
/** The largest `limit` (sessions per page) of `POST /chat/sessions/filter`. */
export const FILTER_LIMIT_MAX = keyword("ChatSessionFilter", "limit", "maximum");
/** The largest `call_max_duration` of a new AI phone agent, in seconds. */
export const CALL_MAX_DURATION = keyword("PhoneAgentCreate", "call_max_duration", "maximum");
/** The longest `custom_id` of a sequence, in characters. */
export const CUSTOM_ID_MAX_LENGTH = keyword("SequenceCreate", "custom_id", "maxLength");
/** The pattern of a new AI phone agent's `area_code` (a 3-digit US area code). */
export const AREA_CODE = new RegExp(keyword("PhoneAgentCreate", "area_code", "pattern"), "u");
