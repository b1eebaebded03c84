// The per-client timeout queue (src/timeouts.ts), on a fake clock: entries fire exactly `ms` after they
// were added, in order; settled ones never fire; a timer left running for a settled entry fires nothing
// early and is set again for the next one.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Timeouts } from "../src/timeouts.js";
import { fakeClock } from "./support.js";

afterEach(() => {
  vi.useRealTimers();
});

function queue(ms: number) {
  const fired: { item: string; at: number }[] = [];
  const t0 = performance.now();
  const q = new Timeouts<string>(ms, (item) => fired.push({ item, at: performance.now() - t0 }));
  return { q, fired };
}

describe("Timeouts", () => {
  it("fires each entry ms after it was added, in order", () => {
    fakeClock();
    const { q, fired } = queue(100);
    q.add("a");
    vi.advanceTimersByTime(30);
    q.add("b");
    vi.advanceTimersByTime(69);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ item: "a", at: 100 }]);
    vi.advanceTimersByTime(29);
    expect(fired).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([
      { item: "a", at: 100 },
      { item: "b", at: 130 },
    ]);
  });

  it("never fires a settled entry", () => {
    fakeClock();
    const { q, fired } = queue(100);
    const a = q.add("a");
    q.add("b");
    q.settle(a);
    vi.advanceTimersByTime(1000);
    expect(fired.map((f) => f.item)).toEqual(["b"]);
  });

  it("does not fire a later entry early on a timer that was set for a settled one", () => {
    fakeClock();
    const { q, fired } = queue(100);
    q.settle(q.add("a")); // the timer stays set for a's time (100)
    vi.advanceTimersByTime(90);
    q.add("b"); // due at 190
    vi.advanceTimersByTime(10); // a's timer fires at 100: nothing is due
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(89);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ item: "b", at: 190 }]);
  });

  it("keeps one timer for many entries in flight, and none once all are settled and it ran out", () => {
    fakeClock();
    const { q, fired } = queue(100);
    const entries = Array.from({ length: 3000 }, (_, i) => q.add(`e${i}`));
    expect(vi.getTimerCount()).toBe(1);
    for (const e of entries.slice(0, 2999)) q.settle(e);
    vi.advanceTimersByTime(100);
    expect(fired.map((f) => f.item)).toEqual(["e2999"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
