// Writes the parts of shared files that list vendors, from the registry (tools/vendors.ts), so that adding
// a vendor never means editing them by hand and they cannot go stale:
//   README.md     the tables between `<!-- vendors:<name>:start -->` and `<!-- vendors:<name>:end -->`
//   redocly.yaml  the `apis:` block after `# vendors:apis` (Redocly's lint reads it)
// Usage: node tools/registry-files.ts [--check]   (`npm run generate` writes; tools/check-generated.ts checks)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  clientPackage,
  mockDir,
  mockPackage,
  pickScheme,
  root,
  type SecurityScheme,
  securitySchemes,
  type VendorEntry,
  vendors,
} from "./vendors.ts";

const check = process.argv.includes("--check");
const registry = vendors();

/** A curl that passes the mock's credential check: the spec's first security scheme, any value. */
function curlAuth(scheme: SecurityScheme): string {
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return "-u id:secret";
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer")
    return "-H 'Authorization: Bearer any'";
  if (scheme.type === "apiKey" && scheme.in === "header") return `-H '${scheme.name}: any'`;
  throw new Error(`no curl form for ${JSON.stringify(scheme)}`);
}

const url = (v: VendorEntry) => `http://127.0.0.1:${v.port}`;

async function mockTable(): Promise<string> {
  const rows = await Promise.all(
    registry.map(async (v) => {
      const [, scheme] = pickScheme(await securitySchemes(v.vendor));
      const [first, ...more] = v.basePaths ?? [];
      const where = `${url(v)}${first ?? ""}${more.map((p) => ` and ${p}`).join("")}`;
      const tryIt = v.tryPath ? `\`curl ${curlAuth(scheme)} ${url(v)}${v.tryPath}\`` : "";
      return `| ${v.title} | ${where} | ${tryIt} |`;
    }),
  );
  return ["| vendor | URL | try |", "|---|---|---|", ...rows].join("\n");
}

function packagesTable(): string {
  const rows = registry.map(
    (v) =>
      `| ${v.title} | [\`${clientPackage(v.vendor)}\`](packages/client-${v.vendor}/README.md) | [\`${mockPackage(v.vendor)}\`](${mockDir(v.vendor)}/README.md) | [\`${v.spec}\`](${v.spec}) | ${v.port} | ${v.size.first} + ${v.size.lazy} |`,
  );
  return [
    "| vendor | client | MSW handlers | spec | mock port | size budget, min+gzip: first load + first call |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

function replaceBetween(text: string, file: string, name: string, body: string): string {
  const start = `<!-- vendors:${name}:start -->`;
  const end = `<!-- vendors:${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file}: no ${start} … ${end}`);
  return `${text.slice(0, i + start.length)}\n${body}\n${text.slice(j)}`;
}

function redoclyApis(text: string): string {
  const marker = "# vendors:apis";
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`redocly.yaml: no "${marker}" line`);
  const lines = registry.map((v) => `  ${v.vendor}:\n    root: ${v.spec}`);
  return `${text.slice(0, i)}${marker} (written by tools/registry-files.ts from mocks/*/mock.json)\napis:\n${lines.join("\n")}\n`;
}

const files: Record<string, (text: string) => Promise<string> | string> = {
  "README.md": async (text) =>
    replaceBetween(
      replaceBetween(text, "README.md", "packages", packagesTable()),
      "README.md",
      "mocks",
      await mockTable(),
    ),
  "redocly.yaml": redoclyApis,
};

let stale = false;
for (const [file, update] of Object.entries(files)) {
  const path = join(root, file);
  const current = readFileSync(path, "utf8");
  const next = await update(current);
  if (next === current) console.log(`${file} is up to date.`);
  else if (check) {
    console.error(`${file} is stale: run \`node tools/registry-files.ts\` and commit the result.`);
    stale = true;
  } else {
    writeFileSync(path, next);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
