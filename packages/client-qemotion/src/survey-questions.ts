/**
 * Q°emotion's default survey questions by connotation and language, as documented. A verbatim that
 * answers one of them (or a question configured on the project) is analysed more precisely.
 * The spec carries the same list under `info.x-cxkit-survey-questions`; a test keeps the two equal.
 */
export const SURVEY_QUESTIONS = {
  negative: {
    en: ["Why are you unsatisfied?", "Please explain why you wouldn't be ready to recommend us?"],
    fr: ["Pourquoi êtes-vous insatisfait(e)?", "Pourquoi ne souhaitez-vous pas recommander?"],
  },
  positive: {
    en: ["Why are you satisfied?", "Please explain why you would be ready to recommend us?"],
    fr: ["Pourquoi êtes-vous satisfait(e) ?", "Pourquoi seriez-vous prêt(e) à recommander ?"],
  },
} as const;
