// Overhead benchmark (not a test): `npm run bench` / `node bench/overhead.ts` (Node ≥ 23.6 strips types).
// Measures client-side CPU per request (process.cpuUsage) for raw fetch, bare openapi-fetch and a
// cxkit client with the full stack, over loopback HTTP (server in a child process, so its CPU is not
// counted) and with a stubbed fetch (wrapper cost alone); then the min+gzip size of openapi-fetch +
// client-core. Benchmarks the built dist/ (rebuilt first with tsc, so the numbers match the source).
// The measuring pieces (loopback server, stub, CPU sampling, interleaved rounds) are in measure.ts,
// shared with tools/bench/client-overhead.ts, which runs the same comparison on every vendor's client.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import createClient from "openapi-fetch";
import {
  cpuPerCall,
  interleaved,
  METHODS,
  type Plan,
  quantile,
  rawFetchVariant,
  startLoopbackServer,
  stubFetch,
  type Variant,
} from "./measure.ts";

const pkg = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name: string) => join(pkg, "..", "..", "node_modules", ".bin", name);
const childMode = process.argv.indexOf("--child");
if (childMode < 0) execFileSync(bin("tsc"), ["-p", join(pkg, "tsconfig.build.json")], { stdio: "inherit" });
const core: typeof import("../src/index.ts") = await import(join(pkg, "dist", "index.js"));

interface paths {
  "/items": {
    get: { responses: { 200: { content: { "application/json": { items: number[] } } } } };
    post: {
      requestBody: { content: { "application/json": { name: string; tags: string[] } } };
      responses: { 201: { content: { "application/json": { id: string } } } };
    };
  };
}

const BODY = { name: "benchmark", tags: ["a", "b", "c"] };
const TOKEN = "sk_bench_0123456789abcdef";
const stub = stubFetch();

function variants(baseUrl: string, f: typeof fetch): Variant[] {
  const bare = createClient<paths>({ baseUrl, fetch: f, headers: { authorization: `Bearer ${TOKEN}` } });
  const preset = { vendor: "bench", baseUrl, rateLimit: { limit: 1_000_000, intervalMs: 1000 } };
  const full = core.createApiClient<paths>(preset, core.bearerAuth(TOKEN), {
    fetch: f,
    timeoutMs: 30_000,
    totalTimeoutMs: 60_000,
    throwOnError: true,
  });
  const lean = core.createApiClient<paths>(preset, core.bearerAuth(TOKEN), {
    fetch: f,
    rateLimit: false,
    timeoutMs: 0,
  });
  const auth = { authorization: `Bearer ${TOKEN}` };
  return [
    rawFetchVariant(f, `${baseUrl}/items`, `${baseUrl}/items`, BODY, auth),
    { name: "openapi-fetch", get: () => bare.GET("/items"), post: () => bare.POST("/items", { body: BODY }) },
    // auth + host pinning + retries + limiter + per-attempt and total timeouts + throwOnError (typed errors)
    {
      name: "cxkit full stack",
      get: () => full.GET("/items"),
      post: () => full.POST("/items", { body: BODY }),
    },
    {
      name: "cxkit full + unwrap()",
      get: () => core.unwrap(full.GET("/items")),
      post: () => core.unwrap(full.POST("/items", { body: BODY })),
    },
    {
      name: "cxkit (no limiter/timeouts)",
      get: () => lean.GET("/items"),
      post: () => lean.POST("/items", { body: BODY }),
    },
  ];
}

// --- isolated mode: one variant, one method, in a fresh process (no cross-variant JIT pollution) -----
if (childMode >= 0) {
  const [name, method, n, target] = process.argv.slice(childMode + 1) as [
    string,
    "get" | "post",
    string,
    string,
  ];
  const v = (target === "stub" ? variants("https://api.bench.test", stub) : variants(target, fetch)).find(
    (x) => x.name === name,
  )!;
  for (let i = 0; i < Math.min(+n, 20_000); i++) await v[method]();
  process.stdout.write(String(await cpuPerCall(v[method], +n)));
  process.exit(0);
}

