#!/usr/bin/env node
// cxkit-mocks: serves vendor mocks (Prism, request validation on) and their API reference on loopback,
// waits until each reports healthy, prints where, and stops everything it started on SIGINT (Ctrl-C),
// SIGTERM or SIGHUP, or when npm, having started it, goes away.
import { parseArgs } from "node:util";
import { type RunningDocs, startDocs } from "./docs.ts";
import { ScenarioBook } from "./scenarios.ts";
import { type RunningMock, startMock } from "./server.ts";
import { statefulHandlers } from "./stateful.ts";
import { mockConfigs } from "./vendors.ts";

const USAGE = `Usage: cxkit-mocks [all | <vendor>...] [options]

Vendors: ${mockConfigs()
  .map((c) => `${c.vendor} (${c.port})`)
  .join(", ")}

Options:
  --port <n>          port of the mock (one vendor only; default: the vendor's fixed port)
  --host <addr>       address to listen on (default 127.0.0.1)
  --docs-port <n>     port of the API reference and landing page (default 4000; 0 picks a free one)
  --no-docs           do not serve the API reference
  --dynamic           generate responses from the schemas instead of serving the documented examples
  --seed <s>          with --dynamic: the same seed gives the same responses
  --scenarios <file>  latency and faults to inject (JSON, re-read when it changes; see the README)
  --no-state          answer Chatsight's query job from static examples instead of walking its lifecycle
  --access-log        log every request with its status and time (costs throughput)
  --journal <file>    also append every request's journal entry to this file (JSON Lines)
  --journal-size <n>  requests each mock keeps in memory for GET /__cxkit/requests (default 1000; 0: off)
  -h, --help          this text

Per-vendor ports also come from CXKIT_<VENDOR>_PORT (e.g. CXKIT_DIXA_PORT=5014).
The validating proxy: cxkit-mocks proxy <vendor> --upstream <url> (see cxkit-mocks proxy --help).`;

// `cxkit-mocks proxy …` is the validating proxy (proxy-cli.ts); it runs until a signal ends the process.
if (process.argv[2] === "proxy") {
  await (await import("./proxy-cli.ts")).main(process.argv.slice(3));
  await new Promise(() => {});
}

const fail = (message: string): never => {
  console.error(`cxkit-mocks: ${message}\n\n${USAGE}`);
  process.exit(2);
};

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      "docs-port": { type: "string", default: process.env.CXKIT_DOCS_PORT ?? "4000" },
      "no-docs": { type: "boolean", default: false },
      dynamic: { type: "boolean", default: false },
      seed: { type: "string" },
      scenarios: { type: "string" },
      "no-state": { type: "boolean", default: false },
      "access-log": { type: "boolean", default: false },
      journal: { type: "string" },
      "journal-size": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed!;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = (value: string | undefined, what: string) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n < 65536
    ? n
    : fail(`${what} must be a port number, not "${value}"`);
};

const all = mockConfigs();
const wanted =
  positionals.length === 0 || positionals.includes("all") ? all.map((c) => c.vendor) : positionals;
const unknown = wanted.filter((v) => !all.some((c) => c.vendor === v));
if (unknown.length) fail(`no mock named ${unknown.join(", ")}`);
const configs = all.filter((c) => wanted.includes(c.vendor));
if (values.port !== undefined && configs.length !== 1) fail("--port needs exactly one vendor");
if (values.seed !== undefined && !values.dynamic) fail("--seed goes with --dynamic");
const journalSize = values["journal-size"] === undefined ? undefined : Number(values["journal-size"]);
if (journalSize !== undefined && !(Number.isInteger(journalSize) && journalSize >= 0))
  fail(`--journal-size must be a whole number, not "${values["journal-size"]}"`);

const scenarios = new ScenarioBook();
if (values.scenarios) {
  try {
    scenarios.watch(values.scenarios, (error) =>
      console.error(
        error
          ? `✖ ${values.scenarios}: ${error.message} (previous scenarios kept)`
          : `scenarios reloaded from ${values.scenarios}`,
      ),
    );
  } catch (error) {
    fail(`--scenarios ${values.scenarios}: ${(error as Error).message}`);
  }
}

