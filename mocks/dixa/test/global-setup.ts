import { mockGlobalSetup } from "../../../tools/testing/mock-global-setup.ts";

export default mockGlobalSetup("dixa");
