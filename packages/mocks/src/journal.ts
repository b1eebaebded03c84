// The request journal: every request a mock's front receives, as it was sent (credentials redacted),
// with what the mock answered. In memory, a ring buffer of `size` entries (0: off); appended to a JSON
// Lines file only when asked (`--journal <file>`). Read over `GET /__cxkit/requests` (journal-api.ts)
// or `mock.requests()`, verified with verify.ts.
import { createWriteStream, type WriteStream } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";

export interface JournalEntry {
  /** Order of arrival, from 1. */
  seq: number;
  /** The mock that received it (several may share one journal file). */
  vendor?: string;
  /** ISO time the request arrived. */
  time: string;
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: Record<string, string | string[]>;
  /** Header names lower-cased; credentials replaced by "[redacted]". */
  headers: Record<string, string>;
  /** Parsed JSON, else text; cut at the journal's `maxBodyBytes` (then `bodyTruncated`). */
  body?: unknown;
  bodyTruncated?: boolean;
  /** Status answered; null when the connection was dropped without an answer. */
  status: number | null;
  durationMs: number;
  /** Why the mock refused it (the messages of its answer). */
  refused?: string[];
  /** The scenario fault applied, if any. */
  fault?: { delayMs?: number; status?: number; retryAfter?: number; reset?: boolean };
  /** `"METHOD /template"` of the spec's operation, when known. */
  operation?: string;
  /** Proxy mode: how the request and the upstream's answer break the spec. */
  violations?: Violation[];
}

export interface Violation {
  side: "request" | "response";
  /** `status`, `body.data[0].id`, `header.content-type`… */
  field: string;
  message: string;
}

export interface JournalOptions {
  /** Entries kept in memory (oldest dropped first); 0 turns the journal off. Default 1000. */
  size?: number;
  /** Bytes of a body kept. Default 4096. */
  maxBodyBytes?: number;
  /** Also append every entry to this file, one JSON object a line. */
  file?: string;
  /** Set on each entry as `vendor`. */
  vendor?: string;
}

export const DEFAULT_JOURNAL = { size: 1000, maxBodyBytes: 4096 };
export const REDACTED = "[redacted]";
const CREDENTIAL = /^(authorization|proxy-authorization|cookie|set-cookie)$|key|token|secret/i;

/** A request under way: what the stages learnt, recorded once the answer is out (or the client gone). */
export interface Note {
  body?: Buffer;
  refused?: string[];
  fault?: JournalEntry["fault"];
  operation?: string;
  violations?: Violation[];
}

export class Journal {
  readonly size: number;
  readonly maxBodyBytes: number;
  // A request is kept as captured and formatted (redacted) when first read: recording stays a few
  // pointer copies on the request path. With a file or a listener it is formatted at once.
  readonly #entries: (JournalEntry | Captured | undefined)[];
  #next = 0;
  #seq = 0;
  #file: WriteStream | undefined;
  readonly #secretNames: Set<string>;
  readonly #vendor: string | undefined;
  readonly #listeners = new Set<(entry: JournalEntry) => void>();

  /** `secretNames`: header (and query) names the spec's security schemes name, redacted too. */
  constructor(options: JournalOptions = {}, secretNames: Iterable<string> = []) {
    this.size = Math.max(0, Math.floor(options.size ?? DEFAULT_JOURNAL.size));
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_JOURNAL.maxBodyBytes;
    this.#entries = new Array(this.size);
    this.#secretNames = new Set([...secretNames].map((n) => n.toLowerCase()));
    this.#vendor = options.vendor;
    if (options.file && this.size > 0) this.#file = createWriteStream(options.file, { flags: "a" });
  }

  get enabled(): boolean {
    return this.size > 0;
  }

  /** Whether a header or query parameter name carries a credential. */
  isSecret(name: string): boolean {
    const lower = name.toLowerCase();
    return this.#secretNames.has(lower) || CREDENTIAL.test(lower);
  }

