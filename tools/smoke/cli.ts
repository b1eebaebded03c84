// The smoke of @cxkit/mocks as `npx @cxkit/mocks` gives it: the package (with its runtime dependencies:
// every vendor's client, whose spec module the front validates with, and @cxkit/mock-chatsight) is packed
// and installed from tarballs into a fresh project,
// its `cxkit-mocks` bin is run through its own link and shebang on the project's pinned Node, and the mock
// and API reference it prints must answer; SIGTERM must stop it, its Prism included, with exit code 0.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { mockConfigs } from "../../packages/mocks/src/vendors.ts";
import { createProject, onCleanup } from "./project.ts";

export async function cliSmoke(): Promise<string> {
  const project = createProject("mocks");
  const tarballs = project.pack([
    "packages/client-core",
    ...mockConfigs().map((c) => `packages/client-${c.vendor}`),
    "mocks/chatsight",
    "packages/mocks",
  ]);
  project.install(tarballs);

  // `#!/usr/bin/env node` must find the pinned Node 24 (Prism needs ≥ 24.18), so it goes first on PATH.
  const bin = join(project.dir, "node_modules/.bin/cxkit-mocks");
  const cli = spawn(bin, ["qemotion", "--port", "0", "--docs-port", "0"], {
    cwd: project.dir,
    env: { ...process.env, PATH: `${join(process.execPath, "..")}:${process.env.PATH}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so everything it started can be checked for and stopped
  });
  const group = cli.pid!;
  onCleanup(() => killGroup(group));
  const exited = once(cli, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  exited.catch(() => {}); // awaited later; a spawn error surfaces through readUntil
  let stderr = "";
  cli.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });

  const printed = await readUntil(cli, "Press Ctrl-C to stop.", 90_000, () => stderr);
  const row = /Q°emotion\s+(http:\/\/127\.0\.0\.1:\d+)\s+(http:\/\/127\.0\.0\.1:\d+\/qemotion\/)/.exec(
    printed,
  );
  if (!row) throw new Error(`cxkit-mocks printed no Q°emotion row:\n${printed}`);
  const [, mockUrl, referenceUrl] = row as unknown as [string, string, string];

  const projects = await get(`${mockUrl}/projects`, { authorization: "Bearer x" });
  if (projects.status !== 200) throw new Error(`GET /projects answered ${projects.status}: ${projects.body}`);
  const names = (JSON.parse(projects.body) as { name: string }[]).map((p) => p.name);
  if (names.length === 0) throw new Error("GET /projects answered no project");
  const anonymous = await get(`${mockUrl}/projects`);
  if (anonymous.status !== 401) throw new Error(`GET /projects without a key answered ${anonymous.status}`);
  const reference = await get(referenceUrl);
  if (
    reference.status !== 200 ||
    !reference.type.startsWith("text/html") ||
    !reference.body.includes("/projects")
  )
    throw new Error(`the API reference answered ${reference.status} ${reference.type}`);

  cli.kill("SIGTERM");
  const [code, signal] = await within(exited, 30_000, () => "cxkit-mocks did not exit after SIGTERM");
  if (code !== 0) throw new Error(`cxkit-mocks exited with ${code ?? signal} after SIGTERM:\n${stderr}`);
  if (groupAlive(group)) throw new Error("cxkit-mocks exited but left a process behind (Prism?)");
  const closed = await get(`${mockUrl}/projects`).then(
    () => false,
    () => true,
  );
  if (!closed) throw new Error("the mock still answers after cxkit-mocks exited");
  const kb = (reference.body.length / 1024).toFixed(0);
  return (
    `ok: installed cxkit-mocks served ${mockUrl}/projects (200: ${names.join(", ")}; 401 without a key) ` +
    `and ${referenceUrl} (200, ${kb} kB); SIGTERM → exit 0, nothing left running`
  );
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    body: await response.text(),
  };
}

async function readUntil(child: ChildProcess, marker: string, ms: number, stderr: () => string) {
  // Keeps reading after the marker, so later output never meets a closed pipe.
  let text = "";
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      text += chunk;
      if (text.includes(marker)) resolve(text);
    });
    child.once("exit", () => reject(new Error(`cxkit-mocks stopped before it was up:\n${text}${stderr()}`)));
  });
  return within(ready, ms, () => `cxkit-mocks was not up:\n${text}${stderr()}`);
}

async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message()} (after ${ms / 1000} s)`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(group: number): void {
  try {
    process.kill(-group, "SIGKILL");
  } catch {} // gone already
}
