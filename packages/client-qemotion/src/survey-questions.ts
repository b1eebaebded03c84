import { extensions } from "./generated/vendor.js";

const { description: _, ...questions } = extensions.surveyQuestions;

/**
 * Q°emotion's default survey questions by connotation and language, as documented (the spec's
 * `info.x-cxkit-survey-questions`). A verbatim that answers one of them (or a question configured on
 * the project) is analysed more precisely.
 */
export const SURVEY_QUESTIONS: Omit<typeof extensions.surveyQuestions, "description"> = questions;