  /** Records one request; `url` is the target as sent. */
  record(
    request: { method: string; url: string; headers: IncomingHttpHeaders },
    note: Note,
    status: number | null,
    durationMs: number,
  ): void {
    if (!this.enabled) return;
    // The body is the request's own buffer (bounded by the front's limit): only its head is kept.
    const body =
      note.body && note.body.length > this.maxBodyBytes
        ? Buffer.from(note.body.subarray(0, this.maxBodyBytes + 1))
        : note.body;
    const captured: Captured = {
      captured: true,
      seq: ++this.#seq,
      at: Date.now() - durationMs,
      request,
      note: { ...note, body },
      status,
      durationMs,
    };
    const slot = this.#next;
    this.#entries[slot] = captured;
    this.#next = (this.#next + 1) % this.size;
    if (!this.#file && this.#listeners.size === 0) return;
    const entry = this.#format(captured);
    this.#entries[slot] = entry;
    this.#file?.write(`${JSON.stringify(entry)}\n`);
    for (const listener of this.#listeners) listener(entry);
  }

  #format({ seq, at, request, note, status, durationMs }: Captured): JournalEntry {
    const secrets: string[] = [];
    const entry: JournalEntry = {
      seq,
      ...(this.#vendor && { vendor: this.#vendor }),
      time: new Date(at).toISOString(),
      method: request.method,
      ...this.#target(request.url, secrets),
      headers: this.#headers(request.headers, secrets),
      status,
      durationMs: Math.round(durationMs * 10) / 10,
    };
    this.#annotate(entry, note, secrets);
    return entry;
  }

  #target(url: string, secrets: string[]): Pick<JournalEntry, "path" | "query"> {
    const q = url.indexOf("?");
    const query: JournalEntry["query"] = {};
    if (q >= 0)
      for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
        const kept = this.isSecret(name) ? REDACTED : value;
        if (kept === REDACTED) secrets.push(value);
        const had = query[name];
        query[name] = had === undefined ? kept : [...(Array.isArray(had) ? had : [had]), kept];
      }
    return { path: q < 0 ? url : url.slice(0, q), query };
  }

  #headers(headers: IncomingHttpHeaders, secrets: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      const text = Array.isArray(value) ? value.join(", ") : value;
      if (!this.isSecret(name)) out[name] = text;
      else {
        out[name] = REDACTED;
        secrets.push(...credentialParts(text));
      }
    }
    return out;
  }

  /** Adds what the stages noted; a credential echoed into a message or the body is scrubbed too. */
  #annotate(entry: JournalEntry, note: Note, secrets: string[]) {
    const scrub = (text: string) => secrets.reduce((t, s) => t.replaceAll(s, REDACTED), text);
    if (note.body?.length) {
      const truncated = note.body.length > this.maxBodyBytes;
      const text = scrub(note.body.subarray(0, this.maxBodyBytes).toString("utf8"));
      entry.body = truncated ? text : parseJson(text);
      if (truncated) entry.bodyTruncated = true;
    }
    if (note.refused) entry.refused = note.refused.map(scrub);
    if (note.fault) entry.fault = note.fault;
    if (note.operation) entry.operation = note.operation;
    if (note.violations?.length)
      entry.violations = note.violations.map((v) => ({ ...v, message: scrub(v.message) }));
  }

  /** Entries, newest first. */
  entries(): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = 1; i <= this.size; i++) {
      const slot = (this.#next - i + this.size) % this.size;
      let entry = this.#entries[slot];
      if (!entry) break;
      if ("captured" in entry) this.#entries[slot] = entry = this.#format(entry);
      out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.#entries.fill(undefined);
    this.#next = 0;
  }

  /** Calls `listener` with each new entry; returns the unsubscribe function. */
  subscribe(listener: (entry: JournalEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Flushes and closes the file, if any. */
  close(): Promise<void> {
    const file = this.#file;
    this.#file = undefined;
    return new Promise((resolve) => (file ? file.end(() => resolve()) : resolve()));
  }
}

interface Captured {
  captured: true;
  seq: number;
  at: number;
  request: { method: string; url: string; headers: IncomingHttpHeaders };
  note: Note;
  status: number | null;
  durationMs: number;
}

/** The secret parts of a credential header: the whole value, the token after its scheme, Basic's decoded parts. */
function credentialParts(value: string): string[] {
  const parts = [value];
  const [, scheme, token] = /^(\w+) +(.+)$/.exec(value) ?? [];
  if (token) parts.push(token);
  if (scheme?.toLowerCase() === "basic" && token) {
    const decoded = Buffer.from(token, "base64").toString("utf8");
    parts.push(...decoded.split(":"), decoded);
  }
  // Shorter strings are too common to scrub from bodies and messages (the headers are redacted anyway).
  return parts.filter((p) => p.length >= 4);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Header and query names the spec's security schemes carry credentials in. */
export function secretNamesOf(schemes: Record<string, { type: string; in?: string; name?: string }>) {
  return Object.values(schemes).flatMap((s) => (s.type === "apiKey" && s.name ? [s.name] : []));
}
