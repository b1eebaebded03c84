// Codegen time per spec. Cold: `node tools/codegen.ts <vendor> types --check` in a fresh process, no
// cache: it bundles the spec and generates the types exactly as the `generate` target does, then
// compares them with the committed file instead of writing it (so a run never touches the tree others
// may be reading). Nx-cached: `nx run @cxkit/client-<vendor>:generate` once to fill the cache, then timed
// a second time, which must be a cache hit.
import { median } from "../../packages/client-core/bench/measure.ts";
import { bin, nodeBin, nxSummary, timed } from "./process.ts";
import { VENDORS, type Vendor } from "./vendors.ts";

export interface CodegenResult {
  vendor: Vendor;
  coldSeconds: number;
  cachedSeconds: number;
  /** Nx's own "Run duration" of the cached run: restoring from cache, without Nx's start-up. */
  cachedNxSeconds?: number;
  cacheHit: boolean;
}

export async function codegen(repeats: number): Promise<CodegenResult[]> {
  const results: CodegenResult[] = [];
  for (const vendor of VENDORS) {
    const cold: number[] = [];
    for (let i = 0; i < repeats; i++)
      cold.push((await timed(nodeBin, ["tools/codegen.ts", vendor, "types", "--check"])).seconds);
    const nxArgs = ["run", `@cxkit/client-${vendor}:generate`, "--outputStyle=static"];
    await timed(bin("nx"), nxArgs);
    const cached = await timed(bin("nx"), nxArgs);
    const nx = nxSummary(cached.output);
    results.push({
      vendor,
      coldSeconds: median(cold),
      cachedSeconds: cached.seconds,
      cachedNxSeconds: nx.runSeconds,
      cacheHit: nx.hits !== undefined && nx.hits === nx.tasks,
    });
  }
  return results;
}
