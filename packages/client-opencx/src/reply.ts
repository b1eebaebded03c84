import type { AutopilotReply, ChatMessageReply, LegacyAiReply } from "./types.js";

/** True for the 2024 reply shape `{ai_response: {text, error?}}`. */
export const isLegacyReply = (reply: ChatMessageReply): reply is LegacyAiReply => "ai_response" in reply;

/** True for the current reply shape `{success, data: {autopilotResponse, …}}`. */
export const isAutopilotReply = (reply: ChatMessageReply): reply is AutopilotReply =>
  "data" in reply && typeof reply.data === "object" && reply.data !== null;

/**
 * The AI agent's answer text from `sendChatMessage`, whichever of the two documented shapes the API
 * answered with; `undefined` when the AI gave no answer (handed off, failed, or nothing to say).
 */
export function replyText(reply: ChatMessageReply): string | undefined {
  if (isLegacyReply(reply)) return reply.ai_response.error ? undefined : reply.ai_response.text;
  const answer = reply.data.autopilotResponse;
  return answer && !answer.value.error ? answer.value.content : undefined;
}
