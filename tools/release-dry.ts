// `npm run release:dry`: what a release would do, changing nothing. Changesets computes it (pending version
// bumps, then which packages' versions are not on the registry yet, packed exactly as `changeset publish`
// would publish them); this script only adds what Changesets has no dry-run for: it lists every tarball
// with its size and files, and checks the provenance-ready fields each published package.json needs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const dir = mkdtempSync(join(tmpdir(), "cxkit-release-"));

try {
  console.log("▶ pending changesets (what `changeset version` would bump)");
  const pending = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
  if (pending.length) console.log(run("changeset", ["status", "--verbose"]).trim());
  else console.log("none: the versions in each package.json are what would publish");

  console.log("\n▶ build");
  run("nx", ["run-many", "-t", "build", "--outputStyle=static"]);

  console.log("\n▶ publish plan (versions not on the registry yet)");
  const plan = join(dir, "plan.json");
  console.log(run("changeset", ["publish-plan", "--output", plan]).trim());
  run("changeset", ["pack", "--from-publish-plan", plan, "--out-dir", join(dir, "packs")]);

  const problems: string[] = [];
  const rows: string[][] = [];
  for (const pkgDir of ["packages", "mocks"].flatMap((d) =>
    readdirSync(join(root, d)).map((n) => join(d, n)),
  )) {
    let manifest: Record<string, unknown> & {
      name: string;
      version: string;
      private?: boolean;
      repository?: { directory?: string; url?: string };
      publishConfig?: { provenance?: boolean };
    };
    try {
      manifest = JSON.parse(readFileSync(join(root, pkgDir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    if (manifest.private) continue;
    for (const field of ["license", "engines", "files", "exports", "types"] as const)
      if (!manifest[field]) problems.push(`${manifest.name}: no "${field}"`);
    if (manifest.repository?.directory !== pkgDir)
      problems.push(`${manifest.name}: repository.directory is not "${pkgDir}"`);
    if (!manifest.repository?.url) problems.push(`${manifest.name}: no repository.url`);
    if (manifest.publishConfig?.provenance !== true)
      problems.push(`${manifest.name}: publishConfig.provenance is not true`);
    const tarball = readdirSync(join(dir, "packs"), { recursive: true, encoding: "utf8" }).find((f) =>
      f.endsWith(`${manifest.name.replace("@", "").replace("/", "-")}-${manifest.version}.tgz`),
    );
    if (!tarball) {
      rows.push([manifest.name, manifest.version, "already published", "", ""]);
      continue;
    }
    const path = join(dir, "packs", tarball);
    const files = run("tar", ["tzf", path]).trim().split("\n");
    rows.push([
      manifest.name,
      manifest.version,
      `${(statSync(path).size / 1024).toFixed(1)} kB`,
      String(files.length),
      [...new Set(files.map((f) => f.replace(/^package\//, "").split("/")[0]))].sort().join(" "),
    ]);
  }

  const header = ["package", "version", "tarball", "files", "contents"];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  console.log("\n▶ would publish (npm, tag latest, with provenance)\n");
  for (const row of [header, ...rows])
    console.log(
      row
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  if (problems.length) {
    console.error(`\n✖ not release-ready:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  } else console.log("\n✔ release-ready: nothing was published, versioned or tagged");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
