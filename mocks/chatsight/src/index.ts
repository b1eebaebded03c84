export { examples } from "./generated/examples.js";
export {
  CHATSIGHT_MOCK_BASE_URL,
  type CommunityJobScenario,
  chatsightHttp,
  createChatsightHandlers,
  DOCUMENTED_JOB_ID,
} from "./handlers.js";
