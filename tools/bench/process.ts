// Timing whole commands: wall time of a child process, from spawn to exit.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { root } from "./vendors.ts";

export interface Timed {
  seconds: number;
  output: string;
}

export const nodeBin = process.execPath;
export const bin = (name: string) => join(root, "node_modules", ".bin", name);

/** Runs `command` in the repository, fails with its output on a non-zero exit, returns its wall time. */
export function timed(command: string, args: string[], options: { timeoutMs?: number } = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NX_TUI: "false", FORCE_COLOR: "0" },
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += d;
    });
    child.stderr.on("data", (d) => {
      output += d;
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 600_000);
    child.once("error", reject);
    child.once("close", (status) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      if (status === 0) resolve({ seconds, output });
      else reject(new Error(`${command} ${args.join(" ")} exited with ${status}:\n${output.slice(-4000)}`));
    });
  });
}

/** Nx's own figures from a run's summary: run duration (s) and cache hits. */
export function nxSummary(output: string): { runSeconds?: number; hits?: number; tasks?: number } {
  const run = /Run duration:\s+([\d.]+)\s*(ms|s|m)\b/.exec(output);
  const unit = run?.[2] === "ms" ? 0.001 : run?.[2] === "m" ? 60 : 1;
  const cache = /Cache:\s+(\d+)\/(\d+) hit/.exec(output);
  const readFromCache = /for (\d+) out of (\d+) tasks/.exec(output);
  return {
    runSeconds: run ? Number(run[1]) * unit : undefined,
    hits: cache ? Number(cache[1]) : readFromCache ? Number(readFromCache[1]) : undefined,
    tasks: cache ? Number(cache[2]) : readFromCache ? Number(readFromCache[2]) : undefined,
  };
}
