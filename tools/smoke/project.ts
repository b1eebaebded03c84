// Shared by the smokes (tools/smoke.ts): a fresh temporary npm project that installs `npm pack` tarballs
// of workspace packages, and cleanup that runs however a smoke ends — success, failure, its time limit
// or a signal — so no temp dir and no process is left behind.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const repoRoot = join(import.meta.dirname, "../..");
/** Preloaded into every process a smoke runs: refuses any connection that is not to loopback. */
export const loopbackGuard = join(repoRoot, "packages/mocks/src/loopback-guard.cjs");

const cleanups: (() => void)[] = [];
/** Registers synchronous cleanup, run (last registered first) by `cleanup()` or when the smoke is cut short. */
export function onCleanup(fn: () => void): void {
  cleanups.push(fn);
}
export function cleanup(): void {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}

/** A hard limit for the whole smoke; on expiry or SIGINT/SIGTERM it cleans up and exits 1. */
export function limitRun(label: string, ms: number): void {
  const abort = (why: string) => {
    console.error(`smoke ${label}: ${why}`);
    // Whatever this process started and has not stopped yet (a mock's Prism, a CLI, a browser) goes too.
    let children = "";
    try {
      children = execFileSync("ps", ["-o", "pid=", "--ppid", String(process.pid)], { encoding: "utf8" });
    } catch {} // ps exits 1 when there is no child left
    for (const pid of children.split("\n").map(Number).filter(Boolean)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {} // ps itself, gone already
    }
    cleanup();
    process.exit(1);
  };
  setTimeout(() => abort(`gave up after ${ms / 1000} s`), ms).unref();
  process.once("SIGINT", () => abort("interrupted"));
  process.once("SIGTERM", () => abort("terminated"));
}

export interface Project {
  dir: string;
  run(cmd: string, args: string[], options?: { cwd?: string; timeoutMs?: number }): string;
  /** `npm pack` each workspace package (path relative to the repository) into the project; returns the tarballs. */
  pack(packages: string[]): string[];
  /** `npm install` the tarballs (and registry specs), then checks every @cxkit package came from a tarball. */
  install(specs: string[]): void;
}

export function createProject(label: string): Project {
  const dir = mkdtempSync(join(tmpdir(), `cxkit-smoke-${label}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "smoke", private: true, type: "module" }));
  const run: Project["run"] = (cmd, args, options = {}) =>
    execFileSync(cmd, args, {
      cwd: options.cwd ?? dir,
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      timeout: options.timeoutMs ?? 120_000,
      killSignal: "SIGKILL",
    });
  return {
    dir,
    run,
    pack: (packages) =>
      packages.map((pkg) => {
        const [packed] = JSON.parse(
          run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: join(repoRoot, pkg) }),
        );
        return join(dir, packed.filename);
      }),
    install(specs) {
      run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", ...specs], {
        timeoutMs: 300_000,
      });
      // A dependency between two packed packages must be met by the tarball, never by the registry.
      const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as {
        packages: Record<string, { resolved?: string; link?: boolean }>;
      };
      const ours = Object.entries(lock.packages).filter(([path]) => path.includes("node_modules/@cxkit/"));
      const elsewhere = ours.filter(([, entry]) => !entry.resolved?.startsWith("file:"));
      if (ours.length === 0 || elsewhere.length)
        throw new Error(
          `expected every @cxkit package from a packed tarball; not so: ${elsewhere.map(([path]) => path).join(", ") || "(none installed)"}`,
        );
    },
  };
}

/** The version range a workspace package declares for a dependency (what a user would install beside it). */
export function dependencyRange(pkg: string, dependency: string): string {
  const json = JSON.parse(readFileSync(join(repoRoot, pkg, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const range = json.dependencies?.[dependency];
  if (!range) throw new Error(`${pkg} does not depend on ${dependency}`);
  return range;
}
