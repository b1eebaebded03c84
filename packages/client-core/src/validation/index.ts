// One validation engine for every client (and the MSW handlers): the spec's request-side constraints,
// generated per vendor into src/generated/vendor.ts, plus the few rules a schema cannot say.
import { CxkitError } from "../errors.js";
import { byRoute } from "../routes.js";
import type { SchemaTable, ValidationIssue } from "./engine.js";
import { type OperationConstraints, type RequestCall, requestIssues, type SpecRateLimit } from "./request.js";

export {
  check,
  child,
  type Schema,
  type SchemaObject,
  type SchemaTable,
  show,
  type ValidationIssue,
} from "./engine.js";
export {
  type OperationConstraints,
  type ParamConstraint,
  type RequestCall,
  requestIssues,
  type SpecRateLimit,
} from "./request.js";

/** A spec's security scheme, as codegen keeps it (`type`, and `scheme` or `in` + `name`). */
export interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
}

/** The run-time facts codegen reads off a spec's `info`, `servers` and `components`. */
export interface VendorFacts {
  name: string;
  title: string;
  servers: readonly { url: string; description?: string }[];
  security: readonly Record<string, readonly string[]>[];
  securitySchemes: Record<string, SecurityScheme>;
  rateLimit?: SpecRateLimit;
  /** Operations' own `x-cxkit-rate-limit`, keyed `"METHOD /path"`. */
  operationRateLimits?: Record<string, SpecRateLimit>;
  /** Required header parameters with one allowed value, per `"METHOD /path"`: sent when the call omits them. */
  constantHeaders?: Record<string, Record<string, string>>;
  /** Query lists sent as one comma-separated value (`explode: false`), per `"METHOD /path"`. */
  unexplodedQuery?: Record<string, readonly string[]>;
  /** `info.x-cxkit-request-id-headers`: response headers carrying the vendor's request id. */
  requestIdHeaders?: readonly string[];
  /** `info.x-cxkit-error-body`: the vendor's error body, `"$messages"`/`"$message"`/`"$status"` filled in. */
  errorBody?: unknown;
}

/** What a generated `constraints.ts` exports: every operation's constraints and the schemas they use. */
export interface SpecConstraints {
  operations: Record<string, OperationConstraints>;
  schemas: SchemaTable;
  /** The vendor's rules, when they are loaded with the constraints. */
  rules?: Record<string, Rule>;
}

/** A vendor's spec as run-time data: the facts (`vendor.ts`) and the constraints (`constraints.ts`). */
export interface VendorSpec extends SpecConstraints {
  vendor: VendorFacts;
}

/**
 * The same, with the constraints loaded on the first call (`() => import("./generated/constraints.js")`),
 * so a client's bundle carries only the facts and bundlers split the constraints into their own chunk.
 */
export interface LazyVendorSpec {
  vendor: VendorFacts;
  constraints: () => Promise<SpecConstraints> | SpecConstraints;
}

/**
 * A rule a schema cannot say (a time window, an id that must equal the path's), for one operation.
 * It sees the call's plain inputs and returns the broken rules, naming fields as {@link requestIssues} does.
 */
export type Rule = (call: RequestCall) => ValidationIssue[] | undefined;

/** Kind "validation": thrown before the network when a call breaks its spec; `issues` lists every broken rule. */
export class ValidationError extends CxkitError {
  override name = "ValidationError";
  declare readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[], where: { method?: string; path?: string; what?: string } = {}) {
    const { what = "request", ...at } = where;
    super(`invalid ${what}: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`, {
      kind: "validation",
      ...at,
      issues,
    });
  }
}

/** A call's inputs, checked: the operation's generated constraints, then its hand-written rules. */
export type RequestCheck = (call: RequestCall) => void | Promise<void>;

/** Every broken rule of `call`: the spec's constraints first, then `rules["METHOD /path"]`. */
export function callIssues(
  spec: VendorSpec,
  call: RequestCall,
  rules?: Record<string, Rule>,
): ValidationIssue[] {
  const key = `${call.method} ${call.path}`;
  return issuesOf(spec.operations[key], rules?.[key], spec.schemas, call);
}

function issuesOf(
  op: OperationConstraints | undefined,
  rule: Rule | undefined,
  schemas: SchemaTable,
  call: RequestCall,
): ValidationIssue[] {
  const issues = requestIssues(op, schemas, call);
  const extra = rule?.(call);
  if (extra?.length) issues.push(...extra);
  return issues;
}

/** The check a vendor preset runs: throws {@link ValidationError} naming every broken rule. */
export function validateRequests(
  spec: VendorSpec | LazyVendorSpec,
  rules?: Record<string, Rule>,
): RequestCheck {
  if (!("constraints" in spec)) return checker(spec, rules);
  let ready: RequestCheck | undefined;
  let loading: Promise<RequestCheck> | undefined;
  return (call) => {
    if (ready) return ready(call);
    loading ??= Promise.resolve(spec.constraints()).then((c) => {
      ready = checker(
        { vendor: spec.vendor, operations: c.operations, schemas: c.schemas },
        c.rules ?? rules,
      );
      return ready;
    });
    return loading.then((check) => check(call));
  };
}

/** The synchronous check of a loaded spec: its operations and rules looked up by method and path. */
function checker(spec: VendorSpec, rules?: Record<string, Rule>): RequestCheck {
  const operation = byRoute(spec.operations);
  const rule = byRoute(spec.rules ?? rules);
  return (call) => {
    const issues = issuesOf(
      operation(call.method, call.path),
      rule(call.method, call.path),
      spec.schemas,
      call,
    );
    if (issues.length) throw new ValidationError(issues, { method: call.method, path: call.path });
  };
}
