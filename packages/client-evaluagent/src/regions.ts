// EvaluAgent's regional clusters, read off the generated facts alone (no constraints), so the client's
// first chunk carries nothing it does not run.
import { vendor } from "./generated/vendor.js";

type ServerUrl = (typeof vendor.servers)[number]["url"];
/** A cluster's name is the label of its host (`api.us-east.evaluagent.com`); the unlabelled host is "eu". */
type RegionOf<U> = U extends `https://api.${infer R}.evaluagent.com/${string}` ? R : "eu";
export type EvaluagentRegion = RegionOf<ServerUrl>;
const regionOf = (url: string) => /^https:\/\/api\.(.+)\.evaluagent\.com\//.exec(url)?.[1] ?? "eu";

/** EvaluAgent's regional clusters (the spec's `servers`): an account can only be reached through its own. */
export const EVALUAGENT_REGIONS = Object.fromEntries(
  vendor.servers.map((s) => [regionOf(s.url), s.url]),
) as Readonly<Record<EvaluagentRegion, ServerUrl>>;
