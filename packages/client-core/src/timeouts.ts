// The attempt timeouts of one client on a single timer. Every attempt bounded by the client's own
// `timeoutMs` expires in the order it started, so a queue serves: the timer is set only for the oldest
// attempt still in flight. A timer per attempt (setTimeout + clearTimeout) was about 40% of the client's
// own CPU time per call in a profile of stubbed GETs; a queue entry costs a push and a flag.

/** One attempt in the queue: it expires if it is still in flight (`item` set) `ms` after it was added. */
export interface Armed<T> {
  at: number;
  item: T | undefined;
}

export class Timeouts<T> {
  readonly #ms: number;
  readonly #fire: (item: T) => void;
  #queue: Armed<T>[] = [];
  #head = 0;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** When the timer is due (performance.now() time). */
  #due = 0;

  /** `fire(item)` runs for each item still in flight `ms` after it was added. */
  constructor(ms: number, fire: (item: T) => void) {
    this.#ms = ms;
    this.#fire = fire;
  }

  /** Fires `item` in `ms` unless {@link settle} disarms the entry first. */
  add(item: T): Armed<T> {
    const entry = { at: performance.now() + this.#ms, item };
    this.#queue.push(entry);
    if (this.#timer === undefined) this.#arm(entry.at);
    return entry;
  }

  /**
   * Disarms an entry and drops finished ones from the front, so the queue holds about the attempts in
   * flight. The timer is left to run out (then re-set for the next entry, if any): clearing and setting
   * it for every call would cost what the queue saves.
   */
  settle(entry: Armed<T>): void {
    entry.item = undefined;
    const q = this.#queue;
    while (this.#head < q.length && q[this.#head]!.item === undefined) this.#head++;
    if (this.#head === q.length) {
      q.length = 0;
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > q.length) {
      q.splice(0, this.#head);
      this.#head = 0;
    }
  }

  #arm(at: number): void {
    this.#due = at;
    this.#timer = setTimeout(this.#expire, Math.max(0, at - performance.now()));
    // In flight, the request itself keeps the process alive; the timer alone must not.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #expire = (): void => {
    this.#timer = undefined;
    const q = this.#queue;
    // What the timer was set for is due, even where a faked clock says otherwise.
    const now = Math.max(performance.now(), this.#due);
    while (this.#head < q.length) {
      const e = q[this.#head]!;
      const item = e.item;
      if (item !== undefined && e.at > now) break;
      this.#head++;
      e.item = undefined;
      if (item !== undefined) this.#fire(item);
    }
    if (this.#head === q.length) {
      q.length = 0;
      this.#head = 0;
    } else this.#arm(q[this.#head]!.at);
  };
}
