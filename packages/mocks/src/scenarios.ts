// Scenarios: latency and faults a mock injects, switchable without code. Three ways, most specific first:
// - per request: header `X-Cxkit-Scenario: status=429; retryAfter=2; delayMs=300` (or `reset`);
// - at run time: `PUT /__cxkit/scenarios` on the mock with a scenarios document (`DELETE` clears it);
// - from a file: `cxkit-mocks --scenarios file.json`, re-read whenever the file changes.
// A scenarios document maps a vendor name (or "*" for every vendor) to rules, tried in order:
//   { "dixa": [{ "match": "GET /v1/agents*", "status": 429, "retryAfter": 1, "every": 3 }],
//     "*": [{ "delayMs": 150 }] }
import { readFileSync, unwatchFile, watchFile } from "node:fs";

export interface Fault {
  /** Wait this long before answering. */
  delayMs?: number;
  /** Answer with this status: the operation's documented example for it, else the vendor's error shape. */
  status?: number;
  /** Seconds, sent as `Retry-After` with the status. */
  retryAfter?: number;
  /** Drop the connection without answering. */
  reset?: boolean;
}

export interface Rule extends Fault {
  /** `"METHOD /path"` or `"/path"` as the client sends it (with any version prefix, without the query); `*` matches anything. Omitted: every request. */
  match?: string;
  /** Only the first N matching requests; the rule is then spent. */
  times?: number;
  /** Only every Nth matching request (the Nth, 2Nth, …). */
  every?: number;
}

export type Scenarios = Record<string, Rule[]>;

const FAULT_KEYS = { delayMs: "number", status: "number", retryAfter: "number", reset: "boolean" } as const;
const RULE_KEYS = { ...FAULT_KEYS, match: "string", times: "number", every: "number" } as const;

export class ScenarioBook {
  #rules: Scenarios = {};
  #seen = new Map<Rule, number>();
  #file?: string;

  constructor(rules: Scenarios = {}) {
    this.set(rules);
  }

  get rules(): Scenarios {
    return this.#rules;
  }

  /** Replaces every rule (and their counts) after checking the document; throws naming what is wrong. */
  set(rules: unknown): void {
    if (!rules || typeof rules !== "object" || Array.isArray(rules))
      throw new Error('scenarios: expected an object mapping a vendor (or "*") to a list of rules');
    for (const [vendor, list] of Object.entries(rules)) {
      if (!Array.isArray(list)) throw new Error(`scenarios.${vendor}: expected a list of rules`);
      for (const [i, rule] of list.entries()) check(rule, RULE_KEYS, `scenarios.${vendor}[${i}]`);
    }
    this.#rules = rules as Scenarios;
    this.#seen.clear();
  }

  /** Loads a scenarios file and re-reads it whenever it changes (a broken edit keeps the previous rules). */
  watch(file: string, onChange?: (error?: Error) => void): this {
    this.set(JSON.parse(readFileSync(file, "utf8")));
    this.#file = file;
    watchFile(file, { interval: 500 }, () => {
      try {
        this.set(JSON.parse(readFileSync(file, "utf8")));
        onChange?.();
      } catch (error) {
        onChange?.(error as Error);
      }
    });
    return this;
  }

  close(): void {
    if (this.#file) unwatchFile(this.#file);
  }

  /** The fault for this request, if any: its header wins, then the first rule that fires. */
  pick(vendor: string, method: string, url: string, header?: string | string[]): Fault | undefined {
    if (typeof header === "string" && header.trim()) return parseHeader(header);
    const path = url.split("?")[0]!;
    for (const rule of [...(this.#rules[vendor] ?? []), ...(this.#rules["*"] ?? [])]) {
      if (rule.match && !matches(rule.match, method, path)) continue;
      const n = (this.#seen.get(rule) ?? 0) + 1;
      this.#seen.set(rule, n);
      if (rule.times !== undefined && n > rule.times) continue;
      if (rule.every !== undefined && n % rule.every !== 0) continue;
      const { match, times, every, ...fault } = rule;
      return fault;
    }
    return undefined;
  }
}

function matches(pattern: string, method: string, path: string): boolean {
  const space = pattern.indexOf(" ");
  const [m, p] =
    space > 0 ? [pattern.slice(0, space), pattern.slice(space + 1).trim()] : [undefined, pattern];
  if (m && m.toUpperCase() !== method.toUpperCase()) return false;
  const glob = new RegExp(
    `^${p
      .split("*")
      .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return glob.test(path);
}

/** `status=429; retryAfter=2; delayMs=100; reset` → a Fault; throws naming the bad part. */
export function parseHeader(header: string): Fault {
  const fault: Record<string, unknown> = {};
  for (const part of header
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [key = "", value] = part.split("=").map((s) => s.trim());
    const type = FAULT_KEYS[key as keyof typeof FAULT_KEYS];
    if (!type)
      throw new Error(
        `X-Cxkit-Scenario: unknown setting "${key}" (use ${Object.keys(FAULT_KEYS).join(", ")})`,
      );
    fault[key] = type === "boolean" ? value !== "false" : Number(value);
  }
  check(fault, FAULT_KEYS, "X-Cxkit-Scenario");
  return fault;
}

function check(value: unknown, keys: Record<string, string>, where: string) {
  if (!value || typeof value !== "object") throw new Error(`${where}: expected an object`);
  for (const [key, v] of Object.entries(value)) {
    const type = keys[key];
    if (!type) throw new Error(`${where}: unknown setting "${key}" (use ${Object.keys(keys).join(", ")})`);
    if (typeof v !== type || (type === "number" && !(Number.isFinite(v) && (v as number) >= 0)))
      throw new Error(`${where}.${key}: expected ${type === "number" ? "a number ≥ 0" : `a ${type}`}`);
  }
  const status = (value as Fault).status;
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599))
    throw new Error(`${where}.status: expected an HTTP status 200–599`);
}
