// `npm run bench:mocks`: load and soak check of every mock (not a test). Each vendor's mock runs as users
// run it (the built cxkit-mocks CLI, in its own process).
// - Load: autocannon drives one GET from this process at 10 and 50 connections on loopback, through the
//   front (request journal on, as by default), through a front with `--journal-size 0` (journal off) and,
//   for comparison, against a bare Prism serving the same bundled spec: req/s and latency.
// - Journal on/off: alternating rounds (on, off, off, on…) at 10 connections, so other load on a shared
//   machine weighs on both alike: the median req/s of each, the on/off ratio of each pair (median and
//   spread), the front's CPU time per request at a fixed offered rate (/proc/<pid>/stat: the same work
//   for both, little sensitive to how busy the machine is), and the front's heap and RSS after a forced GC with the journal full (each front runs with
//   --expose-gc and a preload that answers SIGUSR2 with gc() and process.memoryUsage()).
// - Proxy: `cxkit-mocks proxy dixa` in front of a local upstream (its own process, answering the spec's
//   example for GET /agents): p50 through the proxy against p50 of the upstream alone.
// - Soak: 10,000 requests at 50 connections cycling through valid, invalid and hostile ones (each with the
//   status class it must get), while raw sockets send broken HTTP (bad framing, non-HTTP bytes, huge
//   headers, bodies that stop half-way). Reports unexpected answers and errors (must be 0), latency, the
//   peak RSS of the front and of Prism (Linux VmHWM), and Prism's restarts (must be 0).
// Usage: node tools/bench/mocks-load.ts [seconds] [vendor...] [--rounds N] [--rate R] [--journal-only]
//   --journal-only: only the journal on/off rows and the in-process journal cost (the quick mode).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import autocannon from "autocannon";
import { sampleAuthHeaders } from "../../packages/mocks/src/docs.ts";
import { Journal } from "../../packages/mocks/src/journal.ts";
import { freePort, type Health } from "../../packages/mocks/src/server.ts";
import type { MockConfig, mockConfigs } from "../../packages/mocks/src/vendors.ts";
import { caseOf, type Vendor } from "./vendors.ts";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "../..");
const args = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: "string", default: "6" },
    rate: { type: "string", default: "400" },
    "journal-only": { type: "boolean", default: false },
  },
});
const seconds = Number(args.positionals[0] ?? 4);
const only = args.positionals.slice(1);
const ROUNDS = Math.max(2, Number(args.values.rounds));
const RATE = Number(args.values.rate);
const journalOnly = args.values["journal-only"];
const CLK_TCK = 100; // Linux's USER_HZ, the unit of /proc/<pid>/stat's utime and stime (getconf CLK_TCK)
const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const loadAtStart = loads();
const cli = join(root, "packages/mocks/dist/cli.js");
const SOAK_REQUESTS = 10_000;
const SOAK_CONNECTIONS = 50;

