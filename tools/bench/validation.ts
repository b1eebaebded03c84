// What generated validation costs a client's users: per-call CPU of the engine on a typical GET and
// JSON POST, the cold `import()` of each client, and min+gzip of what `create<Vendor>Client` pulls in
// (first load, and what it loads on its first call, split as Rolldown splits it: tools/size-bundles.ts).
// Reads the built packages (dist/); printed by `npm run bench`, never asserted.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { splitBundle, weigh } from "../size-bundles.ts";
import { caseOf, root, type Vendor } from "./vendors.ts";

const dist = (vendor: Vendor) => join(root, `packages/client-${vendor}/dist`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** µs per call of the spec's checks (client-core's engine) on the bench's GET and POST. */
export async function validationCost(vendor: Vendor, quick: boolean): Promise<{ get: number; post: number }> {
  const core = await import(pathToFileURL(join(root, "packages/client-core/dist/index.js")).href);
  const { vendor: facts } = await import(pathToFileURL(join(dist(vendor), "generated/vendor.js")).href);
  const constraints = await import(pathToFileURL(join(dist(vendor), "generated/constraints.js")).href);
  const spec = { vendor: facts, operations: constraints.operations, schemas: constraints.schemas };
  const { examples } = await import(
    pathToFileURL(join(root, `mocks/${vendor}/src/generated/examples.ts`)).href
  );
  const c = caseOf(vendor);
  const body = Object.values(examples[c.post.operationId]?.requests ?? {})[0];
  const calls = {
    get: { method: "GET", path: c.get.path, params: {}, body: undefined },
    post: { method: "POST", path: c.post.path, params: c.post.params ?? {}, body },
  };
  const n = quick ? 2_000 : 20_000;
  const time = (call: object) => {
    const rounds: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      for (let i = 0; i < n; i++) core.callIssues(spec, call);
      rounds.push(((performance.now() - t) * 1000) / n);
    }
    return median(rounds);
  };
  return { get: time(calls.get), post: time(calls.post) };
}

/** Median ms of a fresh Node process's `import()` of the client's entry. */
export function coldImport(vendor: Vendor, quick: boolean): number {
  const entry = pathToFileURL(join(dist(vendor), "index.js")).href;
  const script = `const t=performance.now();await import(${JSON.stringify(entry)});process.stdout.write(String(performance.now()-t))`;
  const runs = Array.from({ length: quick ? 3 : 9 }, () =>
    Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })),
  );
  return median(runs);
}

/** kB min+gzip of `create<Vendor>Client`'s first load and of what it loads on the first call. */
export async function bundleSize(vendor: Vendor): Promise<{ first: number; lazy: number }> {
  const split = await splitBundle(vendor);
  return { first: weigh(split.first).gzip, lazy: weigh(split.lazy).gzip };
}
