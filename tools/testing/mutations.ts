// Constraint mutations, generated from a vendor's spec: for every operation, a valid request (the
// spec's examples, else values made from the schemas) and, for every request-side constraint reached
// from it, the same request broken in that one place. Built from the bundled spec itself, not from the
// generated vendor.ts the engine runs on, and judged by Ajv configured as Prism configures it: a
// mutant Ajv still accepts is no breach and is dropped (counted), so no test expects a refusal the
// spec does not call for.
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { bundledSpec } from "../bundle-spec.ts";

type Json = Record<string, unknown>;
type Schema = Json;
type Part = "path" | "query" | "header" | "body";
export interface Call {
  params: { path: Json; query: Json; header: Json };
  body?: unknown;
}
export interface Mutant {
  /** The field the client must name, as the caller wrote it: `body.data[0].id`, `query.pageLimit`. */
  field: string;
  keyword: string;
  call: Call;
  /** Why no server can see this breach on the wire, when it cannot (the client alone judges it). */
  unseen?: string;
}
export interface OperationCases {
  key: string;
  method: string;
  path: string;
  id: string;
  /** Body sent as multipart/form-data (the only media type the operation takes). */
  multipart: boolean;
  /** The security requirements the operation accepts (its own, else the spec's). */
  security: Json[];
  /** Valid requests: the spec's request examples (named) and, failing those, one made from the schemas. */
  valid: { name: string; call: Call }[];
  mutants: Mutant[];
  /** Constraints whose breach could not be built, or that Ajv still accepted (no breach). */
  skipped: string[];
  /** Set when no valid request could be built: the spec needs an example. */
  problem?: string;
}

const METHODS = ["get", "put", "post", "delete", "patch"];

export async function constraintCases(vendor: string): Promise<OperationCases[]> {
  const spec = await bundledSpec<Json & { paths: Record<string, Json>; components: Json }>(vendor);
  const oracle = createOracle(spec);
  const out: OperationCases[] = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const method of METHODS)
      if (item[method]) out.push(new Generator(spec, oracle, method, path, item).run());
  return out;
}

/** Ajv as Prism 5 sets it up: draft-07 Ajv, all errors, union types, ajv-formats; params coerced. */
function createOracle(spec: Json) {
  const make = (coerceTypes: boolean) => {
    const ajv = new Ajv({
      allErrors: true,
      allowUnionTypes: true,
      strict: false,
      coerceTypes,
      logger: false,
    });
    addFormats.default(ajv);
    ajv.addSchema({ ...spec, $id: "spec" });
    return ajv;
  };
  const ajv = { body: make(false), param: make(true) };
  const cache = new Map<Schema, ValidateFunction>();
  return (schema: Schema, value: unknown, param: boolean): boolean => {
    const fn = cache.get(schema) ?? (param ? ajv.param : ajv.body).compile(rebase(schema) as Schema);
    cache.set(schema, fn);
    // Prism reads params off the wire: copy, since coercion rewrites the value in place.
    return fn(param ? structuredClone(value) : blobless(value));
  };
}

const rebase = (s: unknown): unknown =>
  Array.isArray(s)
    ? s.map(rebase)
    : s && typeof s === "object"
      ? Object.fromEntries(
          Object.entries(s).map(([k, v]) => [
            k,
            k === "$ref" && typeof v === "string" ? `spec${v}` : rebase(v),
          ]),
        )
      : s;
/** A multipart file part is text on the wire: for Ajv, a Blob is a string. */
const blobless = (v: unknown): unknown =>
  v instanceof Blob
    ? "file"
    : Array.isArray(v)
      ? v.map(blobless)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, blobless(x)]))
        : v;

class Generator {
  private readonly params: { in: Part; name: string; required: boolean; schema: Schema; example?: unknown }[];
  private readonly body?: {
    schema: Schema;
    required: boolean;
    examples: [string, unknown][];
    multipart: boolean;
  };
  private readonly mutants: Mutant[] = [];
  private readonly skipped: string[] = [];
  private visited = new Set<Schema>();

  private readonly spec: Json & { components: Json };
  private readonly oracle: (s: Schema, v: unknown, param: boolean) => boolean;
  private readonly method: string;
  private readonly path: string;