async function started(child: ChildProcess, ready: RegExp): Promise<string> {
  let text = "";
  for await (const chunk of child.stdout!) {
    text += chunk;
    const match = ready.exec(text);
    if (match) return match[1]!;
  }
  throw new Error(`did not start:\n${text}`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}

/** `rate`: a fixed offered load (req/s over all connections) instead of as fast as the server answers. */
async function load(url: string, headers: Record<string, string>, connections: number, rate?: number) {
  const result = await autocannon({
    ...{ url, headers, connections, duration: seconds, pipelining: 1 },
    ...(rate && { overallRate: rate }),
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    bad: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc/<pid>/stat). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime, stime: fields 14, 15
}

// Loaded into each measured front (`--import`): on SIGUSR2, a full GC, then its memory written to a file.
const heapProbe = `data:text/javascript,${encodeURIComponent(
  `process.on("SIGUSR2", () => { globalThis.gc(); globalThis.gc(); process.getBuiltinModule("node:fs").writeFileSync(process.env.CXKIT_BENCH_HEAP, JSON.stringify(process.memoryUsage())); });`,
)}`;
const probeDir = mkdtempSync(join(tmpdir(), "cxkit-bench-"));

/** The front's heap and RSS in MB after a forced GC (asks its heap probe, waits for the file). */
async function heapAfterGc(child: ChildProcess, file: string): Promise<{ heap: number; rss: number }> {
  rmSync(file, { force: true });
  child.kill("SIGUSR2");
  for (let i = 0; i < 600; i++) {
    try {
      const m = JSON.parse(readFileSync(file, "utf8")) as NodeJS.MemoryUsage;
      return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("the front's heap probe did not answer");
}

/** The heap after GC of a front with its journal full, then of the same front with it cleared
 * (`DELETE /__cxkit/requests`): the difference is what the journal holds. Measured once the last
 * round's connections are gone (the front closes idle keep-alive connections after 5 s). */
async function journalHeap(front: Front) {
  await new Promise((r) => setTimeout(r, 6000));
  // Entries are formatted when first read: read them all, so the journal is measured as kept after.
  await (await fetch(`${front.url}/__cxkit/requests?limit=1`)).text();
  const full = await heapAfterGc(front.child, front.heapFile);
  await (await fetch(`${front.url}/__cxkit/requests`, { method: "DELETE" })).text();
  return [full, await heapAfterGc(front.child, front.heapFile)] as const;
}

function spawnPrism(config: MockConfig, port: number) {
  const bin = require.resolve("@stoplight/prism-cli/dist/index.js");
  const args = [bin, "mock", "-p", String(port), "--errors", "-v", "error", config.spec];
  return spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, SCARF_ANALYTICS: "false" },
  });
}

async function untilAnswering(url: string) {
  const answers = async () => {
    const res = await fetch(url).catch(() => undefined);
    await res?.body?.cancel();
    return res !== undefined;
  };
  for (let i = 0; i < 300 && !(await answers()); i++) await new Promise((r) => setTimeout(r, 100));
}

interface Front {
  child: ChildProcess;
  url: string;
  heapFile: string;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const pct = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)}%`;

/** Journal on against off at 10 connections, `ROUNDS` pairs of alternating rounds (on, off, off, on…):
 * - throughput, as fast as each answers: median req/s of each, and the on/off ratio of each pair
 *   (median, min … max), since a pair's two rounds saw about the same other load;
 * - the front's CPU time per request at a fixed offered rate (`--rate`, below either's saturation), in
 *   rounds of their own: the same work for both, so how busy the machine is matters little (at
 *   saturation a slower server batches less per event-loop turn and costs more CPU per request anyway);
 *   CPU summed over all rounds of each, divided by their requests, with the rounds' min … max;
 * - the front's heap and RSS after a forced GC, the journal full (every entry read once, as formatted). */
async function journalOverhead(config: MockConfig, on: Front, off: Front, headers: Record<string, string>) {
  const path = config.tryPath ?? "/";
  const rps: Record<"on" | "off", number[]> = { on: [], off: [] };
  const cpu: Record<"on" | "off", { ms: number; requests: number }[]> = { on: [], off: [] };
  // Each front's Prism too: the journal's share of all the CPU a request costs is what bounds throughput.
  const prismCpu: Record<"on" | "off", { ms: number; requests: number }[]> = { on: [], off: [] };
  const prismOf = async (front: Front) =>
    ((await (await fetch(`${front.url}/__cxkit/health`)).json()) as Health).backends[0]!.pid!;
  const prismPids = { on: await prismOf(on), off: await prismOf(off) };
  for (const front of [on, off]) await load(`${front.url}${path}`, headers, 10); // warm-up, not counted
  for (let i = 0; i < ROUNDS; i++) {
    // Which goes first alternates from pair to pair (on, off, off, on…): a round that follows another's
    // saturated one starts on a machine still settling, and that must not always be the same one.
    const order = (i % 2 ? [off, on] : [on, off]).map((f) => [f === on ? "on" : "off", f] as const);
    for (const [which, front] of order) {
      const r = await load(`${front.url}${path}`, headers, 10);
      if (r.bad) throw new Error(`${config.vendor}: ${r.bad} non-2xx/errors with the journal ${which}`);
      rps[which].push(r.rps);
    }
    for (const [which, front] of order) {
      const [before, prismBefore] = [cpuMs(front.child.pid!), cpuMs(prismPids[which])];
      const r = await load(`${front.url}${path}`, headers, 10, RATE);
      cpu[which].push({ ms: cpuMs(front.child.pid!) - before, requests: r.total });
      prismCpu[which].push({ ms: cpuMs(prismPids[which]) - prismBefore, requests: r.total });
    }
  }
  const pairs = rps.on.map((a, i) => a / rps.off[i]!);
  const perRequest = (xs: { ms: number; requests: number }[]) =>
    (xs.reduce((n, x) => n + x.ms, 0) * 1000) / xs.reduce((n, x) => n + x.requests, 0);
  const spread = (xs: { ms: number; requests: number }[]) => {
    const each = xs.map((x) => (x.ms * 1000) / x.requests);
    return `${Math.min(...each).toFixed(0)} … ${Math.max(...each).toFixed(0)}`;
  };
  const [cpuOn, cpuOff] = [perRequest(cpu.on), perRequest(cpu.off)];
  const [prismOn, prismOff] = [perRequest(prismCpu.on), perRequest(prismCpu.off)];
  const [memOn, memCleared] = await journalHeap(on);
  const memOff = await heapAfterGc(off.child, off.heapFile);
  const row = [
    config.title,
    `${median(rps.on)} / ${median(rps.off)}`,
    `${pct(median(pairs))} (${pct(Math.min(...pairs))} … ${pct(Math.max(...pairs))})`,
    `${cpuOn.toFixed(0)} (${spread(cpu.on)}) / ${cpuOff.toFixed(0)} (${spread(cpu.off)})`,
    pct(cpuOn / cpuOff),
    `${prismOn.toFixed(0)} / ${prismOff.toFixed(0)}`,
    pct((cpuOn + prismOn) / (cpuOff + prismOff)),
    `${memOn.heap.toFixed(1)} / ${memCleared.heap.toFixed(1)} / ${memOff.heap.toFixed(1)}`,
    `${memOn.rss.toFixed(0)} / ${memOff.rss.toFixed(0)}`,
  ];
  console.error(row.join("  "), `on ${rps.on.join(" ")} | off ${rps.off.join(" ")}`);
  return row;
}

/** The load rows: front (journal on, then off) and bare Prism, at 10 and 50 connections. */
async function loadRows(config: MockConfig, url: string, offUrl: string, headers: Record<string, string>) {
  const path = config.tryPath ?? "/";
  const base = config.basePaths?.find((b) => path.startsWith(`${b}/`)) ?? "";
  const prismPort = await freePort();
  const prism = spawnPrism(config, prismPort);
  const rows: string[][] = [];
  try {
    await untilAnswering(`http://127.0.0.1:${prismPort}/`);
    for (const [target, label] of [
      [`${url}${path}`, "cxkit mock (front + Prism)"],
      [`${offUrl}${path}`, "cxkit mock, journal off"],
      [`http://127.0.0.1:${prismPort}${path.slice(base.length)}`, "bare Prism, same spec"],
    ] as const) {
      const check = await fetch(target, { headers });
      if (check.status !== 200) throw new Error(`${config.vendor}: GET ${target} answered ${check.status}`);
      for (const connections of [10, 50]) {
        const r = await load(target, headers, connections);
        const row = [config.title, label, `GET ${path}`, String(connections), String(r.rps)];
        rows.push([...row, `${r.p50}`, `${r.p99}`, String(r.bad)]);
        console.error(rows.at(-1)!.join("  "));
      }
    }
  } finally {
    await stop(prism);
  }
  return rows;
}

