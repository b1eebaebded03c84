// What `create<Vendor>Client` costs a browser app, as its bundler splits it: Rolldown (Vite's bundler)
// bundles the factory from the package entry, tree-shaken and code-split, and the chunks fall in two
// groups — the first load (the entry and every chunk it imports statically) and what loads lazily on
// the first call (the validation engine, the constraints and the rules). esbuild is not used here: its
// splitting keeps whatever the package entry can reach in the first chunk, used or not. `npm test`
// writes the chunks to .cxkit/size/<vendor>/{first,lazy}/ for size-limit (.size-limit.js, budgets from each
// vendor's mock.json `size`) to weigh; `npm run bench` reports the same figures. Vendors: tools/vendors.ts.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type OutputChunk } from "rolldown";
import { clientDir, clientFactory, vendors } from "./vendors.ts";

const root = join(import.meta.dirname, "..");
export const VENDORS = vendors().map((v) => v.vendor);

export interface SplitBundle {
  first: Map<string, string>;
  lazy: Map<string, string>;
}

export async function splitBundle(vendor: string): Promise<SplitBundle> {
  const dir = join(root, ".cxkit/size", vendor);
  mkdirSync(dir, { recursive: true });
  const input = join(dir, "entry.js");
  const entry = join(root, `${clientDir(vendor)}/dist/index.js`);
  writeFileSync(input, `export { ${clientFactory(vendor)} } from ${JSON.stringify(entry)};\n`);
  const { output } = await build({
    input,
    platform: "browser",
    write: false,
    logLevel: "silent",
    output: { format: "esm", minify: true },
  });
  const chunks = new Map(
    output.filter((o): o is OutputChunk => o.type === "chunk").map((c) => [c.fileName, c]),
  );
  const first = new Set<string>();
  const visit = (name: string) => {
    if (first.has(name)) return;
    first.add(name);
    for (const i of chunks.get(name)?.imports ?? []) visit(i);
  };
  for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
  const split: SplitBundle = { first: new Map(), lazy: new Map() };
  for (const [name, c] of chunks) (first.has(name) ? split.first : split.lazy).set(name, c.code);
  return split;
}

/** kB min and min+gzip (each chunk gzipped on its own, as a server sends them). */
export const weigh = (files: Map<string, string>) => {
  let min = 0;
  let gzip = 0;
  for (const code of files.values()) {
    min += Buffer.byteLength(code) / 1000;
    gzip += gzipSync(code).length / 1000;
  }
  return { min, gzip };
};

if (import.meta.main) {
  const dir = join(root, ".cxkit/size");
  rmSync(dir, { recursive: true, force: true });
  for (const vendor of VENDORS) {
    const split = await splitBundle(vendor);
    rmSync(join(dir, vendor, "entry.js"));
    for (const part of ["first", "lazy"] as const) {
      mkdirSync(join(dir, vendor, part), { recursive: true });
      for (const [name, code] of split[part]) writeFileSync(join(dir, vendor, part, name), code);
    }
    const [f, l] = [weigh(split.first), weigh(split.lazy)];
    console.log(`${vendor}: first load ${f.gzip.toFixed(2)} kB gzip, lazy ${l.gzip.toFixed(2)} kB gzip`);
  }
}
