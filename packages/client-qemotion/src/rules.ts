// Q°emotion's request rules that a JSON Schema cannot express, keyed "METHOD /path" like the generated
// operations; client-core runs them after the spec's own constraints (src/generated/vendor.ts), in the
// client before the network and in the MSW handlers (@cxkit/mock-qemotion).
//
// None today. Everything the Q°emotion documentation states about a request is a schema keyword in
// specs/qemotion/openapi.yaml — text length (code points), `lang`, the `creation_date` forms,
// `configuration_id` as an integer or a numeric string, the external ids required with
// `conversation_id` (`if`/`then`), at most 20 `informations`, integer scores — so it is checked from
// there. Bulk uploads being all-or-nothing is a flow (src/bulk.ts), not a rule.
//
// To add one: write `"POST /projects/{projectId}/verbatims": (call) => [...]`, returning the broken rules
// as `{ field, message }` with the field as the caller wrote it (`body.creation_date`) and a plain-word
// message, and give it one refusing and one accepted case in test/client.test.ts.
import type { Rule } from "@cxkit/client-core";

export const QEMOTION_RULES: Record<string, Rule> = {};
