// Supervision and signals: a killed Prism comes back (503 + Retry-After meanwhile, reported by
// /__cxkit/health), crashing again within the window is fatal; SIGTERM to `npm start`, SIGINT/SIGHUP to
// the CLI, SIGTERM to its process group and the death of npm stop every process and free the ports;
// SIGKILL of the CLI leaves no orphan. Each test starts Q°emotion only (the cheapest Prism) and stops,
// in `finally`/`afterEach`, whatever it started. Budgets are generous: they bound a hang, not a speed.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { type Health, startMock } from "../src/index.ts";
import { mockConfig, repoRoot } from "../src/vendors.ts";
import { alive, listening, waitFor } from "./support.ts";

const auth = { authorization: "Bearer qm-key" };
const BUDGET = 120_000; // a whole test: one or two Prism start-ups on a possibly busy machine

describe("supervision", () => {
  test(
    "a killed Prism is restarted (503 + Retry-After meanwhile); a second crash in the window is fatal",
    async () => {
      const lines: string[] = [];
      let fatal: Error | undefined;
      const mock = await startMock(mockConfig("qemotion"), {
        port: 0,
        log: (line) => lines.push(line),
        restart: { maxCrashes: 2, windowMs: 600_000 },
        onFatal: (error) => {
          fatal = error;
        },
      });
      try {
        const first = mock.health().backends[0]!;
        process.kill(first.pid!, "SIGKILL");
        // Prism needs a whole Node start-up to come back: the front is answering for it meanwhile.
        await waitFor(() => mock.health().status === "restarting", "the front sees Prism gone");
        const during = await fetch(`${mock.url}/projects`, { headers: auth });
        expect([during.status, during.headers.get("retry-after")]).toEqual([503, "1"]);
        expect(await during.json()).toEqual({ errors: [expect.stringMatching(/restarting/)] });
        const health503 = await fetch(`${mock.url}/__cxkit/health`);
        expect([health503.status, ((await health503.json()) as Health).status]).toEqual([503, "restarting"]);

        await waitFor(() => mock.health().status === "ok", "Prism back up", 60_000);
        const second = mock.health().backends[0]!;
        expect(second).toMatchObject({ state: "up", restarts: 1, lastExit: { signal: "SIGKILL" } });
        expect(second.pid).not.toBe(first.pid);
        expect((await fetch(`${mock.url}/projects`, { headers: auth })).status).toBe(200);
        const health = await fetch(`${mock.url}/__cxkit/health`);
        expect([health.status, ((await health.json()) as Health).backends[0]!.restarts]).toEqual([200, 1]);
        expect(lines.join("")).toMatch(
          /Prism was killed by SIGKILL; restarting it in 0 ms.*Its last output:/s,
        );
        expect(lines.join("")).toMatch(/Prism is back \(pid \d+, \d+ ms after the restart began\)/);

        process.kill(second.pid!, "SIGKILL");
        const error = await waitFor(() => fatal, "onFatal after the second crash");
        expect(error.message).toMatch(/unbidden exit 2 within 600 s: no more restarts/);
        const failed = await fetch(`${mock.url}/projects`, { headers: auth });
        expect([failed.status, failed.headers.get("retry-after")]).toEqual([503, null]);
        expect(((await (await fetch(`${mock.url}/__cxkit/health`)).json()) as Health).status).toBe("failed");
      } finally {
        await mock.close();
      }
    },
    BUDGET,
  );
});

