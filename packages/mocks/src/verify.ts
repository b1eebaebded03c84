// Verification over the journal, for the user's own tests: which requests match a pattern (method, path
// glob, status, since, query and body fields by partial deep match), and, when the count is not the one
// expected, a readable diff of the closest request. Programmatic (`expectRequest(mock, …)`) and over
// HTTP (`POST /__cxkit/verify`, `expectRequest("http://127.0.0.1:4014", …)`).
import type { JournalEntry } from "./journal.ts";

export interface RequestFilter {
  method?: string;
  /** The path as sent, without the query; `*` matches any run of characters (`/v1/agents/*`). */
  path?: string;
  /** A status (`201`) or a class (`"4xx"`). */
  status?: number | string;
  /** Only requests from this time on (ISO string, epoch ms or Date). */
  since?: string | number | Date;
}

export interface RequestPattern extends RequestFilter {
  /** Query parameters that must be present with these values (others may be too). */
  query?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  /** Fields the JSON body must have (partial deep match: other fields may be there too). */
  body?: unknown;
}

export interface Times {
  /** Exactly this many matching requests (default: at least one). */
  times?: number;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  message: string;
  matches: JournalEntry[];
  closest?: { entry: JournalEntry; differences: string[] };
}

const globs = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let re = globs.get(pattern);
  if (!re) {
    const source = pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
    re = new RegExp(`^${source.join(".*")}$`);
    globs.set(pattern, re);
  }
  return re;
}

const statusMatches = (want: number | string, got: number | null) =>
  /^\dxx$/i.test(String(want)) ? String(got)[0] === String(want)[0] : Number(want) === got;

/** The entries `filter` selects (method, path, status, since), in the order given. */
export function filterEntries(entries: JournalEntry[], filter: RequestFilter): JournalEntry[] {
  const since = filter.since === undefined ? undefined : new Date(filter.since).getTime();
  const method = filter.method?.toUpperCase();
  return entries.filter(
    (e) =>
      (method === undefined || e.method === method) &&
      (filter.path === undefined || glob(filter.path).test(e.path)) &&
      (filter.status === undefined || statusMatches(filter.status, e.status)) &&
      (since === undefined || Date.parse(e.time) >= since),
  );
}

/** Why `entry` does not match `pattern`, one line per difference (none: it matches). */
export function differences(entry: JournalEntry, pattern: RequestPattern): string[] {
  const out: string[] = [];
  if (pattern.method && entry.method !== pattern.method.toUpperCase())
    out.push(`method: expected ${pattern.method.toUpperCase()}, got ${entry.method}`);
  if (pattern.path && !glob(pattern.path).test(entry.path))
    out.push(`path: expected ${pattern.path}, got ${entry.path}`);
  if (pattern.status !== undefined && !statusMatches(pattern.status, entry.status))
    out.push(`status: expected ${pattern.status}, got ${entry.status}`);
  if (pattern.since !== undefined && Date.parse(entry.time) < new Date(pattern.since).getTime())
    out.push(`time: expected since ${new Date(pattern.since).toISOString()}, got ${entry.time}`);
  for (const [name, want] of Object.entries(pattern.query ?? {})) {
    const expected = Array.isArray(want) ? want.map(String) : String(want);
    partial(expected, entry.query[name], `query.${name}`, out);
  }
  if (pattern.body !== undefined) partial(pattern.body, entry.body, "body", out);
  return out;
}

/** Partial deep match: objects need the expected keys only; arrays match element by element, same length. */
function partial(expected: unknown, actual: unknown, field: string, out: string[]) {
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(expected) !== Array.isArray(actual))
      return void out.push(`${field}: expected ${show(expected)}, got ${show(actual)}`);
    if (Array.isArray(expected) && expected.length !== (actual as unknown[]).length)
      return void out.push(
        `${field}: expected ${expected.length} items, got ${(actual as unknown[]).length}`,
      );
    for (const [key, value] of Object.entries(expected))
      partial(
        value,
        (actual as Record<string, unknown>)[key],
        `${field}${Array.isArray(expected) ? `[${key}]` : `.${key}`}`,
        out,
      );
    return;
  }
  if (expected !== actual) out.push(`${field}: expected ${show(expected)}, got ${show(actual)}`);
}

const show = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v));

/** Checks `entries` (newest first) against `pattern`; `times` omitted means at least one. */
export function verify(
  entries: JournalEntry[],
  pattern: RequestPattern,
  { times }: Times = {},
): VerifyResult {
  const matches = entries.filter((e) => differences(e, pattern).length === 0);
  const ok = times === undefined ? matches.length > 0 : matches.length === times;
  const wanted = `${times === undefined ? "at least 1" : times} request${(times ?? 1) === 1 ? "" : "s"} matching ${describe(pattern)}`;
  const head = `Expected ${wanted}, got ${matches.length} (of ${entries.length} in the journal).`;
  if (ok) return { ok, count: matches.length, message: head, matches };
  const closest = closestOf(entries, pattern);
  const lines = closest
    ? [`Closest: #${closest.entry.seq} ${line(closest.entry)}`, ...closest.differences.map((d) => `  ${d}`)]
    : matches.length > 0
      ? matches.slice(0, 5).map((e) => `Matched: #${e.seq} ${line(e)}`)
      : ["The journal is empty."];
  return {
    ok,
    count: matches.length,
    message: [head, ...lines].join("\n"),
    matches,
    ...(closest && { closest }),
  };
}

function closestOf(entries: JournalEntry[], pattern: RequestPattern) {
  let best: { entry: JournalEntry; differences: string[] } | undefined;
  for (const entry of entries) {
    const diff = differences(entry, pattern);
    if (diff.length === 0) continue;
    // Same method and path first, then fewest differences.
    const score = (d: string[]) => d.filter((x) => /^(method|path):/.test(x)).length * 100 + d.length;
    if (!best || score(diff) < score(best.differences)) best = { entry, differences: diff };
  }
  return best;
}

const line = (e: JournalEntry) =>
  `${e.method} ${e.path}${Object.keys(e.query).length ? `?${new URLSearchParams(e.query as Record<string, string>)}` : ""} → ${e.status ?? "no answer"} at ${e.time}`;

export function describe(p: RequestPattern): string {
  const parts = [p.method?.toUpperCase() ?? "any method", p.path ?? "any path"];
  if (p.status !== undefined) parts.push(`status ${p.status}`);
  if (p.query) parts.push(`query ${JSON.stringify(p.query)}`);
  if (p.body !== undefined) parts.push(`body ${JSON.stringify(p.body)}`);
  return parts.join(" ");
}
