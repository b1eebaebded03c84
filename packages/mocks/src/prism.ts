// Runs and supervises one Prism process. When it exits unbidden, it is restarted on a fresh port after a
// bounded back-off (0, 250, 500, 1000 ms…), with its last output logged; crashing `maxCrashes` times
// within `windowMs` ends supervision (state "failed", `onFatal`). Every Prism runs in its own process
// group (group signals reach only the front, which stops it) with parent-watch.cjs preloaded: it exits
// when the pipe on fd 3 closes, i.e. when the front dies, even by SIGKILL.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { type AddressInfo, connect } from "node:net";
import { join } from "node:path";
import type { MockConfig } from "./vendors.ts";

const require = createRequire(import.meta.url);

export interface RestartPolicy {
  /** This many unbidden exits within `windowMs` end supervision. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART: RestartPolicy = { maxCrashes: 5, windowMs: 60_000 };

export type BackendState = "starting" | "up" | "restarting" | "failed" | "stopped";

export interface BackendHealth {
  name: "prism";
  state: BackendState;
  pid?: number;
  /** Restarts that succeeded since the mock started. */
  restarts: number;
  upSince?: string;
  lastExit?: { code: number | null; signal: string | null; at: string; output: string };
}

export interface PrismOptions {
  logLevel?: "error" | "warn" | "info" | "debug";
  dynamic?: boolean;
  seed?: string;
  log: (line: string) => void;
  restart?: Partial<RestartPolicy>;
  onFatal?: (error: Error) => void;
}

const OUTPUT_KEPT = 4000;

export class Prism {
  /** Where Prism listens while it is up. */
  port: number | undefined;
  #child: ChildProcess | undefined;
  #state: BackendState = "starting";
  #restarts = 0;
  #crashes: number[] = [];
  #output = "";
  #upSince: number | undefined;
  #lastExit: BackendHealth["lastExit"];
  #timer: NodeJS.Timeout | undefined;
  readonly #policy: RestartPolicy;
  readonly config: MockConfig;
  readonly options: PrismOptions;

  constructor(config: MockConfig, options: PrismOptions) {
    this.config = config;
    this.options = options;
    this.#policy = { ...DEFAULT_RESTART, ...options.restart };
  }

  get state(): BackendState {
    return this.#state;
  }

  health(): BackendHealth {
    return {
      name: "prism",
      state: this.#state,
      pid: this.#state === "up" ? this.#child?.pid : undefined,
      restarts: this.#restarts,
      upSince: this.#upSince === undefined ? undefined : new Date(this.#upSince).toISOString(),
      lastExit: this.#lastExit,
    };
  }

  /** The first start; rejects with Prism's output if it does not come up. */
  async start(): Promise<void> {
    try {
      await this.#launch();
    } catch (error) {
      this.#state = "stopped";
      throw new Error(`${(error as Error).message}\n${this.#output}`);
    }
  }

  async #launch(): Promise<void> {
    this.#output = "";
    const port = await freePort();
    const child = spawnPrism(this.config, port, this.options);
    this.#child = child;
    const onOutput = (chunk: Buffer) => this.#onOutput(chunk.toString());
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    child.once("exit", (code, signal) => this.#onExit(child, code, signal));
    child.once("error", (error) => this.#onOutput(`spawn failed: ${error.message}\n`));
    try {
      await waitUntilListening(port, child);
    } catch (error) {
      child.kill("SIGKILL"); // hung before listening: its exit counts as a crash
      throw error;
    }
    if (this.#child !== child || this.#state === "stopped") return;
    [this.port, this.#state, this.#upSince] = [port, "up", Date.now()];
  }

  #onOutput(text: string) {
    this.#output = (this.#output + text).slice(-OUTPUT_KEPT);
    if (this.#state === "up") this.options.log(text); // start-up chatter is kept back
  }

  #onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    if (child !== this.#child) return;
    this.port = undefined;
    child.stdio[3]?.destroy();
    if (this.#state === "stopped" || this.#state === "starting") return; // on purpose, or start() rejects
    const now = Date.now();
    const output = this.#output.trimEnd() || "(no output)";
    this.#lastExit = { code, signal, at: new Date(now).toISOString(), output };
    this.#crashes = [...this.#crashes.filter((t) => now - t < this.#policy.windowMs), now];
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = `Its last output:\n${indent(output)}\n`;
    if (this.#crashes.length >= this.#policy.maxCrashes) return this.#giveUp(how, tail);
    const delay = backoff(this.#crashes.length);
    this.#state = "restarting";
    this.options.log(
      `Prism ${how}; restarting it in ${delay} ms (exit ${this.#crashes.length} of ${this.#policy.maxCrashes} ` +
        `allowed within ${this.#policy.windowMs / 1000} s). ${tail}`,
    );
    this.#timer = setTimeout(() => void this.#restart(), delay);
  }

  #giveUp(how: string, tail: string) {
    this.#state = "failed";
    const message =
      `Prism ${how}, unbidden exit ${this.#crashes.length} within ${this.#policy.windowMs / 1000} s: ` +
      `no more restarts. ${tail}`;
    this.options.log(message);
    this.options.onFatal?.(new Error(message));
  }

  async #restart() {
    const started = performance.now();
    try {
      await this.#launch();
      if (this.#state !== "up") return;
      this.#restarts++;
      const ms = Math.round(performance.now() - started);
      this.options.log(`Prism is back (pid ${this.#child?.pid}, ${ms} ms after the restart began)\n`);
    } catch {
      // it exited or was killed before listening: #onExit counted that and decides what next
    }
  }

  /** Stops Prism: SIGTERM, then SIGKILL after `graceMs`. Resolves true when SIGTERM sufficed. */
  async stop(graceMs = 2000): Promise<boolean> {
    this.#state = "stopped";
    clearTimeout(this.#timer);
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return true;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const clean = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (!clean) {
      child.kill("SIGKILL");
      await exited;
    }
    return clean;
  }
}

const backoff = (crashes: number) => (crashes <= 1 ? 0 : Math.min(250 * 2 ** (crashes - 2), 4000));
const indent = (text: string) =>
  text
    .split("\n")
    .map((line) => `  | ${line}`)
    .join("\n");

export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function spawnPrism(config: MockConfig, port: number, options: PrismOptions): ChildProcess {
  const prismBin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const preload = (name: string) => ["--require", join(import.meta.dirname, name)];
  const args = [...preload("loopback-guard.cjs"), ...preload("parent-watch.cjs"), prismBin, "mock"];
  args.push("--host", "127.0.0.1", "--port", String(port), "--errors");
  args.push("--verboseLevel", options.logLevel ?? "error");
  if (options.dynamic) args.push("--dynamic");
  if (options.seed !== undefined) args.push("--seed", options.seed);
  args.push(config.spec);
  // Prism 5.16 needs Node ≥ 24.18: run it on the same Node as this process.
  return spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, SCARF_ANALYTICS: "false", CXKIT_PARENT_FD: "3" },
  });
}

/** Waits until Prism accepts connections; a TCP probe, since any HTTP probe would be logged as an error. */
async function waitUntilListening(port: number, prism: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (prism.exitCode !== null || prism.signalCode !== null)
      throw new Error(`Prism exited (${prism.signalCode ?? `code ${prism.exitCode}`}) before it was ready`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket
        .once("error", () => resolve(false))
        .once("connect", () => {
          socket.destroy();
          resolve(true);
        });
      socket.unref();
      setTimeout(() => socket.destroy(), 1000).unref();
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("Prism did not listen within 60 s");
}
