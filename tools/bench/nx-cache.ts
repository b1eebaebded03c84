// Cold vs cached `nx run-many -t build test`: once with --skip-nx-cache (every task runs), then the same
// command without it. Nx 24 does not store what a --skip-nx-cache run produced, so a plain run fills the
// cache first (it costs nothing when the cache already holds these tasks), and the next one is timed.
import { bin, nxSummary, timed } from "./process.ts";

export interface NxRun {
  seconds: number;
  nxSeconds?: number;
  hits?: number;
  tasks?: number;
}

export async function nxBuildTest(): Promise<{ cold: NxRun; cached: NxRun }> {
  const args = ["run-many", "-t", "build", "test", "--outputStyle=static"];
  const run = async (extra: string[]): Promise<NxRun> => {
    const { seconds, output } = await timed(bin("nx"), [...args, ...extra], { timeoutMs: 900_000 });
    const s = nxSummary(output);
    return { seconds, nxSeconds: s.runSeconds, hits: s.hits, tasks: s.tasks };
  };
  const cold = await run(["--skip-nx-cache"]);
  await run([]);
  const cached = await run([]);
  return { cold, cached };
}
