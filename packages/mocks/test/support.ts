// Test helpers: raw HTTP over a socket (for requests fetch refuses to send), waiting on conditions with
// explicit budgets, and whether a process is still there.
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";

export interface Exchange {
  /** Status of the first response, if one arrived. */
  status?: number;
  /** The response's body, as text. */
  body: string;
  /** Whether the server closed the connection (after answering, or without a word). */
  closed: boolean;
}

/** Budget for a single exchange with a local mock; generous because a busy machine must not fail a test. */
export const EXCHANGE_BUDGET_MS = 30_000;

/**
 * Writes `parts` to a new connection (`end` half-closes it afterwards) and resolves at the first complete
 * response, or when the server closes, or after `budgetMs` (then `status` is undefined and `closed` false).
 */
export function exchange(
  port: number,
  parts: (string | Buffer)[],
  { end = false, budgetMs = EXCHANGE_BUDGET_MS } = {},
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let data = Buffer.alloc(0);
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseResponse(data), closed });
    };
    const timer = setTimeout(() => done(false), budgetMs);
    socket.on("data", (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (parseResponse(data).complete) done(false);
    });
    socket.on("close", () => done(true));
    socket.on("error", () => {}); // a reset counts as closed
    for (const part of parts) socket.write(part);
    if (end) socket.end();
  });
}

function parseResponse(data: Buffer): { status?: number; body: string; complete: boolean } {
  const text = data.toString("latin1");
  const head = text.indexOf("\r\n\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
  if (head < 0 || !status) return { body: "", complete: false };
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head))?.[1] ?? Number.NaN);
  const body = data.subarray(Buffer.byteLength(text.slice(0, head + 4), "latin1"));
  return { status: Number(status), body: body.toString("utf8"), complete: body.length >= length };
}

/** A request as raw bytes, with Host, the given headers and (if any) the body with its Content-Length. */
export function rawRequest(
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string | Buffer,
) {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
  const lines = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (payload) lines.push(`Content-Length: ${payload.length}`);
  const head = Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
  return payload ? Buffer.concat([head, payload]) : head;
}

/** Polls `condition` every 50 ms until it holds; throws naming `what` once `budgetMs` has passed. */
export async function waitFor<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  budgetMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${budgetMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether `pid` is a live process (a zombie, exited but not yet reaped, counts as gone). */
export function alive(pid: number): boolean {
  if (existsSync("/proc/self/stat")) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether something accepts connections on the port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket
      .once("error", () => resolve(false))
      .once("connect", () => {
        socket.destroy();
        resolve(true);
      });
  });
}
