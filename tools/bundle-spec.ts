// A vendor's spec as one document (its `$ref`s local, or resolved with `dereference`), found through the
// registry (tools/vendors.ts). Bundled with redocly.yaml's config; its lint rules play no part here.
import { join } from "node:path";
import { bundle, loadConfig } from "@redocly/openapi-core";
import { root, vendor } from "./vendors.ts";

let config: ReturnType<typeof loadConfig> | undefined;

// biome-ignore lint/suspicious/noExplicitAny: the bundled OpenAPI document, shaped by each caller
export async function bundledSpec<T = any>(name: string, dereference = false): Promise<T> {
  config ??= loadConfig({ configPath: join(root, "redocly.yaml") });
  const ref = join(root, vendor(name).spec);
  const { bundle: doc } = await bundle({ ref, config: await config, dereference });
  return doc.parsed as T;
}
