// The Chatsight spec as run-time data, read off the generated module (src/generated/vendor.ts). Kept
// apart from the derived constants (constants.ts) so that a client pulls in nothing it does not run.
import type { VendorSpec } from "@cxkit/client-core";
import { operations, schemas } from "./generated/constraints.js";
import { vendor } from "./generated/vendor.js";

/** Servers, auth, the stats search's rate limit, error shape and every operation's request constraints. */
export const CHATSIGHT_SPEC: VendorSpec = { vendor, operations, schemas };

/** The spec's first server. */
export const CHATSIGHT_BASE_URL: string = vendor.servers[0].url;
