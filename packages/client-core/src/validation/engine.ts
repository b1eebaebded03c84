// A small JSON Schema interpreter over the request-side schemas codegen emits (src/generated/vendor.ts).
// Written here rather than taken from a library, by measurement on the bundled specs (Node 24, 2 cores):
// Ajv's standalone code is fast but weighs 27 kB (Q°emotion) to 491 kB (Dixa) minified, and Ajv or
// any code generator needs `new Function`, which CSP and edge runtimes forbid; @cfworker/json-schema
// interprets without eval but adds 6.4 kB gzip and costs 65–361 µs a call. This one is ~2 kB gzip and
// a few µs, and reports issues in the caller's terms (`body.items[0].id must be a UUID`).
// It covers the keywords the specs use, with Ajv's semantics (Prism validates with Ajv).
import { FORMATS } from "./formats.js";

export type Schema = boolean | SchemaObject;
/** A schema as codegen emits it: assertion keywords only; `$ref` names an entry of the table. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: Schema;
  propertyNames?: Schema;
  dependentRequired?: Record<string, string[]>;
  minProperties?: number;
  maxProperties?: number;
  items?: Schema;
  prefixItems?: Schema[];
  contains?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  if?: Schema;
  then?: Schema;
  else?: Schema;
  discriminator?: { propertyName: string };
}
export type SchemaTable = Record<string, Schema>;

/** One broken rule: `field` names the value as the caller wrote it (`body.data[0].id`, `query.pageLimit`). */
export interface ValidationIssue {
  field: string;
  message: string;
}

const patterns = new Map<string, RegExp>();
const regex = (p: string) => {
  let r = patterns.get(p);
  if (!r) {
    r = new RegExp(p, "u");
    patterns.set(p, r);
  }
  return r;
};
const IDENT = /^[A-Za-z_$][\w$]*$/;
const suffixes = new Map<string, string>();
/** `body` + `id` → `body.id`; `body` + `first name` → `body["first name"]`. */
export const child = (field: string, key: string) => {
  let suffix = suffixes.get(key);
  if (suffix === undefined) {
    suffix = IDENT.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    if (suffixes.size < 10_000) suffixes.set(key, suffix);
  }
  return field + suffix;
};

/** A value for a message: short, and never more than 40 characters of what the caller sent. */
export const show = (v: unknown): string => {
  const s = typeof v === "string" ? JSON.stringify(v) : v === undefined ? "nothing" : JSON.stringify(v);
  return s === undefined ? typeof v : s.length > 40 ? `${s.slice(0, 37)}…` : s;
};
const bare = (v: unknown) => (typeof v === "string" && v.length <= 40 ? v : show(v));
const list = (values: unknown[]) =>
  values.length > 12
    ? `${values.slice(0, 12).map(bare).join(", ")}, … (${values.length} in all)`
    : values.map(bare).join(", ");

const typeOf = (v: unknown): string =>
  v === null
    ? "null"
    : Array.isArray(v)
      ? "array"
      : typeof v === "number"
        ? !Number.isFinite(v)
          ? "non-finite number"
          : Number.isInteger(v)
            ? "integer"
            : "number"
        : // A Blob is a multipart file part: it stands where the schema says `type: string, format: binary`.
          typeof Blob !== "undefined" && v instanceof Blob
          ? "string"
          : typeof v;
const isBlob = (v: unknown) => typeof Blob !== "undefined" && v instanceof Blob;
/** `typeOf(v)` names `t` (or an integer where a number may be), without naming it. */
const isType = (v: unknown, t: string) => {
  switch (t) {
    case "string":
      return typeof v === "string" || isBlob(v);
    case "integer":
      return Number.isInteger(v);
    case "number":
      return Number.isFinite(v);
    case "object":
      return typeof v === "object" && v !== null && !Array.isArray(v) && !isBlob(v);
    case "array":
      return Array.isArray(v);
    case "null":
      return v === null;
    default:
      return typeof v === t;
  }
};
/** Whether `v` has the type, or one of the types, a schema's `type` names. */
const hasType = (v: unknown, t: string | string[]) => {
  if (typeof t === "string") return isType(v, t);
  for (const x of t) if (isType(v, x)) return true;
  return false;
};
const A = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const typesOf = (t: string | string[]) => (typeof t === "string" ? A(t) : t.map(A).join(" or "));

