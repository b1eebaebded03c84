// The verification helpers for tests, against a mock started in this process or one at a URL (another
// process: `npm start`, a globalSetup, a container): `requests(...)` lists what it received,
// `expectRequest(...)` throws a `VerificationError` with the closest request's diff when the count is off.
import type { Journal, JournalEntry } from "./journal.ts";
import {
  filterEntries,
  type RequestFilter,
  type RequestPattern,
  type Times,
  type VerifyResult,
  verify,
} from "./verify.ts";

/** A running mock (`startMock`'s result) or its base URL. */
export type MockTarget = { journal: Journal } | string | URL;

export class VerificationError extends Error {
  readonly result: VerifyResult;
  constructor(result: VerifyResult) {
    super(result.message);
    this.name = "VerificationError";
    this.result = result;
  }
}

const base = (target: string | URL) => String(target).replace(/\/+$/, "");

/** The requests `target` received that `filter` selects, newest first (up to 1000 over HTTP). */
export async function requests(target: MockTarget, filter: RequestFilter = {}): Promise<JournalEntry[]> {
  if (typeof target === "object" && "journal" in target)
    return filterEntries(target.journal.entries(), filter);
  const q = new URLSearchParams({ limit: "1000" });
  for (const [k, v] of Object.entries(filter))
    if (v !== undefined) q.set(k, v instanceof Date ? v.toISOString() : String(v));
  const res = await fetch(`${base(target)}/__cxkit/requests?${q}`);
  if (!res.ok) throw new Error(`GET /__cxkit/requests answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { requests: JournalEntry[] }).requests;
}

/** Resolves with the result when `target` received requests matching `pattern` (`times` of them, if given). */
export async function expectRequest(
  target: MockTarget,
  pattern: RequestPattern,
  times: Times = {},
): Promise<VerifyResult> {
  let result: VerifyResult;
  if (typeof target === "object" && "journal" in target)
    result = verify(target.journal.entries(), pattern, times);
  else {
    const since = pattern.since instanceof Date ? pattern.since.toISOString() : pattern.since;
    const res = await fetch(`${base(target)}/__cxkit/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...pattern, since, ...times }),
    });
    if (res.status !== 200 && res.status !== 409)
      throw new Error(`POST /__cxkit/verify answered ${res.status}: ${await res.text()}`);
    result = (await res.json()) as VerifyResult;
  }
  if (!result.ok) throw new VerificationError(result);
  return result;
}