const running: RunningMock[] = [];
let docs: RunningDocs | undefined;
let stopping = false;
/** Stops everything within 5 s; exits 0 when every process stopped on request, 1 otherwise. */
async function stop(code: number, why?: string) {
  if (stopping) {
    if (why) process.exit(1); // a second signal: the Prism processes follow through parent-watch.cjs
    return;
  }
  stopping = true;
  if (why) console.error(`cxkit-mocks: ${why}, stopping`);
  setTimeout(() => {
    console.error("✖ cxkit-mocks: not stopped within 4.5 s; exiting anyway");
    process.exit(1);
  }, 4500).unref();
  scenarios.close();
  const closed = await Promise.allSettled([...running.map((mock) => mock.close()), docs?.close()]);
  const clean = closed.every((r) => r.status === "fulfilled" && (r.value?.clean ?? true));
  if (!clean) console.error("✖ cxkit-mocks: some processes had to be killed");
  process.exit(clean ? code : 1);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => void stop(0, `got ${signal}`));
// Output to a terminal or pipe that went away must not end the process before it has stopped Prism.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
// Started by npm (npm start, npx, an npm script): npm never passes SIGHUP on, and passes SIGTERM only to
// its direct child, which may be a shell that dies without forwarding it. So stop when the parent goes.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void stop(0, "parent process exited"), 250).unref();
}

const results = await Promise.allSettled(
  configs.map((config) => {
    const override = values.port ?? process.env[`CXKIT_${config.vendor.toUpperCase()}_PORT`];
    return startMock(config, {
      port: port(override, `port of ${config.vendor}`) ?? config.port,
      host: values.host,
      dynamic: values.dynamic,
      seed: values.seed,
      scenarios,
      accessLog: values["access-log"],
      journal: { size: journalSize, file: values.journal },
      handlers: values["no-state"] ? undefined : statefulHandlers[config.vendor],
      onFatal: (error) => {
        console.error(`✖ ${config.title} mock: ${error.message}`);
        void stop(1);
      },
    }).then((mock) => {
      running.push(mock);
      return mock;
    });
  }),
);
const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
if (failures.length) {
  for (const failure of failures)
    console.error(`✖ ${failure.reason instanceof Error ? failure.reason.message : failure.reason}`);
  await stop(1);
}
running.sort((a, b) => a.config.port - b.config.port);
try {
  await Promise.all(running.map((mock) => healthy(mock.url)));
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  await stop(1);
}

/** The start-up wait: each mock's `GET /__cxkit/health` answers 200 once its Prism is up. */
async function healthy(url: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${url}/__cxkit/health`).catch(() => undefined);
    await res?.body?.cancel();
    if (res?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url}/__cxkit/health did not answer 200 within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const withDocs = !values["no-docs"] && running.every((m) => m.config.reference);
if (withDocs) {
  try {
    docs = await startDocs(running, port(values["docs-port"], "--docs-port") ?? 4000, values.host);
  } catch (error) {
    console.error(`✖ ${(error as Error).message}`);
    await stop(1);
  }
}

const rows = running.map((m) => [m.config.title, m.url, docs ? `${docs.url}/${m.config.vendor}/` : "—"]);
const header = ["vendor", "mock URL", "API reference"];
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((cell, i) => cell.padEnd(widths[i]!))
    .join("  ")
    .trimEnd();
console.log(`\ncxkit mocks are up (request validation on${values.dynamic ? ", dynamic responses" : ""}):\n`);
console.log(line(header));
for (const row of rows) console.log(line(row));
if (docs) console.log(`\nAll of them, with a curl line each: ${docs.url}/`);
if (values.scenarios) console.log(`Scenarios from ${values.scenarios} (re-read on change).`);
console.log("Press Ctrl-C to stop.");