type Expect = "2xx" | "4xx";
interface SoakRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: Expect;
}

/** The soak's mix: valid requests, invalid ones (Prism refuses them) and hostile ones (the front does). */
function soakMix(config: MockConfig, auth: Record<string, string>): SoakRequest[] {
  const get = config.tryPath ?? "/";
  const c = caseOf(config.vendor as Vendor);
  const post = `${c.basePath}${c.post.url}`;
  const json = { ...auth, "content-type": "application/json" };
  const example = requestExample(config, c.post.path);
  const r = (method: string, path: string, expect: Expect, headers = auth, body?: string) => ({
    ...{ method, path, headers, body, expect },
  });
  return [
    r("GET", get, "2xx"),
    r("POST", post, "2xx", json, JSON.stringify(example)),
    r("GET", get, "2xx"),
    r("GET", get, "4xx", {}), // no credentials
    r("POST", post, "4xx", json, "{}"),
    r("GET", `${get}/%ff%fe`, "4xx"),
    r("GET", `${get}?q=%`, "4xx"),
    r("GET", `${get}/a%00b`, "4xx"),
    r("GET", get, "4xx", { ...auth, accept: "*/*;q=abc;;=" }),
    r("GET", `${get}?${Array.from({ length: 300 }, (_, i) => `p${i}=1`).join("&")}`, "4xx"),
    r("POST", post, "4xx", json, "[".repeat(20_000) + "]".repeat(20_000)),
    r("POST", post, "4xx", { ...json, "content-encoding": "gzip" }, "garbage"),
    r("POST", post, "4xx", { ...json, "content-type": "application/json; charset=utf-16" }, "{}"),
    r("POST", post, "4xx", json, '{"text": "unterminated'),
  ];
}

