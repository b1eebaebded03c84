// `npm run bench:mocks`: load and soak check of every mock (not a test). Each vendor's mock runs as users
// run it (the built cxkit-mocks CLI, in its own process).
// - Load: autocannon drives one GET from this process at 10 and 50 connections on loopback, through the
//   front (request journal on, as by default), through a front with `--journal-size 0` (journal off) and,
//   for comparison, against a bare Prism serving the same bundled spec: req/s and latency.
// - Proxy: `cxkit-mocks proxy dixa` in front of a local upstream (its own process, answering the spec's
//   example for GET /agents): p50 through the proxy against p50 of the upstream alone.
// - Soak: 10,000 requests at 50 connections cycling through valid, invalid and hostile ones (each with the
//   status class it must get), while raw sockets send broken HTTP (bad framing, non-HTTP bytes, huge
//   headers, bodies that stop half-way). Reports unexpected answers and errors (must be 0), latency, the
//   peak RSS of the front and of Prism (Linux VmHWM), and Prism's restarts (must be 0).
// Usage: node tools/bench/mocks-load.ts [seconds] [vendor...]
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { join } from "node:path";
import autocannon from "autocannon";
import { sampleAuthHeaders } from "../../packages/mocks/src/docs.ts";
import { Journal } from "../../packages/mocks/src/journal.ts";
import { freePort, type Health } from "../../packages/mocks/src/server.ts";
import type { MockConfig, mockConfigs } from "../../packages/mocks/src/vendors.ts";
import { CASES, type Vendor } from "./vendors.ts";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "../..");
const seconds = Number(process.argv[2] ?? 4);
const only = process.argv.slice(3);
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

async function load(url: string, headers: Record<string, string>, connections: number) {
  const result = await autocannon({ url, headers, connections, duration: seconds, pipelining: 1 });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    bad: result.non2xx + result.errors + result.timeouts,
  };
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

/** Journal on against off at 10 connections: alternating rounds, so a machine busy with other work
 * weighs on both alike; the median req/s of each and the difference. */
async function journalOverhead(config: MockConfig, on: string, off: string, headers: Record<string, string>) {
  const rounds: Record<"on" | "off", number[]> = { on: [], off: [] };
  for (let i = 0; i < 3; i++)
    for (const [which, url] of [
      ["on", on],
      ["off", off],
    ] as const)
      rounds[which].push((await load(url, headers, 10)).rps);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  const [a, b] = [median(rounds.on), median(rounds.off)];
  const row = [
    config.title,
    `${rounds.on.join(" / ")}`,
    `${rounds.off.join(" / ")}`,
    `${a} / ${b}`,
    `${(((b - a) / b) * 100).toFixed(1)}%`,
  ];
  console.error(row.join("  "));
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
  const c = CASES[config.vendor as Vendor];
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
  const post = `${CASES[config.vendor as Vendor].basePath}${CASES[config.vendor as Vendor].post.url}`;
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
  const cliOf = (...extra: string[]) =>
    spawn(process.execPath, [cli, config.vendor, "--port", "0", "--no-docs", ...extra], {
      stdio: ["ignore", "pipe", "ignore"], // the front's log (every refusal of the soak) is not wanted here
    });
  const [front, off] = [cliOf(), cliOf("--journal-size", "0")];
  try {
    const ready = new RegExp(`${config.title}\\s+(http://127\\.0\\.0\\.1:\\d+)`);
    const [url, offUrl] = await Promise.all([started(front, ready), started(off, ready)]);
    loadTable.push(...(await loadRows(config, url, offUrl, headers)));
    const path = config.tryPath ?? "/";
    journalTable.push(await journalOverhead(config, `${url}${path}`, `${offUrl}${path}`, headers));
    await stop(off);
    soakTable.push(await soak(config, url, headers, front.pid!));
    console.error(soakTable.at(-1)!.join("  "));
  } finally {
    await Promise.all([stop(front), stop(off)]);
  }
}
const proxyRows = only.length === 0 || only.includes("dixa") ? await proxyOverhead() : [];

const date = new Date().toISOString().slice(0, 10);
table(
  `Mock load check, ${seconds} s per row, loopback, ${date}`,
  [...["vendor", "server", "request", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx/errors"]],
  loadTable,
);
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
  ],
  soakTable,
);
table(
  "Journal cost in process (100,000 records)",
  ["body", "µs per record", "µs per entry read (formatting)"],
  journalCost(),
);
table(
  `Journal overhead, GET at 10 connections, 3 alternating rounds of ${seconds} s, ${date}`,
  ["vendor", "journal on req/s", "journal off req/s", "median on / off", "overhead"],
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
  const gc = (globalThis as { gc?: () => void }).gc; // with node --expose-gc the heap figure is exact
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++)
    full.record(
      { method: "POST", url: `/v1/agents?i=${i}`, headers },
      { body: Buffer.alloc(8192, 97 + (i % 20)) },
      201,
      1,
    );
  const json = JSON.stringify(full.entries()).length;
  gc?.();
  const heap = ((process.memoryUsage().heapUsed - before) / 2 ** 20).toFixed(1);
  rows.push([
    `full (1000 × 8 KiB sent): heap MB${gc ? "" : " (no --expose-gc)"} / JSON MB`,
    heap,
    (json / 2 ** 20).toFixed(1),
  ]);
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
