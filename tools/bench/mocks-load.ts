// `npm run bench:mocks`: load check of every mock (not a test). Each vendor's mock runs as users run it
// (the built cxkit-mocks CLI, in its own process); autocannon drives one GET from this process at 10 and
// 50 connections on loopback, through the front and, for comparison, against a bare Prism serving the
// same bundled spec. Prints req/s and latency percentiles. Usage: node tools/bench/mocks-load.ts [seconds] [vendor...]
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import autocannon from "autocannon";
import { sampleAuthHeaders } from "../../packages/mocks/src/docs.ts";
import { freePort } from "../../packages/mocks/src/server.ts";
import type { mockConfigs } from "../../packages/mocks/src/vendors.ts";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "../..");
const seconds = Number(process.argv[2] ?? 4);
const only = process.argv.slice(3);
const cli = join(root, "packages/mocks/dist/cli.js");

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
    bad: result.non2xx + result.errors + result.timeouts,
  };
}

// Packaged configs (dist/vendors) are what the CLI serves; read them through the CLI's own module.
const { mockConfigs: packaged } = (await import(join(root, "packages/mocks/dist/vendors.js"))) as {
  mockConfigs: typeof mockConfigs;
};
const rows: string[][] = [];
for (const config of packaged().filter((c) => only.length === 0 || only.includes(c.vendor))) {
  const path = config.tryPath ?? "/";
  const headers = sampleAuthHeaders(JSON.parse(readFileSync(config.spec, "utf8")));
  const front = spawn(process.execPath, [cli, config.vendor, "--port", "0", "--no-docs"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const prismPort = await freePort();
  const prism = spawn(
    process.execPath,
    [
      require.resolve("@stoplight/prism-cli/dist/index.js"),
      "mock",
      "-p",
      String(prismPort),
      "--errors",
      "-v",
      "error",
      config.spec,
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, SCARF_ANALYTICS: "false" } },
  );
  try {
    const url = await started(front, new RegExp(`${config.title}\\s+(http://127\\.0\\.0\\.1:\\d+)`));
    const base = config.basePaths?.find((b) => path.startsWith(`${b}/`)) ?? "";
    for (
      let i = 0;
      i < 100 &&
      !(await fetch(`http://127.0.0.1:${prismPort}/`).then(
        () => true,
        () => false,
      ));
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    for (const [target, label] of [
      [`${url}${path}`, "cxkit mock (front + Prism)"],
      [`http://127.0.0.1:${prismPort}${path.slice(base.length)}`, "bare Prism, same spec"],
    ] as const) {
      const check = await fetch(target, { headers });
      if (check.status !== 200) throw new Error(`${config.vendor}: GET ${target} answered ${check.status}`);
      for (const connections of [10, 50]) {
        const r = await load(target, headers, connections);
        rows.push([
          config.title,
          label,
          `GET ${path}`,
          String(connections),
          String(r.rps),
          `${r.p50}`,
          `${r.p99}`,
          String(r.bad),
        ]);
        console.error(rows.at(-1)!.join("  "));
      }
    }
  } finally {
    await Promise.all([stop(front), stop(prism)]);
  }
}

const header = ["vendor", "server", "request", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx/errors"];
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
console.log(`\nMock load check, ${seconds} s per row, loopback, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(line(header));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of rows) console.log(line(row));