// --- loopback server in a child process (its CPU is not billed to the client) ----------------------
const server = await startLoopbackServer();
const loopback = server.url;

/** Interleaved rounds, paired against openapi-fetch (see measure.ts); prints median (IQR). */
async function table(title: string, baseUrl: string, f: typeof fetch, plan: Plan) {
  const vs = variants(baseUrl, f);
  const samples = await interleaved(vs, plan);
  const cell = (xs: number[], digits: number) =>
    `${quantile(xs, 0.5).toFixed(digits)} (${quantile(xs, 0.25).toFixed(digits)}…${quantile(xs, 0.75).toFixed(digits)})`;
  const blocks = plan.blocks ? ` × ${plan.blocks} blocks` : "";
  console.log(
    `\n${title}: ${plan.rounds} interleaved rounds${blocks} × ${plan.calls} calls; median (interquartile range)`,
  );
  console.log(
    `${"variant".padEnd(28)}${"GET µs/call".padStart(18)}${"POST µs/call".padStart(18)}${"GET × o-f".padStart(22)}${"POST × o-f".padStart(22)}${"GET Δµs".padStart(20)}${"POST Δµs".padStart(20)}`,
  );
  const rows: Record<string, { get: number; post: number; dget: number; dpost: number }> = {};
  for (const v of vs) {
    const { get, post } = samples[v.name]!;
    rows[v.name] = {
      get: quantile(get.ratio, 0.5),
      post: quantile(post.ratio, 0.5),
      dget: quantile(get.delta, 0.5),
      dpost: quantile(post.delta, 0.5),
    };
    console.log(
      v.name.padEnd(28) +
        [
          cell(get.us, 1).padStart(18),
          cell(post.us, 1).padStart(18),
          cell(get.ratio, 3).padStart(22),
          cell(post.ratio, 3).padStart(22),
          cell(get.delta, 1).padStart(20),
          cell(post.delta, 1).padStart(20),
        ].join(""),
    );
  }
  return rows;
}

/** Every sample in its own fresh process (no JIT state shared between variants); paired per round. */
function isolated(title: string, target: string, n: number, rounds: number) {
  const names = ["openapi-fetch", "cxkit full stack", "cxkit (no limiter/timeouts)"];
  const self = fileURLToPath(import.meta.url);
  const S = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++)
    for (const m of METHODS)
      for (const name of r % 2 ? [...names].reverse() : names) {
        const out = execFileSync(process.execPath, [self, "--child", name, m, String(n), target], {
          encoding: "utf8",
        });
        S.set(`${name}|${m}`, [...(S.get(`${name}|${m}`) ?? []), Number(out)]);
      }
  console.log(
    `\n${title}, isolated: one fresh process per sample, ${rounds} rounds × ${n} calls; median (IQR)`,
  );
  const result: Record<string, { ratio: number; delta: number }> = {};
  for (const m of METHODS) {
    const ref = S.get(`openapi-fetch|${m}`)!;
    for (const name of names) {
      const xs = S.get(`${name}|${m}`)!;
      const d = xs.map((x, r) => x - ref[r]!);
      const q = xs.map((x, r) => x / ref[r]!);
      result[`${name}|${m}`] = { ratio: quantile(q, 0.5), delta: quantile(d, 0.5) };
      console.log(
        `  ${m.toUpperCase().padEnd(5)}${name.padEnd(30)}${quantile(xs, 0.5).toFixed(1).padStart(7)} µs/call` +
          `   ${quantile(q, 0.5).toFixed(3)}× (${quantile(q, 0.25).toFixed(3)}…${quantile(q, 0.75).toFixed(3)})` +
          `   Δ ${quantile(d, 0.5).toFixed(1)} µs (${quantile(d, 0.25).toFixed(1)}…${quantile(d, 0.75).toFixed(1)})`,
      );
    }
  }
  return result;
}

