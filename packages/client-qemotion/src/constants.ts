// Constants users import, read off the generated modules (src/generated/): never written again here.
import type { SchemaObject } from "@cxkit/client-core";
import { schemas } from "./generated/constraints.js";
import { languageValues } from "./generated/openapi.js";

const property = (name: string) =>
  ((schemas.VerbatimInput as SchemaObject).properties?.[name] ?? {}) as SchemaObject;

/** The languages Q°emotion analyses (the spec's `Language` enum). */
export const LANGUAGES = languageValues;
/** `VerbatimInput.text`'s `maxLength` (code points); `Infinity` if the spec sets none. */
export const TEXT_MAX_LENGTH: number = property("text").maxLength ?? Number.POSITIVE_INFINITY;
/** `VerbatimInput.informations`' `maxProperties`; `Infinity` if the spec sets none. */
export const INFORMATIONS_MAX_ENTRIES: number =
  property("informations").maxProperties ?? Number.POSITIVE_INFINITY;
/** `VerbatimInput.creation_date`'s pattern: `YYYY-MM-DD`, or a date-time with optional fraction and zone. */
export const CREATION_DATE_PATTERN = new RegExp(property("creation_date").pattern ?? "", "u");
