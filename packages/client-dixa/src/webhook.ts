import { verifyTimestampedSignature } from "@cxkit/client-core";
import { WEBHOOK_EVENT_TYPES } from "./spec.js";
import type { DixaWebhookEvent, DixaWebhookEvents, WebhookEventType } from "./types.js";

/** Dixa's naming rule for `event_fqn`: the event type's words in upper case, joined by `_`. */
const fqnOf = (type: string) =>
  type.replace(/([a-z0-9])([A-Z])|([A-Z]+)([A-Z][a-z])/g, "$1$3_$2$4").toUpperCase();

/**
 * The `event_fqn` Dixa puts in each event type's payload (`ConversationCreated` → `CONVERSATION_CREATED`,
 * `SLAEvaluationPending` → `SLA_EVALUATION_PENDING`), for every event type of the spec.
 */
export const DIXA_EVENT_FQN = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => [type, fqnOf(type)]),
) as Readonly<Record<WebhookEventType, string>>;

export interface VerifyDixaWebhookOptions {
  /** Maximum age (and clock skew) of the signature's timestamp. Default 300 s. */
  toleranceSeconds?: number;
  /** Current time in ms (for tests). Default `Date.now()`. */
  now?: number;
}

/**
 * Verifies an `X-DIXA-SIGNATURE: t=<timestamp>,v1=<hex>` header: `v1` must be the HMAC-SHA256 of
 * `${t}.${rawBody}` keyed with the subscription's `secretKey` hex-decoded to bytes, and `t` must be within
 * `toleranceSeconds` of now. `t` is accepted in seconds and in milliseconds (Dixa's own example has a
 * 13-digit `t`). Pass the body exactly as received, before any JSON parsing. Never throws for a bad
 * header or body: it answers false. Throws a TypeError only when `secret` is not hex.
 */
export async function verifyDixaWebhook(
  rawBody: string | Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string,
  { toleranceSeconds = 300, now = Date.now() }: VerifyDixaWebhookOptions = {},
): Promise<boolean> {
  if (!signatureHeader) return false;
  const t = /(?:^|,)\s*t=\s*([0-9]+)\s*(?:,|$)/.exec(signatureHeader)?.[1];
  // A millisecond `t` is compared on a millisecond scale: the signed string keeps `t` as sent.
  const scale = t !== undefined && t.length >= 13 ? 1000 : 1;
  return verifyTimestampedSignature(rawBody, signatureHeader, secret, {
    toleranceSeconds: toleranceSeconds * scale,
    now: now * scale,
    secretEncoding: "hex",
  });
}

const FQN_TO_TYPE = new Map<string, WebhookEventType>(
  Object.entries(DIXA_EVENT_FQN).map(([type, fqn]) => [fqn, type as WebhookEventType]),
);

/** The event type of a payload, from its `event_fqn`; undefined for an event this client does not know. */
export const dixaEventType = (event: { event_fqn?: unknown }): WebhookEventType | undefined =>
  typeof event.event_fqn === "string" ? FQN_TO_TYPE.get(event.event_fqn) : undefined;

/**
 * Narrows a webhook payload to one event type by its `event_fqn`:
 * `if (isDixaEvent(event, "ConversationRated")) event.data.score`.
 */
export const isDixaEvent = <E extends WebhookEventType>(
  event: DixaWebhookEvent | { event_fqn?: unknown },
  type: E,
): event is DixaWebhookEvents[E] => event.event_fqn === DIXA_EVENT_FQN[type];