/** The POST's first request example in the bundled spec the mock serves. */
function requestExample(config: MockConfig, path: string): unknown {
  const spec = JSON.parse(readFileSync(config.spec, "utf8"));
  const content = spec.paths[path]?.post?.requestBody?.content?.["application/json"];
  const example = content?.example ?? Object.values(content?.examples ?? {})[0];
  if (example === undefined) throw new Error(`${config.vendor}: no request example for POST ${path}`);
  return (example as { value?: unknown }).value ?? example;
}

/** Broken HTTP on raw sockets, in a loop until `done`: each must get a 4xx or a closed connection. */
async function rawHostility(port: number, post: string, done: () => boolean) {
  const cases = [
    Buffer.from([0x16, 3, 1, 0, 0xa5, 1, 0, 0, 0xa1, 3, 3]),
    `GET / HTTP/1.1\nHost: x\n\n`,
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 150 }, (_, i) => `X-H${i}: 1\r\n`).join("")}\r\n`,
    `POST ${post} HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    `POST ${post} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n`,
    `POST ${post} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
    `POST ${post} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${20 * 2 ** 20}\r\n\r\n`,
  ];
  let sent = 0;
  let unexpected = 0;
  while (!done())
    for (const bytes of cases) {
      const status = await rawExchange(port, bytes);
      sent++;
      if (status !== "closed" && !/^4\d\d$/.test(status)) unexpected++;
    }
  return { sent, unexpected };
}

function rawExchange(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    const timer = setTimeout(() => finish("timeout"), 30_000);
    const finish = (status: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    socket.on("data", (chunk) =>
      finish(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString("latin1"))?.[1] ?? "garbage"),
    );
    socket.on("close", () => finish("closed")).on("error", () => finish("closed"));
    socket.end(bytes); // half-close: a body that stops half-way is answered or dropped at once
  });
}

/** Resident set size of a process now (Linux /proc VmRSS), in MB. */
function rssMb(pid: number | undefined): string {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? (Number(kb) / 1024).toFixed(0) : "n/a";
  } catch {
    return "n/a";
  }
}

/** Peak resident set size of a process over its life (Linux /proc VmHWM), in MB. */
function peakRssMb(pid: number | undefined): string {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? (Number(kb) / 1024).toFixed(0) : "n/a";
  } catch {
    return "n/a";
  }
}

/** The soak row for one vendor: unexpected answers and errors, latency, peak RSS, Prism restarts. */
async function soak(config: MockConfig, url: string, auth: Record<string, string>, frontPid: number) {
  const mix = soakMix(config, auth);
  let unexpected = 0;
  const requests = mix.map((m) => ({
    ...m,
    onResponse: (status: number) => {
      if (`${String(status)[0]}xx` !== m.expect) unexpected++;
    },
  }));
  let finished = false;
  const port = Number(new URL(url).port);
  const post = `${caseOf(config.vendor as Vendor).basePath}${caseOf(config.vendor as Vendor).post.url}`;
  const raw = Promise.all([1, 2].map(() => rawHostility(port, post, () => finished)));
  const result = await autocannon({ url, connections: SOAK_CONNECTIONS, amount: SOAK_REQUESTS, requests });
  finished = true;
  const sockets = await raw;
  const health = (await (await fetch(`${url}/__cxkit/health`)).json()) as Health;
  const journal = (await (await fetch(`${url}/__cxkit/requests?limit=1`)).json()) as { total: number };
  const prism = health.backends[0]!;
  const errors = unexpected + result.errors + result.timeouts + sockets.reduce((n, s) => n + s.unexpected, 0);
  return [
    config.title,
    `${result.requests.total} + ${sockets.reduce((n, s) => n + s.sent, 0)} raw`,
    String(errors),
    `${result.latency.p50} / ${result.latency.p99} / ${result.latency.max}`,
    `${peakRssMb(frontPid)} / ${peakRssMb(prism.pid)}`,
    `${journal.total} / ${rssMb(frontPid)}`,
    String(prism.restarts),
  ];
}

function table(title: string, header: string[], rows: string[][]) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
}

// Packaged configs (dist/vendors) are what the CLI serves; read them through the CLI's own module.
const { mockConfigs: packaged } = (await import(join(root, "packages/mocks/dist/vendors.js"))) as {
  mockConfigs: typeof mockConfigs;
};
const loadTable: string[][] = [];
const soakTable: string[][] = [];
const journalTable: string[][] = [];
for (const config of packaged().filter((c) => only.length === 0 || only.includes(c.vendor))) {
  const headers = sampleAuthHeaders(JSON.parse(readFileSync(config.spec, "utf8")));
  const frontOf = (name: string, ...extra: string[]) => {
    const heapFile = join(probeDir, `${config.vendor}-${name}.json`);
    const child = spawn(
      process.execPath,
      ["--expose-gc", `--import=${heapProbe}`, cli, config.vendor, "--port", "0", "--no-docs", ...extra],
      // The front's log (every refusal of the soak) is not wanted here.
      { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, CXKIT_BENCH_HEAP: heapFile } },
    );
    return { child, heapFile, url: "" };
  };
  const [front, off] = [frontOf("on"), frontOf("off", "--journal-size", "0")];
  try {
    const ready = new RegExp(`${config.title}\\s+(http://127\\.0\\.0\\.1:\\d+)`);
    [front.url, off.url] = await Promise.all([started(front.child, ready), started(off.child, ready)]);
    if (!journalOnly) loadTable.push(...(await loadRows(config, front.url, off.url, headers)));
    journalTable.push(await journalOverhead(config, front, off, headers));
    await stop(off.child);
    if (!journalOnly) {
      soakTable.push(await soak(config, front.url, headers, front.child.pid!));
      const [full, cleared] = await journalHeap(front);
      soakTable.at(-1)!.push(`${full.heap.toFixed(1)} / ${cleared.heap.toFixed(1)} / ${full.rss.toFixed(0)}`);
      console.error(soakTable.at(-1)!.join("  "));
    }
  } finally {
    await Promise.all([stop(front.child), stop(off.child)]);
  }
}
rmSync(probeDir, { recursive: true, force: true });
const proxyRows = !journalOnly && (only.length === 0 || only.includes("dixa")) ? await proxyOverhead() : [];

