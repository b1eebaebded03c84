// size-limit's checks, computed from the vendor registry (tools/vendors.ts: mocks/<vendor>/mock.json
// `size`, min+gzip budgets in kB): client-core alone, then each client's first load and what it loads on
// the first call, as tools/size-bundles.ts splits them (.cxkit/size/<vendor>/{first,lazy}/). Those chunks
// are already bundled, so the esbuild plugin is off for them.
import { clientFactory, clientPackage, vendors } from "./tools/vendors.ts";

const chunks = (vendor, part, name, limit) => ({
  name,
  path: `.cxkit/size/${vendor}/${part}/*.js`,
  disablePlugins: ["@size-limit/esbuild"],
  limit,
  gzip: true,
});

export default [
  {
    name: "@cxkit/client-core createApiClient + openapi-fetch",
    path: "packages/client-core/dist/index.js",
    import: "{ createApiClient }",
    limit: "6.9 kB",
    gzip: true,
  },
  ...vendors().flatMap(({ vendor, size }) => [
    chunks(
      vendor,
      "first",
      `${clientPackage(vendor)} ${clientFactory(vendor)}, first load (tools/size-bundles.ts)`,
      size.first,
    ),
    chunks(
      vendor,
      "lazy",
      `${clientPackage(vendor)} loaded on the first call: validation engine, constraints, rules`,
      size.lazy,
    ),
  ]),
];