describe("signals", () => {
  const started: ChildProcess[] = [];
  const pids: number[] = [];
  afterEach(() => {
    // Whatever a failed test left: its process group (npm, the CLI) and every pid it saw.
    for (const child of started.splice(0)) if (child.exitCode === null) kill(-child.pid!);
    for (const pid of pids.splice(0)) kill(pid);
  });

  const spawnTracked = (command: string, args: string[]) => {
    const child = spawn(command, args, {
      cwd: repoRoot,
      detached: true, // its own process group, so a group signal (and the clean-up) reaches it
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CXKIT_QEMOTION_PORT: "0" },
    });
    started.push(child);
    return child;
  };
  const cli = () =>
    spawnTracked(process.execPath, [join(repoRoot, "packages/mocks/dist/cli.js"), "qemotion", "--no-docs"]);
  // npm runs `start` without `prestart` (the build) here: the test task depends on the build already.
  const npmStart = () => spawnTracked("npm", ["start", "--ignore-scripts", "--", "qemotion", "--no-docs"]);

  /** Waits for the CLI's banner, then reads the pids and ports of the front and Prism from its health. */
  async function up(child: ChildProcess) {
    const url = await banner(child);
    const health = (await (await fetch(`${url}/__cxkit/health`)).json()) as Health;
    const prism = health.backends[0]!.pid!;
    pids.push(health.front.pid, prism);
    return { url, port: Number(new URL(url).port), front: health.front.pid, prism };
  }

  async function gone(mock: Awaited<ReturnType<typeof up>>) {
    const t0 = performance.now();
    await waitFor(
      async () => !alive(mock.front) && !alive(mock.prism) && !(await listening(mock.port)),
      "all stopped",
    );
    return performance.now() - t0;
  }

  test(
    "SIGTERM to `npm start` stops the CLI and Prism and frees the port; npm exits 0",
    async () => {
      const npm = npmStart();
      const mock = await up(npm);
      const exited = exitOf(npm);
      npm.kill("SIGTERM");
      expect(await exited).toEqual({ code: 0, signal: null });
      await gone(mock);
    },
    BUDGET,
  );

  test(
    "npm killed by SIGHUP (which it does not pass on): the CLI sees its parent gone and stops",
    async () => {
      const npm = npmStart();
      const mock = await up(npm);
      npm.kill("SIGHUP");
      await exitOf(npm);
      await gone(mock);
    },
    BUDGET,
  );

  test(
    "SIGKILL of the CLI leaves no orphan: Prism exits and its port is free",
    async () => {
      const child = cli();
      const mock = await up(child);
      const prismPort = await prismPortOf(mock.prism);
      child.kill("SIGKILL");
      await gone(mock);
      // Free, or already taken again by another test's process (ephemeral ports are reused): not ours.
      if (prismPort)
        await waitFor(
          async () => !(await listening(prismPort)) || !(await portHolders(prismPort)).includes(mock.prism),
          "Prism's port freed",
        );
    },
    BUDGET,
  );

  test.each([
    ["SIGINT", "the CLI"],
    ["SIGHUP", "the CLI"],
    ["SIGTERM", "its process group"],
  ] as const)(
    "%s to %s stops everything; the CLI exits 0 (a clean stop)",
    async (signal, to) => {
      const child = cli();
      const mock = await up(child);
      const exited = exitOf(child);
      if (to === "the CLI") child.kill(signal);
      else process.kill(-child.pid!, signal);
      expect(await exited).toEqual({ code: 0, signal: null });
      await gone(mock);
    },
    BUDGET,
  );
});

async function banner(child: ChildProcess): Promise<string> {
  let text = "";
  for await (const chunk of child.stdout!) {
    text += chunk;
    const url = /Q°emotion\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    if (url && /Press Ctrl-C/.test(text)) return url;
  }
  throw new Error(`no banner:\n${text}`);
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** The port Prism was told to listen on, from its command line (Linux /proc; undefined elsewhere). */
/** The pids holding a listening TCP socket on `port` (Linux: /proc/net/tcp{,6} and each process's fds). */
async function portHolders(port: number): Promise<number[]> {
  const { readFile, readdir, readlink } = await import("node:fs/promises");
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"])
    for (const line of (await readFile(table, "utf8").catch(() => "")).split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(hex) && f[3] === "0A") inodes.add(`socket:[${f[9]}]`);
    }
  const holders: number[] = [];
  for (const pid of (await readdir("/proc")).filter((d) => /^\d+$/.test(d))) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds)
      if (inodes.has(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ""))) {
        holders.push(Number(pid));
        break;
      }
  }
  return holders;
}

async function prismPortOf(pid: number): Promise<number | undefined> {
  const { readFile } = await import("node:fs/promises");
  const args = (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0");
  const port = args[args.indexOf("--port") + 1];
  return port ? Number(port) : undefined;
}

function kill(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}