const date = new Date().toISOString().slice(0, 10);
console.log(`\nLoad average (1, 5, 15 min) at start: ${loadAtStart}; at end: ${loads()}`);
if (!journalOnly)
  table(
    `Mock load check, ${seconds} s per row, loopback, ${date}`,
    [...["vendor", "server", "request", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx/errors"]],
    loadTable,
  );
if (!journalOnly)
  table(
    `Soak, ${SOAK_REQUESTS} requests at ${SOAK_CONNECTIONS} connections (valid, invalid, hostile) + raw broken HTTP, ${date}`,
    [
      "vendor",
      "requests",
      "unexpected",
      "p50 / p99 / max ms",
      "peak RSS MB front / Prism",
      "journal entries / front RSS MB after",
      "Prism restarts",
      "front heap MB after GC, journal full / cleared; RSS MB",
    ],
    soakTable,
  );
table(
  "Journal cost in process (100,000 records)",
  ["body", "µs per record", "µs per entry read (formatting)"],
  journalCost(),
);
table(
  `Journal on / off, GET at 10 connections, ${ROUNDS} pairs of alternating ${seconds} s rounds (+ as many at ${RATE} req/s), ${date}`,
  [
    "vendor",
    "median req/s on / off",
    "req/s on vs off, pairs: median (min … max)",
    `front CPU µs/request at ${RATE} req/s, on / off (rounds min … max)`,
    "front CPU on vs off",
    "its Prism's CPU µs/request on / off (the control: same work either way)",
    "front + Prism CPU on vs off",
    "front heap MB after GC: journal full / cleared / off",
    "front RSS MB on / off",
  ],
  journalTable,
);
if (proxyRows.length)
  table(
    `Validating proxy (cxkit-mocks proxy dixa) over a local upstream, GET /v1/agents, ${seconds} s per row, ${date}`,
    ["target", "conns", "req/s", "p50 ms", "mean ms", "p99 ms", "non-2xx/errors"],
    proxyRows,
  );
if (soakTable.some((row) => row[2] !== "0" || row[6] !== "0")) {
  console.error("\n✖ the soak saw unexpected answers, errors or Prism restarts");
  process.exitCode = 1;
}

/** The journal's own cost, free of the machine's other load: µs per recorded request (in this process)
 * and the heap a full journal (1000 requests with 4 KiB bodies kept) holds once every entry was read. */
function journalCost(): string[][] {
  const headers = {
    host: "127.0.0.1:4014",
    authorization: "Bearer bench-key-123",
    "content-type": "application/json",
  };
  const bodies = { none: undefined, "60 B": Buffer.alloc(60, 97), "8 KiB": Buffer.alloc(8192, 97) };
  const rows: string[][] = [];
  for (const [label, body] of Object.entries(bodies)) {
    const journal = new Journal({ size: 1000 });
    const n = 100_000;
    const t = performance.now();
    for (let i = 0; i < n; i++)
      journal.record({ method: "POST", url: "/v1/agents?x=1", headers }, { body }, 201, 1);
    const record = ((performance.now() - t) * 1000) / n;
    const r = performance.now();
    journal.entries();
    rows.push([label, record.toFixed(2), (((performance.now() - r) * 1000) / 1000).toFixed(1)]);
  }
  const full = new Journal({ size: 1000 });
  // A forced GC around the measure, without a flag on the command line (npm run bench:mocks has none).
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++)
    full.record(
      { method: "POST", url: `/v1/agents?i=${i}`, headers },
      { body: Buffer.alloc(8192, 97 + (i % 20)) },
      201,
      1,
    );
  const json = JSON.stringify(full.entries()).length;
  gc();
  const heap = ((process.memoryUsage().heapUsed - before) / 2 ** 20).toFixed(1);
  if (full.entries().length !== 1000) throw new Error("the journal is not full"); // keeps it alive to here
  rows.push(["full (1000 × 8 KiB sent): heap MB after GC / JSON MB", heap, (json / 2 ** 20).toFixed(1)]);
  return rows;
}

/** A local upstream in its own process answering every request with `body` (JSON), on a free port. */
async function upstreamServer(body: unknown): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const code = `require("node:http").createServer((q, s) => { q.resume(); s.writeHead(200, {"content-type": "application/json"}); s.end(${JSON.stringify(JSON.stringify(body))}); }).listen(${port}, "127.0.0.1", () => console.log("up"));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  await started(child, /(up)/);
  return { url: `http://127.0.0.1:${port}`, child };
}

