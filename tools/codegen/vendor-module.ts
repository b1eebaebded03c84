// Builds a vendor's generated `vendor.ts`: the facts clients and mocks read at run time (servers,
// security schemes, rate limits, request-id headers, the validation error body) and every operation's
// request-side constraints as plain data, for client-core's validation engine (src/validation/).
// Schemas keep only the keywords that constrain a request; descriptions, examples and response
// schemas are left out. Component schemas stay shared (`{ "$ref": "Name" }`) so each is emitted once.

type Json = Record<string, unknown>;
interface Spec {
  info: Json;
  servers?: { url: string; description?: string }[];
  security?: Json[];
  paths: Record<string, Json>;
  components?: { schemas?: Json; parameters?: Json; requestBodies?: Json; securitySchemes?: Json };
}

/** Keywords the engine evaluates; everything else is documentation or response-side. */
const ASSERTIONS = new Set([
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "required",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "dependentRequired",
]);
const SUBSCHEMA = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "propertyNames",
  "contains",
]);
const SUBSCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const SUBSCHEMA_MAP = new Set(["properties", "patternProperties"]);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Two modules: `vendor.ts` (the facts, small, loaded with the client) and `constraints.ts` (every
 * operation's constraints and the schemas they use, loaded by the client on its first call).
 */
export function vendorModules(vendor: string, spec: Spec): { vendor: string; constraints: string } {
  const used = new Set<string>();
  const ref = (kind: keyof NonNullable<Spec["components"]>, value: unknown): Json => {
    const r = (value as { $ref?: string })?.$ref;
    if (!r) return value as Json;
    const name = r.split("/").pop() as string;
    return ref(kind, spec.components?.[kind]?.[name]);
  };
  const prune = (schema: unknown): unknown => {
    if (typeof schema === "boolean" || !schema || typeof schema !== "object") return schema;
    const s = schema as Json;
    if (typeof s.$ref === "string") {
      const name = s.$ref.replace("#/components/schemas/", "");
      used.add(name);
      return { $ref: name };
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(s)) {
      if (ASSERTIONS.has(k)) out[k] = v;
      else if (SUBSCHEMA.has(k)) out[k] = prune(v);
      else if (SUBSCHEMA_LIST.has(k)) out[k] = (v as unknown[]).map(prune);
      else if (SUBSCHEMA_MAP.has(k))
        out[k] = Object.fromEntries(Object.entries(v as Json).map(([n, x]) => [n, prune(x)]));
      else if (k === "discriminator") out[k] = { propertyName: (v as Json).propertyName };
    }
    return out;
  };

  const operations: Json = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      operations[`${method.toUpperCase()} ${path}`] = operation(op, item, ref, prune);
    }
  }
  // Components reached from other components, until none is new.
  const schemas: Json = {};
  for (let pending = [...used]; pending.length; pending = [...used].filter((n) => !(n in schemas)))
    for (const name of pending) schemas[name] = prune(spec.components?.schemas?.[name]);

  const operationRateLimits = Object.fromEntries(
    Object.entries(operations).flatMap(([key, op]) => {
      const { rateLimit, ...rest } = op as Json;
      operations[key] = rest;
      return rateLimit ? [[key, rateLimit]] : [];
    }),
  );
  // Required header parameters the spec allows one value for: the client sends them by itself.
  const constantHeaders: Record<string, Json> = {};
  for (const [key, op] of Object.entries(operations))
    for (const p of ((op as Json).params as Json[]) ?? []) {
      const schema = p.schema as Json;
      const only =
        schema.const ?? (Array.isArray(schema.enum) && schema.enum.length === 1 ? schema.enum[0] : undefined);
      if (p.in === "header" && p.required && typeof only === "string")
        constantHeaders[key] = { ...constantHeaders[key], [p.name as string]: only };
    }
  // Query lists the spec serialises as one comma-separated value (`explode: false`), per operation.
  const unexplodedQuery: Record<string, string[]> = {};
  for (const [key, op] of Object.entries(operations)) {
    const names = (((op as Json).params as Json[]) ?? []).filter(
      (p) => p.in === "query" && p.explode === false,
    );
    if (names.length) unexplodedQuery[key] = names.map((p) => p.name as string);
  }
  // Operations whose own `security` differs from the API-wide one, so a client can pick each call's
  // credentials from the route (EvaluAgent: Basic to create a token, the token to refresh or revoke it).
  const apiSecurity = JSON.stringify(spec.security ?? []);
  const operationSecurity = Object.fromEntries(
    Object.entries(operations).flatMap(([key, op]) => {
      const own = (op as Json).security;
      return own && JSON.stringify(own) !== apiSecurity ? [[key, own]] : [];
    }),
  );
  const extensions = Object.fromEntries(
    Object.entries(spec.info)
      .filter(([k]) => k.startsWith("x-cxkit-") && !FACT_KEYS.has(k))
      .map(([k, v]) => [k.slice("x-cxkit-".length).replace(/-(.)/g, (_, c: string) => c.toUpperCase()), v]),
  );
  const facts = {
    name: vendor,
    title: spec.info.title,
    servers: (spec.servers ?? []).map(({ url, description }) => ({ url, description })),
    security: spec.security ?? [],
    securitySchemes: securitySchemes(spec),
    rateLimit: spec.info["x-cxkit-rate-limit"],
    operationRateLimits,
    constantHeaders,
    unexplodedQuery,
    requestIdHeaders: spec.info["x-cxkit-request-id-headers"],
    errorBody: spec.info["x-cxkit-error-body"],
  };
  return {
    vendor: [
      'import type { VendorFacts } from "@cxkit/client-core";\n',
      "/** Servers, auth, rate limits, error shape and other `info.x-cxkit-*` facts of the spec. */",
      `export const vendor = ${JSON.stringify(facts, null, 2)} as const satisfies VendorFacts;\n`,
      '/** Operations whose `security` differs from the API-wide `vendor.security`, keyed `"METHOD /path/{template}"`. */',
      `export const operationSecurity = ${JSON.stringify(operationSecurity, null, 2)} as const satisfies Record<string, readonly Record<string, readonly string[]>[]>;\n`,
      "/** The spec's other `info.x-cxkit-*` extensions, camel-cased (`x-cxkit-survey-questions` → `surveyQuestions`). */",
      `export const extensions = ${JSON.stringify(extensions, null, 2)} as const;\n`,
    ].join("\n"),
    constraints: [
      'import type { OperationConstraints, SchemaTable } from "@cxkit/client-core";\n',
      `/** Every operation's request-side constraints, keyed \`"METHOD /path/{template}"\`. */`,
      `export const operations: Record<string, OperationConstraints> = ${JSON.stringify(operations)};\n`,
      `/** The component schemas those constraints refer to (\`{ "$ref": "Name" }\`). */`,
      `export const schemas: SchemaTable = ${JSON.stringify(sortKeys(schemas))};\n`,
    ].join("\n"),
  };
}

