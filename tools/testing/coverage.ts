// Records which operations a test drove through the client against the mock, for tools/operation-coverage.ts.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Middleware } from "openapi-fetch";

export const coverageFile = (vendor: string) =>
  join(import.meta.dirname, "../../.cxkit/coverage", `${vendor}.json`);

/** An openapi-fetch middleware that notes `METHOD /path/template` of every 2xx answer. */
export function coverageRecorder(vendor: string): Middleware & { save(): void } {
  const hits = new Set<string>();
  return {
    onResponse({ request, response, schemaPath }) {
      if (response.ok) hits.add(`${request.method} ${schemaPath}`);
      return undefined;
    },
    save() {
      const file = coverageFile(vendor);
      mkdirSync(join(file, ".."), { recursive: true });
      let previous: string[] = [];
      try {
        previous = JSON.parse(readFileSync(file, "utf8")).operations;
      } catch {}
      const operations = [...new Set([...previous, ...hits])].sort();
      writeFileSync(file, `${JSON.stringify({ vendor, operations }, null, 2)}\n`);
    },
  };
}