  constructor(
    spec: Json & { components: Json },
    oracle: (s: Schema, v: unknown, param: boolean) => boolean,
    method: string,
    path: string,
    item: Json,
  ) {
    this.spec = spec;
    this.oracle = oracle;
    this.method = method;
    this.path = path;
    const op = item[method] as Json;
    const list = [...((item.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])].map((p) =>
      this.ref(p, "parameters"),
    );
    this.params = list
      .filter((p) => ["path", "query", "header"].includes(p.in as string))
      .map((p) => ({
        in: p.in as Part,
        name: p.in === "header" ? String(p.name).toLowerCase() : String(p.name),
        required: !!p.required,
        schema: (p.schema as Schema) ?? {},
        example: p.example ?? Object.values((p.examples as Record<string, Json>) ?? {})[0]?.value,
      }));
    const rb = op.requestBody ? this.ref(op.requestBody as Json, "requestBodies") : undefined;
    const content = (rb?.content ?? {}) as Record<string, Json>;
    const type = Object.keys(content).find((t) => /json/.test(t)) ?? Object.keys(content)[0];
    if (rb && type) {
      const media = content[type]!;
      const named = Object.entries((media.examples as Record<string, Json>) ?? {}).map(
        ([n, e]) => [n, this.ref(e, "examples").value] as [string, unknown],
      );
      if (media.example !== undefined) named.push(["example", media.example]);
      this.body = {
        schema: (media.schema as Schema) ?? {},
        required: !!rb.required,
        examples: named,
        multipart: /multipart/.test(type),
      };
    }
  }

  run(): OperationCases {
    const key = `${this.method.toUpperCase()} ${this.path}`;
    const op = (this.spec.paths as Record<string, Record<string, Json>>)[this.path]![this.method]!;
    const base: OperationCases = {
      key,
      method: this.method.toUpperCase(),
      path: this.path,
      id: String(op.operationId),
      multipart: !!this.body?.multipart,
      security: (op.security as Json[]) ?? (this.spec.security as Json[]) ?? [],
      valid: [],
      mutants: this.mutants,
      skipped: this.skipped,
    };
    const params = this.baselineParams();
    if (typeof params === "string") return { ...base, problem: params };
    const bodies = this.baselineBodies();
    if (typeof bodies === "string") return { ...base, problem: bodies };
    for (const [name, body] of bodies) base.valid.push({ name, call: { params, body } });
    const start = base.valid[0]!.call;
    for (const p of this.params) this.walk(p.schema, [p.in, p.name], start, p.in !== "body");
    if (this.body) {
      if (this.body.required) this.push("body", "required", { ...start, body: undefined });
      this.visited = new Set();
      this.walk(this.body.schema, ["body"], start, false);
    }
    return base;
  }

  private baselineParams(): Call["params"] | string {
    const params: Call["params"] = { path: {}, query: {}, header: {} };
    for (const p of this.params.filter((x) => x.required)) {
      const value = [p.example, ...this.candidates(p.schema)].find(
        (v) => v !== undefined && this.oracle(p.schema, v, true),
      );
      if (value === undefined) return `no valid value for ${p.in}.${p.name}: add an example to the spec`;
      params[p.in as "path"][p.name] = value;
    }
    return params;
  }

  private baselineBodies(): [string, unknown][] | string {
    if (!this.body) return [["no body", undefined]];
    const good = this.body.examples.filter(([, v]) => this.oracle(this.body!.schema, v, false));
    const made = this.candidates(this.body.schema).find((v) => this.oracle(this.body!.schema, v, false));
    if (good.length) return good;
    if (made !== undefined) return [["made from the schema", made]];
    return "no valid body: add a request example to the spec";
  }

  // --- mutations -----------------------------------------------------------------------------------

  /** Every constraint of `schema`, applied at `at` (a path into the call), broken one at a time. */
  private walk(schema: Schema, at: (string | number)[], call: Call, param: boolean, depth = 0): void {
    const s = this.resolve(schema);
    if (depth > 10 || this.visited.has(s)) return;
    this.visited.add(s);
    let value = get(call, at);
    if (value === undefined) {
      const made = this.candidates(s).find((v) => this.accepts(set(call, at, v)));
      if (made === undefined) {
        this.skip(at, "optional value not constructible");
        return;
      }
      call = set(call, at, made);
      value = made;
    }
    this.scalarMutants(s, at, call, value, param);
    this.structureMutants(s, at, call, value, param, depth);
  }

