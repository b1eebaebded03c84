// Shared pieces of the client-overhead benchmarks (not a test): packages/client-core/bench/overhead.ts
// (client-core on a synthetic API) and tools/bench/client-overhead.ts (every vendor's client, for
// `npm run bench`). A loopback server in a child process (its CPU is not billed to the client), a stubbed
// fetch, CPU time per call with process.cpuUsage, and interleaved rounds paired against a reference.
import { spawn } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** What the loopback server and the stub answer: a small JSON body, 201 to a POST, 200 otherwise. */
export const RESPONSE = '{"items":[1,2,3],"next":null}';

/** A fetch that only builds a fresh Response per call: what is left is the wrapper's own cost. */
export const stubFetch = (body = RESPONSE): typeof fetch =>
  (async (input: Request | string, init?: RequestInit) =>
    new Response(body, {
      status: (input instanceof Request ? input.method : init?.method) === "POST" ? 201 : 200,
      headers: { "content-type": "application/json" },
    })) as typeof fetch;

/** A node:http server on 127.0.0.1 in a child process, answering every request with `body`. */
export async function startLoopbackServer(body = RESPONSE): Promise<{ url: string; close(): void }> {
  const code = `
const http = require("node:http");
const body = ${JSON.stringify(body)};
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(req.method === "POST" ? 201 : 200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(0, "127.0.0.1", function () { process.stdout.write(String(this.address().port) + "\\n"); });`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (status) => reject(new Error(`loopback server exited (${status})`)));
    child.stdout!.once("data", (d) => resolve(Number(String(d))));
  });
  return { url: `http://127.0.0.1:${port}`, close: () => child.kill() };
}

let collect: ((options: { type: "minor" }) => void) | undefined;
/**
 * A young-generation GC before every sample, so garbage left by one variant is not billed to the next. Not
 * a full GC: after one, even bare openapi-fetch ran about twice as slow for the next few thousand calls
 * (stubbed GET 9.4 → 18 µs of main-thread CPU), an after-effect of the forced GC that buried the
 * wrappers' own cost; a long-running process does not collect its whole heap every few thousand calls.
 */
const gc = () => {
  if (!collect) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as typeof collect;
  }
  collect!({ type: "minor" });
};

/** CPU µs (user + system) per call for `n` sequential calls. */
export async function cpuPerCall(fn: () => Promise<unknown>, n: number): Promise<number> {
  gc();
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const d = process.cpuUsage(start);
  return (d.user + d.system) / n;
}

/** Nearest-rank quantile. */
export const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.round(q * (xs.length - 1))]!;
export const median = (xs: number[]): number => quantile(xs, 0.5);

/** Something to measure: one GET and one JSON POST, each a complete call (response body read). */
export interface Variant {
  name: string;
  get: () => Promise<unknown>;
  post: () => Promise<unknown>;
}

/** The floor: plain fetch with the same URL, headers and body, reading the JSON answer. */
export function rawFetchVariant(
  f: typeof fetch,
  getUrl: string,
  postUrl: string,
  body: unknown,
  headers: Record<string, string>,
): Variant {
  const postHeaders = { ...headers, "content-type": "application/json" };
  return {
    name: "raw fetch",
    get: () => f(getUrl, { headers }).then((r) => r.json()),
    post: () =>
      f(postUrl, { method: "POST", headers: postHeaders, body: JSON.stringify(body) }).then((r) => r.json()),
  };
}

export const METHODS = ["get", "post"] as const;
export type Method = (typeof METHODS)[number];

/** Per variant and method, one value per round: µs per call, and its ratio and difference to the reference. */
export type Samples = Record<string, Record<Method, { us: number[]; ratio: number[]; delta: number[] }>>;

/** How a comparison is sampled: `rounds` rounds of `blocks` blocks of `calls` sequential calls per job. */
export interface Plan {
  rounds: number;
  calls: number;
  /** Blocks per job and round; a round's value is the median of its blocks. Default 1. */
  blocks?: number;
}

/**
 * Warms every variant up, then runs the plan: inside a round, block after block, every variant and method
 * runs `calls` calls in a rotating order. A round's value per job is the median of its blocks (the only
 * one, with one block). Ratios and deltas are paired: per round against `reference` in the same round
 * (take their median), so machine-load drift between rounds cancels out.
 *
 * Many short blocks serve loopback calls: there undici keeps about 1 kB per response until a full GC,
 * so full GCs come every few thousand calls of any variant and cost whichever block they land in tens
 * of times its usual CPU; in rounds of a few hundred calls that noise buried the wrappers' few percent.
 * The median of short blocks leaves those blocks out; long samples (stubbed calls) keep their GC.
 */
export async function interleaved(
  variants: Variant[],
  plan: Plan,
  reference = "openapi-fetch",
): Promise<Samples> {
  const jobs = variants.flatMap((v) => METHODS.map((m) => ({ key: `${v.name}|${m}`, fn: v[m] })));
  for (const j of jobs) await cpuPerCall(j.fn, Math.max(plan.calls, 2000));
  const us = new Map<string, number[]>(jobs.map((j) => [j.key, []]));
  for (let r = 0; r < plan.rounds; r++) {
    const round = new Map<string, number[]>(jobs.map((j) => [j.key, []]));
    for (let b = 0; b < (plan.blocks ?? 1); b++)
      for (let k = 0; k < jobs.length; k++) {
        const j = jobs[(k + b + r) % jobs.length]!;
        round.get(j.key)!.push(await cpuPerCall(j.fn, plan.calls));
      }
    for (const [key, xs] of round) us.get(key)!.push(median(xs));
  }
  return paired(variants, us, reference);
}

/** Ratios and deltas per round against the reference's value in the same round. */
function paired(variants: Variant[], us: Map<string, number[]>, reference: string): Samples {
  const out: Samples = {};
  for (const v of variants) {
    const row = {} as Samples[string];
    for (const m of METHODS) {
      const ref = us.get(`${reference}|${m}`)!;
      const xs = us.get(`${v.name}|${m}`)!;
      row[m] = { us: xs, ratio: xs.map((x, r) => x / ref[r]!), delta: xs.map((x, r) => x - ref[r]!) };
    }
    out[v.name] = row;
  }
  return out;
}
