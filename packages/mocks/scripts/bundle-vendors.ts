// Build step of @cxkit/mocks: for every vendor in mocks/<vendor>/mock.json, writes to dist/vendors/<vendor>/
// the spec bundled into one file (what Prism serves from an install alone), the mock settings, and the API
// reference rendered from that same bundle by Redocly build-docs (self-contained HTML: nothing is fetched).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { bundle, createConfig } from "@redocly/openapi-core";

const root = join(import.meta.dirname, "../../..");
const out = join(import.meta.dirname, "../dist/vendors");
const redocly = createRequire(import.meta.url).resolve("@redocly/cli/bin/cli.js");
// Linting is the spec projects' job; this only bundles.
const config = await createConfig({ extends: [] });

const LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-family="sans-serif" font-size="12" fill="#0044d4">Redocly</text></svg>',
)}`;

rmSync(out, { recursive: true, force: true });
for (const vendor of readdirSync(join(root, "mocks"))) {
  let settings: { spec: string; title: string };
  try {
    settings = JSON.parse(readFileSync(join(root, "mocks", vendor, "mock.json"), "utf8"));
  } catch {
    continue;
  }
  const dir = join(out, vendor);
  mkdirSync(dir, { recursive: true });
  const { bundle: doc, problems } = await bundle({ ref: join(root, settings.spec), config });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new Error(`${settings.spec}: ${errors.map((p) => p.message).join("; ")}`);
  writeFileSync(join(dir, "openapi.json"), JSON.stringify(doc.parsed));
  copyFileSync(join(root, "mocks", vendor, "mock.json"), join(dir, "mock.json"));
  execFileSync(
    process.execPath,
    [
      redocly,
      "build-docs",
      join(dir, "openapi.json"),
      "--inlineBundle",
      "--title",
      `${settings.title} API — cxkit mock`,
      "-o",
      join(dir, "reference.html"),
      "--lint-config",
      "off",
    ],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  // Redoc 3 shows Redocly's attribution logo from its CDN, the page's only request off this machine.
  // The mocks are loopback-only and often offline, so the logo becomes an inline SVG with the same name.
  const html = join(dir, "reference.html");
  const page = readFileSync(html, "utf8");
  const logos = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
  if (!logos.test(page)) throw new Error("Redoc's CDN logo URL changed: update bundle-vendors.ts");
  writeFileSync(html, page.replace(logos, LOGO));
  console.log(`dist/vendors/${vendor}: openapi.json, mock.json, reference.html`);
}