/** Deep equality of JSON values, for `enum`, `const` and `uniqueItems`. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || !a || !b) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => equal((a as never)[k], (b as never)[k]));
}

const codePoints = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

/** Validates `value` against `schema`, appending every broken rule to `out`; returns `out`. */
export function check(
  schema: Schema,
  value: unknown,
  field: string,
  table: SchemaTable,
  out: ValidationIssue[] = [],
): ValidationIssue[] {
  visit(node(schema), value, field, prepared(table), out);
  return out;
}

function visit(schema: Node | boolean, value: unknown, field: string, table: Table, out: ValidationIssue[]) {
  if (schema === true) return;
  if (schema === false) {
    out.push({ field, message: "is not allowed" });
    return;
  }
  if (schema.$ref !== undefined) return visit(table[schema.$ref] ?? true, value, field, table, out);
  const t = schema.type;
  if (t !== undefined && !hasType(value, t)) {
    out.push(out === scratch ? FAILED : { field, message: `must be ${typesOf(t)} (got ${typeOf(value)})` });
    return;
  }
  if (schema.enum && !schema.enum.includes(value) && !schema.enum.some((e) => equal(e, value)))
    out.push(
      out === scratch
        ? FAILED
        : { field, message: `must be one of: ${list(schema.enum)} (got ${show(value)})` },
    );
  if (schema.const !== undefined && !equal(schema.const, value))
    out.push(
      out === scratch ? FAILED : { field, message: `must be ${show(schema.const)} (got ${show(value)})` },
    );
  const k = schema.kinds;
  if (typeof value === "number") k & NUMBER && numberRules(schema, value, field, out);
  else if (typeof value === "string") k & STRING && stringRules(schema, value, field, out);
  else if (Array.isArray(value)) k & ARRAY && arrayRules(schema, value, field, table, out);
  else if (k & OBJECT && isType(value, "object"))
    objectRules(schema, value as Record<string, unknown>, field, table, out);
  if (k & COMBINED) combinators(schema, value, field, table, out);
}

function numberRules(s: Node, n: number, field: string, out: ValidationIssue[]) {
  if (s.minimum !== undefined && n < s.minimum)
    out.push({ field, message: `must be at least ${s.minimum} (got ${n})` });
  if (s.maximum !== undefined && n > s.maximum)
    out.push({ field, message: `must be at most ${s.maximum} (got ${n})` });
  if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum)
    out.push({ field, message: `must be greater than ${s.exclusiveMinimum} (got ${n})` });
  if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum)
    out.push({ field, message: `must be less than ${s.exclusiveMaximum} (got ${n})` });
  if (s.multipleOf !== undefined && !Number.isInteger(n / s.multipleOf))
    out.push({ field, message: `must be a multiple of ${s.multipleOf}` });
  const f = s.format === undefined ? undefined : FORMATS[s.format];
  if (f && f[2] === "number" && !f[0](n as never)) out.push({ field, message: `must be ${f[1]} (got ${n})` });
}

function stringRules(s: Node, v: string, field: string, out: ValidationIssue[]) {
  // Code points, as JSON Schema (and so the mock) counts them: a UTF-16 unit count bounds them both ways.
  if (
    s.minLength !== undefined &&
    (v.length < s.minLength || (v.length < 2 * s.minLength && codePoints(v) < s.minLength))
  )
    out.push({
      field,
      message: s.minLength === 1 ? "must not be empty" : `must have at least ${s.minLength} characters`,
    });
  if (s.maxLength !== undefined && v.length > s.maxLength && codePoints(v) > s.maxLength)
    out.push({ field, message: `must have at most ${s.maxLength} characters (got ${codePoints(v)})` });
  if (s.pattern !== undefined && !regex(s.pattern).test(v))
    out.push({ field, message: `must match the pattern ${s.pattern} (got ${show(v)})` });
  const f = s.format === undefined ? undefined : FORMATS[s.format];
  if (f && f[2] === "string" && !f[0](v as never))
    out.push({ field, message: `must be ${f[1]} (got ${show(v)})` });
}

