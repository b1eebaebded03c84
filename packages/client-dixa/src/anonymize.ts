import { pollUntil, unwrap } from "@cxkit/client-core";
import type { DixaClient } from "./client.js";
import type { AnonymizationRequest } from "./types.js";

/** What to anonymize: an end user, a whole conversation, or one message of a conversation. */
export type AnonymizationTarget =
  | { _type: "User"; userId: string }
  | { _type: "Conversation"; conversationId: number }
  | { _type: "Message"; conversationId: number; messageId: string };

export interface AnonymizeOptions {
  /** Anonymize even when Dixa would refuse (e.g. a conversation that is still open). */
  force?: boolean;
  /** Cancels the helper: the request in flight and the wait between status checks. */
  signal?: AbortSignal;
  /** First delay between status checks; grows 1.5× per check up to 30 s. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Gives up (TimeoutError, scope "poll") after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** Called with the request after every status check that is still pending. */
  onStatus?: (request: AnonymizationRequest) => void;
}

/**
 * Requests the anonymization of an end user, a conversation or a message, then polls the anonymization
 * request (`getAnonymizationRequest`) until Dixa reports it processed (`processedAt` set), and returns it.
 * Anonymization cannot be undone; aborting stops the waiting, not the request Dixa already accepted.
 */
export async function anonymizeAndWait(
  client: DixaClient,
  target: AnonymizationTarget,
  options: AnonymizeOptions = {},
): Promise<AnonymizationRequest> {
  const { signal, force, pollIntervalMs = 2000, timeoutMs = 10 * 60_000, onStatus } = options;
  const init = { ...(signal ? { signal } : {}) };
  const query = force === undefined ? {} : { force };
  const started =
    target._type === "User"
      ? client.PATCH("/endusers/{userId}/anonymize", {
          params: { path: { userId: target.userId }, query },
          ...init,
        })
      : target._type === "Conversation"
        ? client.PATCH("/conversations/{conversationId}/anonymize", {
            params: { path: { conversationId: target.conversationId }, query },
            ...init,
          })
        : client.PATCH("/conversations/{conversationId}/messages/{messageId}/anonymize", {
            params: { path: { conversationId: target.conversationId, messageId: target.messageId } },
            ...init,
          });
  const { data: request } = await unwrap(started);
  if (request.processedAt) return request;
  return pollUntil(
    async (s) =>
      (
        await unwrap(
          client.GET("/anonymization/request/{requestId}", {
            params: { path: { requestId: request.id } },
            signal: s,
          }),
        )
      ).data,
    {
      isDone: (r) => Boolean(r.processedAt),
      intervalMs: pollIntervalMs,
      backoff: 1.5,
      timeoutMs,
      ...(signal ? { signal } : {}),
      ...(onStatus ? { onStatus: (r: AnonymizationRequest) => onStatus(r) } : {}),
    },
  );
}
