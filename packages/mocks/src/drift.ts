// The drift report of a validating proxy: per operation and status, how many answers came back and how
// each broke the spec (field and rule, with a count). Printed by `cxkit-mocks proxy` on exit, for an issue.
import type { JournalEntry } from "./journal.ts";

interface Row {
  operation: string;
  status: number | null;
  count: number;
  /** `side field: message` → times seen. */
  problems: Map<string, number>;
}

export class DriftReport {
  readonly vendor: string;
  readonly upstream: string;
  #rows = new Map<string, Row>();
  #requests = 0;

  constructor(vendor: string, upstream: string) {
    this.vendor = vendor;
    this.upstream = upstream;
  }

  /** Counts one proxied request; logs a line when it broke the spec (messages are already scrubbed). */
  add(entry: JournalEntry, log?: (line: string) => void) {
    if (entry.refused) return; // refused by the guard: never reached the upstream
    this.#requests++;
    const operation = entry.operation ?? `${entry.method} ${entry.path} (not in the spec)`;
    const key = `${operation} ${entry.status}`;
    const row = this.#rows.get(key) ?? { operation, status: entry.status, count: 0, problems: new Map() };
    this.#rows.set(key, row);
    row.count++;
    for (const v of entry.violations ?? []) {
      const problem = `${v.side}${v.field ? ` ${v.field}` : ""}: ${v.message}`;
      row.problems.set(problem, (row.problems.get(problem) ?? 0) + 1);
    }
    if (entry.violations?.length)
      log?.(
        `drift: ${operation} → ${entry.status}: ${entry.violations.map((v) => `${v.field || v.side} ${v.message}`).join("; ")}\n`,
      );
  }

  /** The rows, off-spec ones first. */
  rows(): {
    operation: string;
    status: number | null;
    count: number;
    problems: { problem: string; count: number }[];
  }[] {
    return [...this.#rows.values()]
      .map((r) => ({ ...r, problems: [...r.problems].map(([problem, count]) => ({ problem, count })) }))
      .sort(
        (a, b) =>
          Number(b.problems.length > 0) - Number(a.problems.length > 0) ||
          a.operation.localeCompare(b.operation),
      );
  }

  /** The report as text: one block per operation and status. */
  text(): string {
    const rows = this.rows();
    const off = rows.filter((r) => r.problems.length > 0);
    const lines = [
      `Drift report: ${this.vendor} spec against ${this.upstream} — ${this.#requests} requests, ` +
        `${off.length} of ${rows.length} operation/status pairs off-spec`,
    ];
    for (const row of rows) {
      lines.push(
        `${row.problems.length ? "✖" : "✔"} ${row.operation} → ${row.status ?? "no answer"} (${row.count}×)`,
      );
      for (const p of row.problems) lines.push(`    ${p.problem}${p.count > 1 ? ` (${p.count}×)` : ""}`);
    }
    return lines.join("\n");
  }
}
