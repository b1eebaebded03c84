export { examples } from "./generated/examples.js";
export {
  CHATSIGHT_MOCK_BASE_URL,
  type CommunityJobScenario,
  chatsightHttp,
  createChatsightHandlers,
} from "./handlers.js";