/** The proxy rows: the upstream alone, then through `cxkit-mocks proxy dixa`, at 1 and 10 connections. */
async function proxyOverhead(): Promise<string[][]> {
  const config = packaged().find((c) => c.vendor === "dixa")!;
  const spec = JSON.parse(readFileSync(config.spec, "utf8"));
  const media = spec.paths["/agents"].get.responses["200"].content["application/json"];
  const example = media.example ?? (Object.values(media.examples)[0] as { value: unknown }).value;
  const upstream = await upstreamServer(example);
  const proxy = spawn(process.execPath, [cli, "proxy", "dixa", "--upstream", upstream.url, "--port", "0"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const rows: string[][] = [];
  try {
    const url = await started(proxy, /: (http:\/\/127\.0\.0\.1:\d+) →/);
    const headers = { authorization: "bench-key" };
    for (const [target, label] of [
      [`${upstream.url}/v1/agents`, "upstream alone"],
      [`${url}/v1/agents`, "through the proxy"],
    ] as const)
      for (const connections of [1, 10]) {
        const r = await load(target, headers, connections);
        rows.push([
          label,
          String(connections),
          String(r.rps),
          `${r.p50}`,
          `${r.mean.toFixed(2)}`,
          `${r.p99}`,
          String(r.bad),
        ]);
        console.error(rows.at(-1)!.join("  "));
      }
  } finally {
    await Promise.all([stop(proxy), stop(upstream.child)]);
  }
  return rows;
}