function arrayRules(s: Node, v: unknown[], field: string, table: Table, out: ValidationIssue[]) {
  if (s.minItems !== undefined && v.length < s.minItems)
    out.push({
      field,
      message:
        s.minItems === 1 ? "must not be empty" : `must have at least ${s.minItems} items (got ${v.length})`,
    });
  if (s.maxItems !== undefined && v.length > s.maxItems)
    out.push({ field, message: `must have at most ${s.maxItems} items (got ${v.length})` });
  if (s.uniqueItems)
    for (let i = 1; i < v.length; i++) {
      const j = v.findIndex((x, k) => k < i && equal(x, v[i]));
      if (j >= 0) {
        out.push({ field, message: `must not repeat items (${field}[${j}] and [${i}] are equal)` });
        break;
      }
    }
  const prefix = s.prefixItems?.length ?? 0;
  for (let i = 0; i < v.length; i++) {
    const item = i < prefix ? s.prefixItems![i] : s.items;
    if (item !== undefined) visit(item, v[i], `${field}[${i}]`, table, out);
  }
  if (s.contains !== undefined && !v.some((x) => passes(s.contains!, x, table)))
    out.push({ field, message: "must contain a matching item" });
}

function objectRules(
  s: Node,
  v: Record<string, unknown>,
  field: string,
  table: Table,
  out: ValidationIssue[],
) {
  if (s.required)
    for (const name of s.required)
      if (v[name] === undefined) out.push({ field: child(field, name), message: "is required" });
  if (s.dependentRequired)
    for (const [name, needs] of Object.entries(s.dependentRequired))
      if (v[name] !== undefined)
        for (const need of needs)
          if (v[need] === undefined)
            out.push({ field: child(field, need), message: `is required when ${name} is set` });
  if (s.declared) {
    // Only `properties` judge the fields: visit those the schema names, not every field the value has.
    const mark = out.length;
    for (const key of s.declared) {
      const value = v[key];
      if (value !== undefined) visit(s.properties![key]!, value, child(field, key), table, out);
    }
    if (out.length === mark || out === scratch) return;
    out.length = mark; // something is wrong: report it in the order the caller wrote the fields
  }
  let count = 0;
  for (const key in v) {
    const value = v[key];
    if (value === undefined) continue; // JSON.stringify drops it: it is never sent
    count++;
    fieldRules(s, key, value, child(field, key), table, out);
  }
  if (s.minProperties !== undefined && count < s.minProperties)
    out.push({
      field,
      message:
        s.minProperties === 1
          ? "must not be empty"
          : `must have at least ${s.minProperties} fields (got ${count})`,
    });
  if (s.maxProperties !== undefined && count > s.maxProperties)
    out.push({ field, message: `must have at most ${s.maxProperties} fields (got ${count})` });
}

/** One field of an object whose schema also judges names or fields it does not declare. */
function fieldRules(s: Node, key: string, value: unknown, at: string, table: Table, out: ValidationIssue[]) {
  if (s.propertyNames !== undefined) {
    const named: ValidationIssue[] = [];
    visit(s.propertyNames, key, at, table, named);
    if (named.length) out.push({ field: at, message: `is not an allowed name: ${named[0]!.message}` });
  }
  const known = s.properties?.[key];
  let matched = known !== undefined;
  if (known !== undefined) visit(known, value, at, table, out);
  if (s.patternProperties)
    for (const [p, sub] of Object.entries(s.patternProperties))
      if (regex(p).test(key)) {
        matched = true;
        visit(sub, value, at, table, out);
      }
  if (!matched && s.additionalProperties !== undefined)
    if (s.additionalProperties === false) out.push({ field: at, message: "is not a known field" });
    else visit(s.additionalProperties, value, at, table, out);
}

/** Issues of sub-checks whose outcome only decides (`anyOf`, `if`, …) go here, and are dropped. */
const scratch: ValidationIssue[] = [];
const FAILED: ValidationIssue = { field: "", message: "" };
const passes = (s: Node | boolean, v: unknown, table: Table) => {
  const n = scratch.length;
  visit(s, v, "", table, scratch);
  const ok = scratch.length === n;
  scratch.length = n;
  return ok;
};
const issuesOf = (s: Node | boolean, v: unknown, field: string, table: Table) => {
  const out: ValidationIssue[] = [];
  visit(s, v, field, table, out);
  return out;
};

function combinators(s: Node, v: unknown, field: string, table: Table, out: ValidationIssue[]) {
  if (s.allOf) for (const sub of s.allOf) visit(sub, v, field, table, out);
  if (s.anyOf && !s.anyOf.some((sub) => passes(sub, v, table)))
    out.push(...closest(s.anyOf, v, field, table));
  if (s.oneOf) oneOf(s, v, field, table, out);
  if (s.not !== undefined && passes(s.not, v, table)) out.push({ field, message: describeNot(s.not, table) });
  if (s.if !== undefined) {
    const branch = passes(s.if, v, table) ? s.ifThen : s.ifElse;
    if (branch !== undefined) visit(branch, v, field, table, out);
  }
}