/** `info` extensions with a place of their own in the facts; the other `x-cxkit-*` go to `extensions`. */
const FACT_KEYS = new Set(["x-cxkit-rate-limit", "x-cxkit-request-id-headers", "x-cxkit-error-body"]);

function operation(
  op: Json,
  item: Json,
  ref: (kind: "parameters" | "requestBodies", v: unknown) => Json,
  prune: (s: unknown) => unknown,
): Json {
  const params = new Map<string, Json>();
  for (const p of [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]) {
    const param = ref("parameters", p);
    const name = param.in === "header" ? String(param.name).toLowerCase() : String(param.name);
    const out: Json = { in: param.in, name, schema: prune(param.schema ?? {}) };
    if (param.required) out.required = true;
    if (param.style) out.style = param.style;
    if (param.explode !== undefined) out.explode = param.explode;
    params.set(`${param.in} ${name}`, out);
  }
  const result: Json = { id: op.operationId };
  if (params.size) result.params = [...params.values()];
  if (op.requestBody) {
    const body = ref("requestBodies", op.requestBody);
    const content = Object.fromEntries(
      Object.entries((body.content as Record<string, Json>) ?? {}).map(([type, media]) => [
        type,
        prune(media.schema ?? {}),
      ]),
    );
    result.body = body.required ? { required: true, content } : { content };
  }
  // Query parameters the spec says exclude each other (`x-cxkit-mutually-exclusive-query`: lists of names).
  if (op["x-cxkit-mutually-exclusive-query"]) result.exclusiveQuery = op["x-cxkit-mutually-exclusive-query"];
  // The status a refused request gets, chosen as Prism chooses it: 422 if documented, else 400.
  const responses = Object.keys((op.responses as Json) ?? {});
  if (!responses.includes("422") && responses.includes("400")) result.invalidStatus = 400;
  if (op.security) result.security = op.security;
  if (op["x-cxkit-rate-limit"]) result.rateLimit = op["x-cxkit-rate-limit"];
  return result;
}

function securitySchemes(spec: Spec): Json {
  return Object.fromEntries(
    Object.entries(spec.components?.securitySchemes ?? {}).map(([name, s]) => {
      const { type, scheme, in: where, name: header } = s as Json;
      return [
        name,
        Object.fromEntries(Object.entries({ type, scheme, in: where, name: header }).filter((e) => e[1])),
      ];
    }),
  );
}

function sortKeys(o: Json): Json {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}