  private scalarMutants(s: Schema, at: (string | number)[], call: Call, value: unknown, param: boolean) {
    const bad: [string, unknown][] = [];
    const type = [s.type].flat()[0] as string | undefined;
    if (type && !(param && (type === "string" || type === "array")))
      bad.push([
        "type",
        type === "string" ? 12345 : type === "object" || type === "array" ? "x" : "not-a-value",
      ]);
    if (Array.isArray(s.enum))
      bad.push([
        "enum",
        typeof s.enum[0] === "number" ? Math.max(...(s.enum as number[])) + 1000 : "zz-not-listed",
      ]);
    if (s.const !== undefined)
      bad.push([
        "const",
        typeof s.const === "string" ? `${s.const}-x` : typeof s.const === "number" ? s.const + 1 : !s.const,
      ]);
    const step = type === "integer" ? 1 : 0.5;
    if (typeof s.minimum === "number") bad.push(["minimum", s.minimum - step]);
    if (typeof s.maximum === "number") bad.push(["maximum", s.maximum + step]);
    if (typeof s.exclusiveMinimum === "number") bad.push(["exclusiveMinimum", s.exclusiveMinimum]);
    if (typeof s.exclusiveMaximum === "number") bad.push(["exclusiveMaximum", s.exclusiveMaximum]);
    const text = typeof value === "string" ? value : "a";
    if (typeof s.minLength === "number" && s.minLength > 0)
      bad.push(["minLength", text.slice(0, s.minLength - 1)]);
    if (typeof s.maxLength === "number") bad.push(["maxLength", text.padEnd(s.maxLength + 1, "a")]);
    if (typeof s.pattern === "string") {
      const re = new RegExp(s.pattern, "u");
      const miss = ["", "!", "~ no match ~", "a", "0"].find((c) => !re.test(c));
      if (miss !== undefined) bad.push(["pattern", miss]);
    }
    const badFormat = FORMAT_BREACHES[s.format as string];
    if (badFormat !== undefined) bad.push([`format ${s.format}`, badFormat]);
    for (const [keyword, v] of bad) this.push(at, keyword, set(call, at, v));
  }

