import { inspect } from "node:util";
import type { Logger, VendorPreset } from "@cxkit/client-core";
import { vi } from "vitest";

/** Minimal openapi-typescript style schema used by the tests. */
export interface paths {
  "/items": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: {
        query?: { page?: number; cursor?: string; api_key?: string; "page[number]"?: string };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { items: string[] } } };
        404: { headers: { [name: string]: unknown }; content: { "application/json": { message: string } } };
      };
    };
    put?: never;
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { name: string } } };
      responses: {
        201: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
        422: { headers: { [name: string]: unknown }; content: { "application/json": { message: string } } };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/items/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
        404: { headers: { [name: string]: unknown }; content: { "application/json": { message: string } } };
      };
    };
    put: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { "application/json": { name: string } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
      };
    };
    post?: never;
    delete: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
    };
    options?: never;
    head?: never;
    patch: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { "application/json": { name: string } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } };
      };
    };
    trace?: never;
  };
}

export const SECRET = "sk_live_SuperSecret123456";
export const preset: VendorPreset = {
  vendor: "acme",
  baseUrl: "https://api.acme.test/v1",
  rateLimit: { limit: 1000, intervalMs: 1000 },
};

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

export interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string;
  at: number;
}

/**
 * Injected fetch: records every call and hands it to `handler(call, n)` (n = 1-based call number).
 * Honours `init.signal` like a real fetch. A handler returning `"hang"` never answers.
 */
export function stubFetch(
  handler: (call: Call, n: number) => Response | "hang" | Promise<Response | "hang">,
) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const signal = init?.signal ?? req.signal;
    const call: Call = {
      url: req.url,
      method: req.method,
      headers: new Headers(req.headers),
      body: req.body ? await req.text() : "",
      at: performance.now(),
    };
    calls.push(call);
    signal?.throwIfAborted();
    const out = await handler(call, calls.length);
    if (out !== "hang") return out;
    signal?.throwIfAborted(); // aborted while the handler ran: a listener added now would never fire
    return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

export function captureLogger() {
  const lines: { level: string; message: string; meta?: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, meta?: Record<string, unknown>): void => {
      lines.push({ level, message, meta });
    };
  const logger: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { lines, logger, text: () => JSON.stringify(lines) };
}

/** Every way an error can end up in a log or a snapshot. */
export const renderings = (e: unknown): string[] => [
  JSON.stringify(e),
  String(e),
  inspect(e, { depth: 10, showHidden: true }),
  (e as Error)?.stack ?? "",
  (e as Error)?.message ?? "",
];

export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

/**
 * Fakes the clocks the client and the helpers read (timers, `Date`, `performance`): time moves only
 * when the test advances it, so no outcome depends on how fast the machine is. Undo with
 * `vi.useRealTimers()` (the test files do it after each test).
 */
export function fakeClock(): void {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
}

/** The real setTimeout, kept before any test fakes it. */
const realSetTimeout = globalThis.setTimeout;

/**
 * Waits until `check()` is true, looking again every millisecond of real time. Unlike vi.waitFor, it
 * never moves a fake clock, and it has no time limit of its own: the test's explicit timeout is the
 * limit (a busy machine may be slow).
 */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => realSetTimeout(r, 1));
}

/** Whether `p` has settled yet: readable at any point, without awaiting it. */
export function track<T>(p: Promise<T>): { readonly settled: boolean } {
  const state = { settled: false };
  p.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
}

/**
 * Under {@link fakeClock}: fires the pending timers one at a time, in order, until `p` settles, and
 * returns `p`. Each step first lets pending promise jobs and I/O callbacks run, so the fake clock
 * never jumps past work that would schedule an earlier timer.
 */
export async function settle<T>(p: Promise<T>): Promise<T> {
  const state = track(p);
  while (!state.settled) await vi.advanceTimersToNextTimerAsync();
  return p;
}