function oneOf(s: Node, v: unknown, field: string, table: Table, out: ValidationIssue[]) {
  const branches = s.oneOf!;
  const tag = s.discriminator?.propertyName;
  if (tag && v && typeof v === "object" && !Array.isArray(v)) {
    const value = (v as Record<string, unknown>)[tag];
    const tagged = branches.map((b) => [b, tagOf(b, tag, table)] as const);
    const known = tagged.flatMap(([, t]) => t ?? []);
    const match = tagged.find(([, t]) => t?.some((x) => equal(x, value)));
    if (value === undefined)
      out.push({ field: child(field, tag), message: `is required (one of: ${list(known)})` });
    else if (!match)
      out.push({ field: child(field, tag), message: `must be one of: ${list(known)} (got ${show(value)})` });
    else visit(match[0], v, field, table, out);
    return;
  }
  let matching = 0;
  for (const b of branches) if (passes(b, v, table)) matching++;
  if (matching === 0) out.push(...closest(branches, v, field, table));
  else if (matching > 1)
    out.push({
      field,
      message: `must match exactly one of ${branches.length} alternatives (matches ${matching})`,
    });
}

/** The values a branch allows for the discriminator property (its `const` or `enum`). */
function tagOf(branch: Node | boolean, tag: string, table: Table): unknown[] | undefined {
  const b = deref(branch, table);
  if (typeof b === "boolean") return undefined;
  const p = b.properties?.[tag];
  const prop = p === undefined ? undefined : deref(p, table);
  if (prop && typeof prop === "object") {
    if (prop.const !== undefined) return [prop.const];
    if (prop.enum) return prop.enum;
  }
  for (const sub of b.allOf ?? []) {
    const found = tagOf(sub, tag, table);
    if (found) return found;
  }
  return undefined;
}

const deref = (s: Node | boolean, table: Table): Node | boolean =>
  typeof s === "object" && s.$ref !== undefined ? deref(table[s.$ref] ?? true, table) : s;

/** A schema with its `$ref`s followed through the table, as written (for callers outside the engine). */
export const resolve = (s: Schema, table: SchemaTable): Schema =>
  typeof s === "object" && s.$ref !== undefined ? resolve(table[s.$ref] ?? true, table) : s;

/**
 * When no alternative matches: the issues of the one that came closest (right type, fewest broken
 * rules); where several come equally close, the issues of each, so every way to fix the value is named.
 */
function closest(branches: (Node | boolean)[], v: unknown, field: string, table: Table): ValidationIssue[] {
  let best: ValidationIssue[][] = [];
  const types: string[] = [];
  for (const b of branches) {
    const r = deref(b, table);
    const t = typeof r === "object" ? r.type : undefined;
    if (t !== undefined && !hasType(v, t)) {
      types.push(...(typeof t === "string" ? [t] : t));
      continue;
    }
    const issues = issuesOf(b, v, field, table);
    if (!best.length || issues.length < best[0]!.length) best = [issues];
    else if (issues.length === best[0]!.length) best.push(issues);
  }
  if (!best.length) return [{ field, message: `must be ${typesOf([...new Set(types)])} (got ${typeOf(v)})` }];
  const seen = new Set<string>();
  return best.flat().filter((i) => !seen.has(i.field + i.message) && !!seen.add(i.field + i.message));
}

function describeNot(not: Node | boolean, table: Table): string {
  const n = deref(not, table);
  if (typeof n === "object" && n.required?.length && n.only === "required properties")
    return `must not set ${n.required.join(" and ")} together`;
  return "must not match the excluded form";
}

// --- Schemas as nodes of one shape ---------------------------------------------------------------------
// Generated schemas are object literals of many shapes, so reading a keyword off one is a megamorphic
// property load; a few dozen per value made most of a call's validation time. Each schema is read once
// into a Node (every keyword in one fixed order, plus which rule groups apply), and the engine walks those.