  private structureMutants(
    s: Schema,
    at: (string | number)[],
    call: Call,
    value: unknown,
    param: boolean,
    depth: number,
  ) {
    const next = (sub: Schema, path: (string | number)[], c = call) =>
      this.walk(sub, path, c, param, depth + 1);
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const obj = value as Json;
      for (const name of (s.required as string[]) ?? [])
        this.push([...at, name], "required", set(call, [...at, name], undefined));
      if (s.additionalProperties === false)
        this.push([...at, "zz_unknown"], "additionalProperties", set(call, [...at, "zz_unknown"], 1));
      else if (s.additionalProperties && typeof s.additionalProperties === "object")
        next(s.additionalProperties as Schema, [...at, "zz_extra"]);
      if (typeof s.minProperties === "number" && s.minProperties > 0) {
        const keep = Object.fromEntries(Object.entries(obj).slice(0, s.minProperties - 1));
        this.push(at, "minProperties", set(call, at, keep));
      }
      if (typeof s.maxProperties === "number") {
        const more = { ...obj };
        for (let i = 0; Object.keys(more).length <= s.maxProperties; i++) more[`zz${i}`] = "x";
        this.push(at, "maxProperties", set(call, at, more));
      }
      if (s.propertyNames) {
        const names = this.resolve(s.propertyNames as Schema);
        const bad =
          typeof names.pattern === "string"
            ? ["!", "~", " "].find((c) => !new RegExp(names.pattern as string, "u").test(c))
            : typeof names.maxLength === "number"
              ? "k".repeat(names.maxLength + 1)
              : undefined;
        if (bad !== undefined)
          this.push([...at, bad], "propertyNames", set(call, [...at, bad], obj[Object.keys(obj)[0]!] ?? "x"));
      }
      for (const [name, sub] of Object.entries((s.properties as Record<string, Schema>) ?? {}))
        next(sub, [...at, name]);
    }
    if (Array.isArray(value)) {
      const item = value[0] ?? this.candidates(this.resolve((s.items as Schema) ?? {}))[0] ?? "x";
      if (typeof s.minItems === "number" && s.minItems > 0)
        this.push(at, "minItems", set(call, at, value.slice(0, s.minItems - 1)));
      if (typeof s.maxItems === "number")
        this.push(
          at,
          "maxItems",
          set(call, at, [...value, ...Array(s.maxItems + 1).fill(item)].slice(0, s.maxItems + 1)),
        );
      if (s.uniqueItems) this.push(at, "uniqueItems", set(call, at, [item, item]));
      if (s.items) next(s.items as Schema, [...at, 0], value.length ? call : set(call, at, [item]));
    }
    for (const sub of (s.allOf as Schema[]) ?? []) next(sub, at);
    for (const kw of ["oneOf", "anyOf"] as const) this.alternatives(s, kw, at, call, value, next);
    if (s.not) this.notMutant(s, at, call, value);
    if (s.if) this.conditional(s, at, call, value, next);
  }

  private alternatives(
    s: Schema,
    kw: "oneOf" | "anyOf",
    at: (string | number)[],
    call: Call,
    value: unknown,
    next: (sub: Schema, path: (string | number)[], c?: Call) => void,
  ) {
    const branches = (s[kw] as Schema[]) ?? [];
    const tag = (s.discriminator as Json | undefined)?.propertyName as string | undefined;
    if (tag && value && typeof value === "object")
      this.push([...at, tag], "discriminator", set(call, [...at, tag], "zz-unknown-type"));
    for (const b of branches) {
      if (this.oracle(b, value, false)) next(b, at);
      else {
        const made = this.candidates(this.resolve(b)).find((v) => this.accepts(set(call, at, v)));
        if (made === undefined) this.skip(at, `${kw} branch not constructible`);
        else next(b, at, set(call, at, made));
      }
    }
  }

  private notMutant(s: Schema, at: (string | number)[], call: Call, value: unknown) {
    const not = this.resolve(s.not as Schema);
    if (!Array.isArray(not.required) || !value || typeof value !== "object") {
      this.skip(at, "not");
      return;
    }
    let c = call;
    for (const name of not.required as string[]) {
      const sub = (s.properties as Record<string, Schema>)?.[name];
      c = set(c, [...at, name], (value as Json)[name] ?? (sub ? this.candidates(this.resolve(sub))[0] : "x"));
    }
    this.push(at, "not", c);
  }

  private conditional(
    s: Schema,
    at: (string | number)[],
    call: Call,
    value: unknown,
    next: (sub: Schema, path: (string | number)[], c?: Call) => void,
  ) {
    if (this.oracle(s.if as Schema, value, false)) {
      if (s.then) next(s.then as Schema, at);
      return;
    }
    // Make `if` hold by adding what it requires, then break `then`.
    const cond = this.resolve(s.if as Schema);
    let c = call;
    for (const name of (cond.required as string[]) ?? []) {
      const sub = (s.properties as Record<string, Schema>)?.[name];
      c = set(c, [...at, name], sub ? this.candidates(this.resolve(sub))[0] : "x");
    }
    if (s.then && this.oracle(s.if as Schema, get(c, at), false)) {
      const thenSchema = this.resolve(s.then as Schema);
      for (const name of (thenSchema.required as string[]) ?? [])
        this.push([...at, name], "if/then required", set(c, [...at, name], undefined));
    } else this.skip(at, "if/then");
    if (s.else) next(s.else as Schema, at);
  }

  /** Records `call` as a breach of `keyword` at `at`, if Ajv indeed refuses it. */
  private push(at: (string | number)[] | "body", keyword: string, call: Call) {
    const path = at === "body" ? ["body"] : at;
    const field = fieldName(path);
    if (this.accepts(call)) {
      this.skip(path, `${keyword} (Ajv accepts the breach)`);
      return;
    }
    this.mutants.push({ field, keyword, call, ...this.unseen(path, keyword, call) });
  }

  /** Breaches the wire erases: an empty path segment names another route; multipart parts are all text. */
  private unseen(at: (string | number)[], keyword: string, call: Call): { unseen?: string } {
    if (at[0] === "path" && get(call, at) === "")
      return { unseen: "an empty path segment addresses another route" };
    if (at[0] === "body" && this.body?.multipart && (keyword === "type" || keyword.startsWith("format")))
      return { unseen: "a multipart part is text on the wire, whatever its type was" };
    return {};
  }

  private skip(at: (string | number)[], why: string) {
    this.skipped.push(`${fieldName(at)}: ${why}`);
  }

  /** Whether Ajv, set up as Prism's, accepts the whole call. */
  private accepts(call: Call): boolean {
    for (const p of this.params) {
      const v = call.params[p.in as "path"][p.name];
      if (v === undefined) {
        if (p.required) return false;
      } else if (!this.oracle(p.schema, wire(v), true)) return false;
    }
    if (!this.body) return true;
    if (call.body === undefined) return !this.body.required;
    return this.oracle(this.body.schema, call.body, false);
  }

  // --- values ---------------------------------------------------------------------------------------

  /** Candidate valid values for a schema: its examples, then values made from its keywords. */
  private candidates(schema: Schema, depth = 0): unknown[] {
    const s = this.resolve(schema);
    const out: unknown[] = [];
    if (Array.isArray(s.examples)) out.push(...s.examples);
    if (s.example !== undefined) out.push(s.example);
    if (s.default !== undefined) out.push(s.default);
    if (s.const !== undefined) out.push(s.const);
    if (Array.isArray(s.enum)) out.push(s.enum[0]);
    if (depth > 8) return out;
    for (const kw of ["oneOf", "anyOf"])
      if (Array.isArray(s[kw])) out.push(...this.candidates(s[kw][0] as Schema, depth + 1));
    if (Array.isArray(s.allOf))
      out.push(
        Object.assign(
          {},
          ...(s.allOf as Schema[]).map(
            (x) => this.candidates(x, depth + 1).find((v) => v && typeof v === "object") ?? {},
          ),
          this.made(s, depth),
        ),
      );
    else out.push(this.made(s, depth));
    return out;
  }

  private made(s: Schema, depth: number): unknown {
    const type =
      ([s.type].flat().find((t) => t !== "null") as string | undefined) ??
      (s.properties ? "object" : undefined);
    if (type === "string") {
      const f = FORMAT_SAMPLES[s.format as string];
      if (f !== undefined) return f();
      return "a".repeat(Math.max(1, (s.minLength as number) ?? 1));
    }
    if (type === "integer" || type === "number") {
      const min = (s.minimum as number) ?? ((s.exclusiveMinimum as number) ?? 0) + 1;
      return typeof s.maximum === "number" ? Math.min(min, s.maximum) : min;
    }
    if (type === "boolean") return true;
    if (type === "array") {
      const item = this.candidates((s.items as Schema) ?? {}, depth + 1)[0] ?? "a";
      return Array(Math.max(1, (s.minItems as number) ?? 1)).fill(item);
    }
    if (type === "object") {
      const obj: Json = {};
      const props = (s.properties as Record<string, Schema>) ?? {};
      for (const name of (s.required as string[]) ?? [])
        obj[name] = this.candidates(props[name] ?? {}, depth + 1)[0] ?? "a";
      for (const [name, sub] of Object.entries(props))
        if (Object.keys(obj).length < ((s.minProperties as number) ?? 0))
          obj[name] = this.candidates(sub, depth + 1)[0];
      return obj;
    }
    return undefined;
  }

  private resolve(s: Schema): Schema {
    return this.ref(s, "schemas");
  }

  private ref(s: Json, kind: string): Json {
    const r = s?.$ref;
    if (typeof r !== "string") return s;
    const name = r.split("/").pop()!;
    return this.ref(((this.spec.components[kind] as Json)?.[name] as Json) ?? {}, kind);
  }
}

