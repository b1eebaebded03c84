// Flows Prism cannot keep state for, answered by the vendor's own MSW handlers once Prism has validated
// the request (see server.ts). Chatsight's community query job walks Provisioning → In Progress → Finished
// over successive status checks, and its results are there only once it has finished.
import { createChatsightHandlers } from "@cxkit/mock-chatsight";
import type { RequestHandler } from "msw";

const JOB = "/insights/community/query";

export const statefulHandlers: Record<string, (baseUrl: string) => RequestHandler[]> = {
  chatsight: (baseUrl) =>
    createChatsightHandlers(baseUrl).filter((h) => String((h.info as { path?: unknown }).path).includes(JOB)),
};
