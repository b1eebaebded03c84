// Client overhead per vendor: CPU per request (process.cpuUsage) of raw fetch, bare openapi-fetch and the
// vendor's full client (its factory's default middleware stack: auth, host pinning, retries, timeouts,
// typed errors, the vendor's validation; `rateLimit: false` so nothing waits), for one GET and one JSON
// POST, over a loopback HTTP server in a child process and with a stubbed fetch. The measuring pieces are
// client-core's (packages/client-core/bench/measure.ts). Each vendor runs in a fresh process, so one
// client's JIT state is not billed to the next: `node tools/bench/client-overhead.ts <vendor> [--quick]`
// prints a JSON summary.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import createClient from "openapi-fetch";
import {
  interleaved,
  METHODS,
  type Method,
  median,
  type Plan,
  quantile,
  rawFetchVariant,
  type Samples,
  startLoopbackServer,
  stubFetch,
  type Variant,
} from "../../packages/client-core/bench/measure.ts";
import { CASES, caseOf, postBody, type Vendor } from "./vendors.ts";

export const CLIENT = "cxkit client";
const STUB_ORIGIN = "https://api.bench.test";

/** Medians (and interquartile range) of one comparison, paired per round against openapi-fetch. */
export interface Stat {
  us: number;
  ratio: number;
  ratioIqr: [number, number];
  delta: number;
  deltaIqr: [number, number];
}
export type Summary = Record<"loopback" | "stub", Record<string, Record<Method, Stat>>> & {
  calls: { loopback: string; stub: string };
};

async function variants(vendor: Vendor, baseUrl: string, f: typeof fetch): Promise<Variant[]> {
  const c = caseOf(vendor);
  const body = await postBody(vendor);
  const client = await c.client(baseUrl, f);
  const bare = createClient<Record<string, never>>({
    baseUrl,
    fetch: f,
    headers: c.auth,
  }) as unknown as typeof client;
  const post = { params: c.post.params, body };
  const vs: Variant[] = [
    rawFetchVariant(f, baseUrl + c.get.url, baseUrl + c.post.url, body, c.auth),
    { name: "openapi-fetch", get: () => bare.GET(c.get.path), post: () => bare.POST(c.post.path, post) },
    { name: CLIENT, get: () => client.GET(c.get.path), post: () => client.POST(c.post.path, post) },
  ];
  // Measure the success path only: every call must be answered 2xx, not stopped by validation.
  for (const v of vs)
    for (const m of METHODS) {
      const r = (await v[m]()) as { response?: Response; error?: unknown } | undefined;
      if (r?.response && !r.response.ok) throw new Error(`${vendor} ${v.name} ${m}: ${r.response.status}`);
    }
  return vs;
}

const summarize = (samples: Samples): Record<string, Record<Method, Stat>> =>
  Object.fromEntries(
    Object.entries(samples).map(([name, row]) => [
      name,
      Object.fromEntries(
        METHODS.map((m) => {
          const { us, ratio, delta } = row[m];
          const iqr = (xs: number[]): [number, number] => [quantile(xs, 0.25), quantile(xs, 0.75)];
          return [
            m,
            {
              us: median(us),
              ratio: median(ratio),
              ratioIqr: iqr(ratio),
              delta: median(delta),
              deltaIqr: iqr(delta),
            },
          ];
        }),
      ) as Record<Method, Stat>,
    ]),
  );

/** The loopback plan: many short blocks per round (see interleaved); stubbed calls: one long sample each. */
const plans = (quick: boolean): Record<"loopback" | "stub", Plan> =>
  quick
    ? { loopback: { rounds: 5, blocks: 16, calls: 25 }, stub: { rounds: 5, calls: 2000 } }
    : { loopback: { rounds: 11, blocks: 40, calls: 25 }, stub: { rounds: 11, calls: 5000 } };

const described = ({ rounds, blocks = 1, calls }: Plan) =>
  blocks > 1 ? `${rounds} rounds × ${blocks} blocks × ${calls} calls` : `${rounds} rounds × ${calls} calls`;

async function measure(vendor: Vendor, quick: boolean): Promise<Summary> {
  const plan = plans(quick);
  const server = await startLoopbackServer();
  try {
    const basePath = caseOf(vendor).basePath;
    const loopback = await interleaved(await variants(vendor, server.url + basePath, fetch), plan.loopback);
    const stub = await interleaved(await variants(vendor, STUB_ORIGIN + basePath, stubFetch()), plan.stub);
    return {
      loopback: summarize(loopback),
      stub: summarize(stub),
      calls: { loopback: described(plan.loopback), stub: described(plan.stub) },
    };
  } finally {
    server.close();
  }
}

/** Runs one vendor's measurement in a fresh process. */
export async function clientOverhead(vendor: Vendor, quick: boolean): Promise<Summary> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [fileURLToPath(import.meta.url), vendor, ...(quick ? ["--quick"] : [])],
    { maxBuffer: 1 << 20, timeout: 600_000 },
  );
  return JSON.parse(stdout) as Summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const vendor = process.argv[2] as Vendor;
  if (!(vendor in CASES))
    throw new Error(`usage: node tools/bench/client-overhead.ts <${Object.keys(CASES).join("|")}>`);
  process.stdout.write(JSON.stringify(await measure(vendor, process.argv.includes("--quick"))));
}