const NUMBER = 1;
const STRING = 2;
const ARRAY = 4;
const OBJECT = 8;
const COMBINED = 16;
const words = (s: string) => s.split(" ") as (keyof SchemaObject)[];
// Keywords by what they hold; a node carries all of them, in this order (one hidden class for all nodes).
const PLAIN = words(
  "$ref type enum const minimum maximum exclusiveMinimum exclusiveMaximum multipleOf minLength maxLength " +
    "pattern format required dependentRequired minProperties maxProperties minItems maxItems uniqueItems discriminator",
);
const ONE = words("additionalProperties propertyNames items contains not if then else");
const MANY = words("prefixItems allOf anyOf oneOf");
const MAPS = words("properties patternProperties");
/** Keywords whose presence brings a rule group into play, by group. */
const GROUPS: [number, (keyof SchemaObject)[]][] = [
  [NUMBER, words("minimum maximum exclusiveMinimum exclusiveMaximum multipleOf format")],
  [STRING, words("minLength maxLength pattern format")],
  [ARRAY, words("minItems maxItems uniqueItems prefixItems items contains")],
  [OBJECT, words("required dependentRequired minProperties maxProperties").concat(MAPS, ONE.slice(0, 2))],
  [COMBINED, words("allOf anyOf oneOf not if")],
];
/** Keywords that judge an object's fields beyond its declared `properties`. */
const OPEN = words("patternProperties additionalProperties propertyNames minProperties maxProperties");

type Table = Record<string, Node | boolean>;
type Sub = Node | boolean;

/** A schema as the engine walks it: every keyword (sub-schemas as nodes), and what follows from them. */
interface Node
  extends Omit<
    SchemaObject,
    | "properties"
    | "patternProperties"
    | "additionalProperties"
    | "propertyNames"
    | "items"
    | "contains"
    | "not"
    | "if"
    | "then"
    | "else"
    | "prefixItems"
    | "allOf"
    | "anyOf"
    | "oneOf"
  > {
  properties?: Record<string, Sub>;
  patternProperties?: Record<string, Sub>;
  additionalProperties?: Sub;
  propertyNames?: Sub;
  items?: Sub;
  contains?: Sub;
  not?: Sub;
  if?: Sub;
  ifThen?: Sub;
  ifElse?: Sub;
  prefixItems?: Sub[];
  allOf?: Sub[];
  anyOf?: Sub[];
  oneOf?: Sub[];
  /** Which rule groups apply (NUMBER | STRING | …). */
  kinds: number;
  /** The declared property names, when nothing else judges an object's fields. */
  declared: string[] | undefined;
  /** "required properties" when the schema has just those keywords (a `not` of fields set together). */
  only: string;
}

const at = (k: string) => (k === "then" ? "ifThen" : k === "else" ? "ifElse" : k);
// Every node is a copy of this object: keys added one by one to `{}` would leave it in dictionary mode
// (too many properties), a copy keeps the template's fast shape.
const SHAPE = Object.fromEntries(
  [...PLAIN, ...ONE.map(at), ...MANY, ...MAPS, "kinds", "declared", "only"].map((k) => [k, undefined]),
);

function toNode(s: SchemaObject): Node {
  // biome-ignore lint/suspicious/noExplicitAny: filled keyword by keyword
  const n: any = { ...SHAPE };
  for (const k of PLAIN) n[k] = s[k];
  for (const k of ONE) n[at(k)] = s[k] === undefined ? undefined : node(s[k] as Schema);
  for (const k of MANY) n[k] = (s[k] as Schema[] | undefined)?.map(node);
  for (const k of MAPS) {
    const o = s[k] as Record<string, Schema> | undefined;
    n[k] = o && Object.fromEntries(Object.entries(o).map(([name, sub]) => [name, node(sub)]));
  }
  const has = (keys: (keyof SchemaObject)[]) => keys.some((k) => s[k] !== undefined);
  n.kinds = GROUPS.reduce((kinds, [bit, keys]) => (has(keys) ? kinds | bit : kinds), 0);
  n.declared = s.properties && !has(OPEN) ? Object.keys(s.properties) : undefined;
  n.only = Object.keys(s).every((k) => k === "required" || k === "properties" || s[k as never] === undefined)
    ? "required properties"
    : "";
  return n;
}

const nodes = new WeakMap<SchemaObject, Node>();
/** The node of a schema, made on first use and kept while the schema lives. */
function node(s: Schema): Sub {
  if (typeof s === "boolean") return s;
  let n = nodes.get(s);
  if (!n) {
    n = toNode(s);
    nodes.set(s, n);
  }
  return n;
}

const tables = new WeakMap<SchemaTable, Table>();
/** A schema table as nodes, made on first use. */
function prepared(table: SchemaTable): Table {
  let t = tables.get(table);
  if (!t) {
    t = Object.fromEntries(Object.entries(table).map(([k, v]) => [k, node(v)]));
    tables.set(table, t);
  }
  return t;
}