const quick = process.argv.includes("--quick");
try {
  const lb = await table(
    "Loopback HTTP (node:http server in a child process)",
    loopback,
    fetch,
    quick ? { rounds: 5, blocks: 16, calls: 25 } : { rounds: 21, blocks: 40, calls: 25 },
  );
  const st = await table("Stubbed fetch (wrapper cost alone)", "https://api.bench.test", stub, {
    rounds: quick ? 5 : 21,
    calls: 5000,
  });
  const isoLoop = isolated("Loopback HTTP", loopback, quick ? 1000 : 3000, quick ? 3 : 9);
  const isoStub = isolated("Stubbed fetch", "stub", quick ? 20_000 : 50_000, quick ? 3 : 9);
  const full = "cxkit full stack";
  const ok = (x: boolean) => (x ? "met" : "MISSED");
  console.log(
    "\nTargets: cxkit full stack vs bare openapi-fetch (paired medians; isolated processes | shared process)",
  );
  for (const m of ["get", "post"] as const) {
    const r = isoLoop[`${full}|${m}`]!.ratio;
    const d = isoStub[`${full}|${m}`]!.delta;
    const rs = lb[full]![m];
    const ds = st[full]![m === "get" ? "dget" : "dpost"];
    console.log(
      `  ${m.toUpperCase().padEnd(4)} loopback ${r.toFixed(3)}× | ${rs.toFixed(3)}× (≤ 1.10: ${ok(r <= 1.1)} | ${ok(rs <= 1.1)});` +
        ` stubbed +${d.toFixed(1)} µs | +${ds.toFixed(1)} µs (≤ 4: ${ok(d <= 4)} | ${ok(ds <= 4)})`,
    );
  }
} finally {
  server.close();
}

// --- bundle size -----------------------------------------------------------------------------------
// Entries live in a temp dir and import by absolute path; dist/ resolves openapi-fetch on its own.
const dir = mkdtempSync(join(tmpdir(), "cxkit-size-"));
try {
  const dist = JSON.stringify(join(pkg, "dist", "index.js"));
  const ofetch = JSON.stringify(fileURLToPath(import.meta.resolve("openapi-fetch")));
  const entries: Record<string, string> = {
    "openapi-fetch alone": `export { default } from ${ofetch};`,
    "minimal vendor client": `export { createApiClient, bearerAuth, unwrap } from ${dist};`,
    "typical vendor client": `export { createApiClient, bearerAuth, unwrap, ApiError, paginateCursor } from ${dist};`,
    "openapi-fetch + all of client-core": `export { default } from ${ofetch}; export * from ${dist};`,
  };
  let bundle: ((file: string) => Promise<string>) | undefined;
  let tool = "";
  if (existsSync(bin("esbuild"))) {
    tool = "esbuild";
    bundle = async (file) =>
      execFileSync(bin("esbuild"), [file, "--bundle", "--minify", "--format=esm"], {
        cwd: pkg,
        encoding: "utf8",
      });
  } else if (existsSync(bin("rolldown"))) {
    tool = "rolldown, oxc minifier (esbuild is not installed)";
    const { build } = await import("rolldown");
    bundle = async (file) => {
      const out = await build({
        input: file,
        write: false,
        output: { format: "esm", minify: true },
        logLevel: "silent",
      });
      return out.output[0].code;
    };
  }
  if (!bundle) console.log("\nBundle size: skipped (neither esbuild nor rolldown is installed)");
  else {
    console.log(`\nBundle size, minified + gzip -9, via ${tool}`);
    for (const [i, [name, src]] of Object.entries(entries).entries()) {
      const file = join(dir, `entry-${i}.mjs`);
      writeFileSync(file, src);
      const code = await bundle(file);
      const gz = gzipSync(code, { level: 9 }).length;
      console.log(
        `  ${name.padEnd(38)} ${String(code.length).padStart(6)} B min ${String(gz).padStart(6)} B gz`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
