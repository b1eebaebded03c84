// Records which operations a test drove through the client against the mock, for tools/operation-coverage.ts.
// Each recorder writes its own file under .cxkit/coverage/<vendor>/, so test files running in parallel never
// overwrite each other; the coverage check takes the union.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Middleware } from "openapi-fetch";

export const coverageDir = (vendor: string) => join(import.meta.dirname, "../../.cxkit/coverage", vendor);

/** An openapi-fetch middleware that notes `METHOD /path/template` of every 2xx answer. */
export function coverageRecorder(vendor: string): Middleware & { save(): void } {
  const hits = new Set<string>();
  return {
    onResponse({ request, response, schemaPath }) {
      if (response.ok) hits.add(`${request.method} ${schemaPath}`);
      return undefined;
    },
    save() {
      const dir = coverageDir(vendor);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${process.pid}-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, `${JSON.stringify({ vendor, operations: [...hits].sort() }, null, 2)}\n`);
    },
  };
}
