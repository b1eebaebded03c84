// Dixa's servers, read off the generated facts alone (no constraints), so the client's first chunk
// carries nothing it does not run.
import { vendor } from "./generated/vendor.js";

/** The last path segment of a server URL: `https://dev.dixa.io/v1` → `v1`. */
type LastSegment<S extends string> = S extends `${string}/${infer R}` ? LastSegment<R> : S;
/** The API versions Dixa serves (the spec's servers); both expose the same paths (see `x-cxkit-versions`). */
export type DixaVersion = LastSegment<(typeof vendor.servers)[number]["url"]>;
/** Each version's base URL, in the spec's order (`v1` first). */
export const DIXA_BASE_URLS = Object.fromEntries(
  vendor.servers.map((s) => [s.url.slice(s.url.lastIndexOf("/") + 1), s.url]),
) as Readonly<Record<DixaVersion, string>>;
/** The spec's first server: `https://dev.dixa.io/v1`. */
export const DIXA_BASE_URL: string = vendor.servers[0].url;
/** The host every version is served from. */
export const DIXA_ORIGIN: string = new URL(DIXA_BASE_URL).origin;