const FORMAT_SAMPLES: Record<string, () => unknown> = {
  uuid: () => "3f8c1c9e-5b0a-4d7e-9a61-0c2b7f4e8d10",
  email: () => "ada@example.com",
  "date-time": () => "2024-05-01T12:00:00Z",
  date: () => "2024-05-01",
  uri: () => "https://example.com/x",
  binary: () => new Blob(["file"], { type: "audio/mpeg" }),
};
const FORMAT_BREACHES: Record<string, unknown> = {
  uuid: "not-a-uuid",
  email: "not-an-email",
  "date-time": "not-a-date-time",
  date: "2024-13-45",
  uri: "not a uri",
  int32: 2 ** 31,
  int64: 1.5,
};

/** A parameter as text on the wire (arrays item by item), as Prism receives it. */
const wire = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(wire) : typeof v === "object" ? v : String(v);

function fieldName(at: (string | number)[]): string {
  const [part, ...rest] = at;
  // A parameter is named as written (`query.filter[x]`); below it, and in a body, JS accessor style.
  const start = part === "body" ? "body" : `${part}.${rest.shift()}`;
  return rest.reduce<string>(
    (f, k) =>
      typeof k === "number"
        ? `${f}[${k}]`
        : /^[A-Za-z_$][\w$]*$/.test(k)
          ? `${f}.${k}`
          : `${f}[${JSON.stringify(k)}]`,
    start,
  );
}

function get(call: Call, at: (string | number)[]): unknown {
  let v: unknown = at[0] === "body" ? call.body : call.params[at[0] as "path"];
  for (const k of at.slice(1)) v = v && typeof v === "object" ? (v as Json)[k as string] : undefined;
  return v;
}

/** A copy of `call` with the value at `at` replaced (`undefined` removes it). */
function set(call: Call, at: (string | number)[], value: unknown): Call {
  const copy: Call = { params: structuredClone(call.params), body: structuredClone(call.body) };
  if (at[0] === "body" && at.length === 1) {
    copy.body = value;
    return copy;
  }
  let holder: Json = at[0] === "body" ? (copy as unknown as Json) : (copy.params as Json);
  const keys = at;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i] as string;
    const nextValue = holder[k];
    if (!nextValue || typeof nextValue !== "object") holder[k] = typeof keys[i + 1] === "number" ? [] : {};
    holder = holder[k] as Json;
  }
  const last = keys.at(-1) as string;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
  return copy;
}
