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
const isType = (v: unknown, t: string) => {
  const actual = typeOf(v);
  return actual === t || (t === "number" && actual === "integer");
};
/** Whether `v` has the type, or one of the types, a schema's `type` names. */
const hasType = (v: unknown, t: string | string[]) => {
  if (typeof t === "string") return isType(v, t);
  for (const x of t) if (isType(v, x)) return true;
  return false;
};
const A = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

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
  if (schema === true) return out;
  if (schema === false) {
    out.push({ field, message: "is not allowed" });
    return out;
  }
  if (schema.$ref !== undefined) return check(table[schema.$ref] ?? true, value, field, table, out);
  const t = schema.type;
  if (t !== undefined && !hasType(value, t)) {
    const types = typeof t === "string" ? [t] : t;
    out.push({ field, message: `must be ${types.map(A).join(" or ")} (got ${typeOf(value)})` });
    return out;
  }
  if (schema.enum && !schema.enum.includes(value) && !schema.enum.some((e) => equal(e, value)))
    out.push({ field, message: `must be one of: ${list(schema.enum)} (got ${show(value)})` });
  if (schema.const !== undefined && !equal(schema.const, value))
    out.push({ field, message: `must be ${show(schema.const)} (got ${show(value)})` });
  if (typeof value === "number") numberRules(schema, value, field, out);
  else if (typeof value === "string") stringRules(schema, value, field, out);
  else if (Array.isArray(value)) arrayRules(schema, value, field, table, out);
  else if (value && typeof value === "object" && typeOf(value) === "object")
    objectRules(schema, value as Record<string, unknown>, field, table, out);
  combinators(schema, value, field, table, out);
  return out;
}

function numberRules(s: SchemaObject, n: number, field: string, out: ValidationIssue[]) {
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

function stringRules(s: SchemaObject, v: string, field: string, out: ValidationIssue[]) {
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

function arrayRules(
  s: SchemaObject,
  v: unknown[],
  field: string,
  table: SchemaTable,
  out: ValidationIssue[],
) {
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
    if (item !== undefined) check(item, v[i], `${field}[${i}]`, table, out);
  }
  if (s.contains !== undefined && !v.some((x) => !check(s.contains!, x, field, table).length))
    out.push({ field, message: "must contain a matching item" });
}

function objectRules(
  s: SchemaObject,
  v: Record<string, unknown>,
  field: string,
  table: SchemaTable,
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
  let count = 0;
  for (const key in v) {
    const value = v[key];
    if (value === undefined) continue; // JSON.stringify drops it: it is never sent
    count++;
    const at = child(field, key);
    if (s.propertyNames !== undefined) {
      const named = check(s.propertyNames, key, at, table);
      if (named.length) out.push({ field: at, message: `is not an allowed name: ${named[0]!.message}` });
    }
    const known = s.properties?.[key];
    let matched = known !== undefined;
    if (known !== undefined) check(known, value, at, table, out);
    if (s.patternProperties)
      for (const [p, sub] of Object.entries(s.patternProperties))
        if (regex(p).test(key)) {
          matched = true;
          check(sub, value, at, table, out);
        }
    if (!matched && s.additionalProperties !== undefined)
      if (s.additionalProperties === false) out.push({ field: at, message: "is not a known field" });
      else check(s.additionalProperties, value, at, table, out);
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

const passes = (s: Schema, v: unknown, table: SchemaTable) => check(s, v, "", table).length === 0;

function combinators(s: SchemaObject, v: unknown, field: string, table: SchemaTable, out: ValidationIssue[]) {
  if (s.allOf) for (const sub of s.allOf) check(sub, v, field, table, out);
  if (s.anyOf && !s.anyOf.some((sub) => passes(sub, v, table)))
    out.push(...closest(s.anyOf, v, field, table));
  if (s.oneOf) oneOf(s, v, field, table, out);
  if (s.not !== undefined && passes(s.not, v, table)) out.push({ field, message: describeNot(s.not, table) });
  if (s.if !== undefined) {
    const branch = passes(s.if, v, table) ? s.then : s.else;
    if (branch !== undefined) check(branch, v, field, table, out);
  }
}

function oneOf(s: SchemaObject, v: unknown, field: string, table: SchemaTable, out: ValidationIssue[]) {
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
    else check(match[0], v, field, table, out);
    return;
  }
  const matching = branches.filter((b) => passes(b, v, table)).length;
  if (matching === 0) out.push(...closest(branches, v, field, table));
  else if (matching > 1)
    out.push({
      field,
      message: `must match exactly one of ${branches.length} alternatives (matches ${matching})`,
    });
}

/** The values a branch allows for the discriminator property (its `const` or `enum`). */
function tagOf(branch: Schema, tag: string, table: SchemaTable): unknown[] | undefined {
  const b = resolve(branch, table);
  if (typeof b === "boolean") return undefined;
  const p = b.properties?.[tag];
  const prop = p === undefined ? undefined : resolve(p, table);
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

export const resolve = (s: Schema, table: SchemaTable): Schema =>
  typeof s === "object" && s.$ref !== undefined ? resolve(table[s.$ref] ?? true, table) : s;

/**
 * When no alternative matches: the issues of the one that came closest (right type, fewest broken
 * rules); where several come equally close, the issues of each, so every way to fix the value is named.
 */
function closest(branches: Schema[], v: unknown, field: string, table: SchemaTable): ValidationIssue[] {
  let best: ValidationIssue[][] = [];
  const types: string[] = [];
  for (const b of branches) {
    const r = resolve(b, table);
    const t = typeof r === "object" ? r.type : undefined;
    if (t !== undefined && !hasType(v, t)) {
      types.push(...(typeof t === "string" ? [t] : t));
      continue;
    }
    const issues = check(b, v, field, table);
    if (!best.length || issues.length < best[0]!.length) best = [issues];
    else if (issues.length === best[0]!.length) best.push(issues);
  }
  if (!best.length)
    return [{ field, message: `must be ${[...new Set(types)].map(A).join(" or ")} (got ${typeOf(v)})` }];
  const seen = new Set<string>();
  return best.flat().filter((i) => !seen.has(i.field + i.message) && !!seen.add(i.field + i.message));
}

function describeNot(not: Schema, table: SchemaTable): string {
  const n = resolve(not, table);
  if (
    typeof n === "object" &&
    n.required?.length &&
    Object.keys(n).every((k) => k === "required" || k === "properties")
  )
    return `must not set ${n.required.join(" and ")} together`;
  return "must not match the excluded form";
}
