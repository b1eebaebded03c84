// `npm run bench`: one run, one Markdown table (printed, and written to .cxkit/bench.md) of the figures
// that matter to cxkit's users and contributors, with targets where there are some:
//  1. client overhead per vendor vs raw fetch and bare openapi-fetch, CPU per request (client-overhead.ts)
//  2. codegen time per spec, cold and Nx-cached (codegen.ts)
//  3. typecheck time of a consumer using 20 Dixa operations (typecheck.ts)
//  4. mock latency, Prism mock vs in-process MSW, through the same client (mock-latency.ts)
//  5. generated validation: engine µs per GET and JSON POST, cold import() of each client, min+gzip of
//     what create<Vendor>Client pulls in (validation.ts)
//  6. cold vs cached `nx run-many -t build test` (nx-cache.ts; the slow part, last; `--quick` skips it)
// Not a test: nothing depends on these timings. Everything runs on 127.0.0.1. Expects the packages built
// (the npm script runs `nx run-many -t build` first); `--quick` also shortens the other measurements.
import { mkdirSync, writeFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";
import { join } from "node:path";
import type { Method } from "../../packages/client-core/bench/measure.ts";
import { vendor as registryEntry } from "../vendors.ts";
import { CLIENT, clientOverhead, type Summary } from "./client-overhead.ts";
import { type CodegenResult, codegen } from "./codegen.ts";
import { type Latency, mockLatency } from "./mock-latency.ts";
import { type NxRun, nxBuildTest } from "./nx-cache.ts";
import { typecheck } from "./typecheck.ts";
import { bundleSize, coldImport, validationCost } from "./validation.ts";
import { caseOf, root, titleOf, VENDORS } from "./vendors.ts";

const quick = process.argv.includes("--quick");
const started = new Date();
const load0 = loadavg();
const note = (line: string) => process.stderr.write(`bench: ${line}\n`);

type Row = [measure: string, kase: string, result: string, target: string, met: string];
const rows: Row[] = [];
const MET = "✅";
const MISSED = "❌";
const yes = (ok: boolean) => (ok ? MET : MISSED);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
const s = (x: number) => `${x.toFixed(2)} s`;

// --- 1. client overhead ------------------------------------------------------------------------------
const overhead: Partial<Record<(typeof VENDORS)[number], Summary>> = {};
for (const vendor of VENDORS) {
  note(`client overhead: ${titleOf(vendor)}`);
  overhead[vendor] = await clientOverhead(vendor, quick);
}
let calls = { loopback: "", stub: "" };
for (const mode of ["loopback", "stub"] as const)
  for (const vendor of VENDORS) {
    const sum = overhead[vendor]!;
    calls = sum.calls;
    for (const m of ["get", "post"] as Method[]) {
      const r = sum[mode];
      const raw = r["raw fetch"]![m];
      const bare = r["openapi-fetch"]![m];
      const client = r[CLIENT]![m];
      const c = caseOf(vendor);
      const kase = `${titleOf(vendor)} ${m.toUpperCase()} ${c[m].path}`;
      const figures = `raw fetch ${f1(raw.us)} · openapi-fetch ${f1(bare.us)} · client ${f1(client.us)} µs`;
      if (mode === "loopback")
        rows.push([
          "1a. client CPU/request, loopback",
          kase,
          `${figures} → **${f3(client.ratio)}×** openapi-fetch (IQR ${f3(client.ratioIqr[0])}–${f3(client.ratioIqr[1])}), ${f2(client.us / raw.us)}× raw fetch`,
          "≤ 1.10× openapi-fetch",
          yes(client.ratio <= 1.1),
        ]);
      else
        rows.push([
          "1b. client CPU/call, stubbed fetch",
          kase,
          `${figures} → **+${f1(client.delta)} µs** over openapi-fetch (IQR ${f1(client.deltaIqr[0])}–${f1(client.deltaIqr[1])})`,
          "≤ +4 µs",
          yes(client.delta <= 4),
        ]);
    }
  }

// --- 2. codegen ----------------------------------------------------------------------------------------
note("codegen: cold and Nx-cached, per spec");
const gen: CodegenResult[] = await codegen(quick ? 1 : 3);
for (const g of gen)
  rows.push([
    "2. codegen (types)",
    titleOf(g.vendor),
    `cold ${s(g.coldSeconds)} · Nx-cached ${s(g.cachedSeconds)} wall (Nx run ${g.cachedNxSeconds === undefined ? "?" : `${Math.round(g.cachedNxSeconds * 1000)} ms`}, ${g.cacheHit ? "cache hit" : "NOT a cache hit"})`,
    "",
    "",
  ]);
const coldTotal = gen.reduce((a, g) => a + g.coldSeconds, 0);
const cachedWall = gen.reduce((a, g) => a + g.cachedSeconds, 0);
const cachedNx = gen.reduce((a, g) => a + (g.cachedNxSeconds ?? Number.NaN), 0);
rows.push(["2. codegen (types)", "all five, cold", `**${s(coldTotal)}**`, "≤ 3 s", yes(coldTotal <= 3)]);
rows.push([
  "2. codegen (types)",
  "all five, Nx-cached",
  `**${Math.round(cachedNx * 1000)} ms** in Nx (restore from cache) · ${s(cachedWall)} wall, i.e. Nx start-up ×5`,
  "~0 s",
  yes(gen.every((g) => g.cacheHit) && cachedNx < 0.25),
]);

// --- 3. typecheck --------------------------------------------------------------------------------------
note("typecheck: consumer of 20 Dixa operations");
for (const t of await typecheck(quick ? 1 : 3)) {
  const p = t.phases;
  const baseline = t.name.startsWith("baseline");
  rows.push([
    "3. typecheck, strict tsc --noEmit",
    t.name,
    `**${s(t.seconds)}** wall (tsc: check ${p.check} s, parse ${p.parse} s, bind ${p.bind} s; ${t.types} types, ${t.instantiations} instantiations)`,
    baseline ? "" : "≤ 3 s",
    baseline ? "" : yes(t.seconds <= 3),
  ]);
}

// --- 4. mock latency ----------------------------------------------------------------------------------
const latencyN = quick ? 500 : 2000;
const ms = (l: Latency) => `p50 ${f2(l.p50)} ms / p99 ${f2(l.p99)} ms`;
for (const vendor of VENDORS) {
  note(`mock latency: ${titleOf(vendor)}`);
  const { prism, msw } = await mockLatency(vendor, latencyN);
  rows.push([
    "4. mock latency, same GET through the client",
    `${titleOf(vendor)} GET ${caseOf(vendor).get.path}`,
    `Prism mock ${ms(prism)} · in-process MSW ${ms(msw)} → MSW ${f1(prism.p50 / msw.p50)}× faster at p50`,
    "",
    "",
  ]);
}

// --- 5. generated validation --------------------------------------------------------------------------
for (const vendor of VENDORS) {
  note(`validation: ${titleOf(vendor)}`);
  const cost = await validationCost(vendor, quick);
  const imported = coldImport(vendor, quick);
  const size = await bundleSize(vendor);
  rows.push([
    "5a. validation CPU/call (engine only)",
    `${titleOf(vendor)} GET ${caseOf(vendor).get.path} · POST ${caseOf(vendor).post.path}`,
    `GET **${f2(cost.get)} µs** · POST **${f2(cost.post)} µs** (included in 1a/1b)`,
    "",
    "",
  ]);
  rows.push([
    "5b. cold import() of the client",
    titleOf(vendor),
    `**${f1(imported)} ms**`,
    "≤ 30 ms",
    yes(imported <= 30),
  ]);
  rows.push([
    "5c. create<Vendor>Client, Rolldown browser bundle",
    titleOf(vendor),
    `first load **${f2(size.first)} kB** min+gzip · loaded on the first call ${f2(size.lazy)} kB`,
    `first load ≤ ${registryEntry(vendor).size.firstTarget} kB`,
    yes(size.first <= registryEntry(vendor).size.firstTarget),
  ]);
}

// --- 6. nx run-many -t build test ---------------------------------------------------------------------
if (!quick) {
  note("nx run-many -t build test: cold (--skip-nx-cache), then cached (1–2 min)");
  const { cold, cached } = await nxBuildTest();
  const tasks = (r: NxRun) =>
    r.tasks === undefined
      ? ""
      : ` (${r.hits ?? 0}/${r.tasks} tasks from cache, Nx run ${f1(r.nxSeconds ?? 0)} s)`;
  rows.push([
    "6. nx run-many -t build test",
    "cold (--skip-nx-cache)",
    `**${f1(cold.seconds)} s**${tasks(cold)}`,
    "",
    "",
  ]);
  rows.push([
    "6. nx run-many -t build test",
    "cached (same command again)",
    `**${f1(cached.seconds)} s**${tasks(cached)} → ${f1(cold.seconds / cached.seconds)}× faster`,
    "",
    "",
  ]);
} else rows.push(["6. nx run-many -t build test", "cold vs cached", "skipped (--quick)", "", ""]);

// --- the table -----------------------------------------------------------------------------------------
const cpu = cpus();
const load1 = loadavg();
const header = [
  `## cxkit bench${quick ? " (--quick)" : ""}`,
  "",
  `${started.toISOString().slice(0, 16).replace("T", " ")} UTC · Node ${process.version} · ${platform()} ${release()} ${arch()} · ` +
    `${cpu.length} cores, ${cpu[0]?.model.trim() ?? "unknown CPU"} · ${Math.round(totalmem() / 2 ** 30)} GiB · ` +
    `load average ${f2(load0[0]!)} at start, ${f2(load1[0]!)} at end · took ${Math.round((Date.now() - started.getTime()) / 1000)} s`,
  "",
  `CPU figures are process.cpuUsage of the client process (the loopback server runs in a child), medians of interleaved rounds ` +
    `(loopback ${calls.loopback}, a round's value the median of its blocks; stub ${calls.stub}; a young-generation GC before each sample) ` +
    "after warm-up; ratios and deltas are paired per round against openapi-fetch " +
    "(IQR in brackets). Client = the vendor factory's default stack with `rateLimit: false`. " +
    "Wall times are whole processes, medians of repeats where repeated. Other work on the machine adds noise.",
  "",
];
const cellText = (cell: string) => cell.replaceAll("|", "\\|");
const table = [
  "| measure | case | result | target | met? |",
  "|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.map(cellText).join(" | ")} |`),
];
const markdown = `${[...header, ...table].join("\n")}\n`;
mkdirSync(join(root, ".cxkit"), { recursive: true });
writeFileSync(join(root, ".cxkit/bench.md"), markdown);
process.stdout.write(`\n${markdown}\nwritten to .cxkit/bench.md\n`);
