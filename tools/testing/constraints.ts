// The constraint-mutation suite a vendor's mock package runs (mocks/<vendor>/test/constraints.test.ts):
// every breach tools/testing/mutations.ts builds must be refused by the client before `fetch` (naming
// the field), by the MSW handlers and by the mock server (its front runs the spec's engine, then Prism);
// every valid request, the spec's request examples included, must pass all three. Prism alone (a second
// mock, `validate: "prism"`) is judged too, on every breach but its named blind spots.
import { join } from "node:path";
import type { VendorFacts } from "@cxkit/client-core";
import { getResponse, type RequestHandler } from "msw";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type RunningMock, startMock } from "../../packages/mocks/src/server.ts";
import { mockConfig } from "../../packages/mocks/src/vendors.ts";
import { type Call, constraintCases, type Mutant, type OperationCases } from "./mutations.ts";

export interface ConstraintSuite {
  vendor: string;
  /** The vendor's client with `fetch` injected (no retries, no rate limit). */
  client: (fetch: typeof globalThis.fetch) => unknown;
  /** The vendor's MSW handlers for a base URL. */
  handlers: (baseUrl: string) => RequestHandler[];
}

const REFUSED = [400, 422];
const AUTH_OR_VALIDATION = [400, 401, 415, 422];
// Generous explicit budget for one operation's Prism round (up to ~150 requests on a busy 2-core
// machine); nothing here measures speed.
const BUDGET = 120_000;

export async function constraintSuite({ vendor, client, handlers }: ConstraintSuite) {
  const root = join(import.meta.dirname, "../..");
  const facts = (await import(join(root, `packages/client-${vendor}/src/generated/vendor.ts`)))
    .vendor as VendorFacts;
  const operations = await constraintCases(vendor);
  const base = facts.servers[0]!.url;
  const msw = handlers(base);
  const prefix = new URL(base).pathname.replace(/\/$/, "");
  let prismAlone: RunningMock | undefined;
  // Prism's own verdict, without the front's engine: a mock of its own (a start-up of a few seconds).
  beforeAll(async () => {
    prismAlone = await startMock(mockConfig(vendor), { port: 0, validate: "prism", log: () => {} });
  }, BUDGET);
  afterAll(() => prismAlone?.close(), BUDGET);

  test("every operation has a valid request to mutate", () => {
    expect(operations.filter((o) => o.problem).map((o) => `${o.key}: ${o.problem}`)).toEqual([]);
  });

  describe.each(operations.filter((o) => !o.problem))("$key", (op) => {
    const headers = authHeaders(facts, op);
    test(`client refuses each breach before fetch, naming the field`, async () => {
      const failures: string[] = [];
      for (const m of op.mutants) {
        const verdict = await clientVerdict(client, op, m.call);
        if (verdict.sent) failures.push(`${m.field} (${m.keyword}): sent`);
        else if (
          !verdict.fields.some(
            (f) => f === m.field || f.startsWith(`${m.field}.`) || f.startsWith(`${m.field}[`),
          )
        )
          failures.push(
            `${m.field} (${m.keyword}): refused naming ${verdict.fields.join(", ") || verdict.error}`,
          );
      }
      expect(failures.join("\n")).toBe("");
    });

    test("MSW handlers refuse each breach", async () => {
      const failures: string[] = [];
      for (const m of op.mutants.filter((x) => !x.unseen)) {
        const res = await getResponse(msw, await wireRequest(base, op, m.call, headers));
        if (!res || !REFUSED.includes(res.status)) failures.push(`${m.field} (${m.keyword}): ${res?.status}`);
      }
      expect(failures.join("\n")).toBe("");
    });

    test("the mock server refuses each breach", { timeout: BUDGET }, async () => {
      const judged = op.mutants.filter((m) => !m.unseen);
      expect(await refusedBy(`${inject("mockUrl")}${prefix}`, op, judged, headers)).toBe("");
    });

    test("Prism alone refuses each breach it can see", { timeout: BUDGET }, async () => {
      const judged = op.mutants.filter((m) => !prismBlind(op, m));
      expect(await refusedBy(`${prismAlone!.url}${prefix}`, op, judged, headers)).toBe("");
    });

    test("valid requests (the spec's examples first) pass the client, MSW and Prism", {
      timeout: BUDGET,
    }, async () => {
      const mock = `${inject("mockUrl")}${prefix}`;
      const failures: string[] = [];
      for (const { name, call } of op.valid) {
        const verdict = await clientVerdict(client, op, call);
        if (!verdict.sent)
          failures.push(`${name}: client refused ${verdict.fields.join(", ") || verdict.error}`);
        // The spec's verdict is the guard's, every vendor's first handler: a stateful handler may still
        // refuse a valid request for the mock's state (a sequence that cannot start, say).
        const res = await getResponse(msw.slice(0, 1), await wireRequest(base, op, call, headers));
        if (res && AUTH_OR_VALIDATION.includes(res.status))
          failures.push(`${name}: MSW ${res.status} ${await res.text()}`);
        const prism = await fetch(await wireRequest(mock, op, call, headers));
        if (AUTH_OR_VALIDATION.includes(prism.status))
          failures.push(`${name}: Prism ${prism.status} ${await prism.text()}`);
        else await drain(prism);
      }
      expect(failures.join("\n")).toBe("");
    });
  });

  test("the mutation counts, per vendor (printed for the README)", () => {
    const count = operations.reduce((n, o) => n + o.mutants.length, 0);
    const skipped = operations.flatMap((o) => o.skipped.map((s) => `${o.key} ${s}`));
    const blind = operations.reduce((n, o) => n + o.mutants.filter((m) => prismBlind(o, m)).length, 0);
    const unseen = operations.reduce((n, o) => n + o.mutants.filter((m) => m.unseen).length, 0);
    console.log(
      `${vendor}: ${operations.length} operations, ${count} breaches checked; ${unseen} no server can see on the ` +
        `wire (client only), ${blind} Prism is blind to (multipart bodies, query names with ';'); ` +
        `${skipped.length} not buildable:\n  ${skipped.join("\n  ")}`,
    );
    expect(count).toBeGreaterThan(operations.length);
  });
}

/** The breaches `mockUrl` did not refuse with 400/422, one per line. */
async function refusedBy(
  mockUrl: string,
  op: OperationCases,
  judged: Mutant[],
  headers: Record<string, string>,
) {
  const statuses = await inBatches(judged, (m: Mutant) =>
    wireRequest(mockUrl, op, m.call, headers).then((r) => fetch(r).then(drain)),
  );
  return judged
    .flatMap((m, i) => (REFUSED.includes(statuses[i]!) ? [] : [`${m.field} (${m.keyword}): ${statuses[i]}`]))
    .join("\n");
}

/**
 * What Prism 5 does not check, judged by the client and the MSW handlers only and counted in the
 * summary: multipart/form-data bodies (Prism parses no multipart), and query parameters whose name
 * holds a `;` (EvaluAgent's `filter[created_at;between]`: Prism never finds them in the query).
 */
const prismBlind = (op: OperationCases, m: Mutant) =>
  !!m.unseen || (op.multipart && m.field.startsWith("body")) || /^query\.[^.]*;/.test(m.field);

/** What the client did with a call: sent it (fetch was called), or refused it naming these fields. */
async function clientVerdict(make: ConstraintSuite["client"], op: OperationCases, call: Call) {
  let sent = false;
  const c = make((async () => {
    sent = true;
    return Response.json({});
  }) as typeof fetch) as Record<string, (path: string, init: object) => Promise<unknown>>;
  try {
    await c[op.method]!(op.path, init(op, call));
    return { sent, fields: [] as string[] };
  } catch (e) {
    // Only a refusal by validation counts; a flow's own refusal after the check (EvaluAgent's refresh
    // without a token) means the check let the call through.
    if ((e as { kind?: string }).kind !== "validation") return { sent: true, fields: [] as string[] };
    const issues = (e as { issues?: { field: string }[] }).issues ?? [];
    return { sent, fields: issues.map((i) => i.field), error: String(e) };
  }
}

function init(op: OperationCases, call: Call): object {
  return {
    params: call.params,
    ...(call.body !== undefined && { body: call.body }),
    ...(op.multipart && { bodySerializer: toFormData }),
  };
}

function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(body ?? {}))
    for (const item of Array.isArray(v) ? v : [v])
      form.append(k, item instanceof Blob ? item : typeof item === "string" ? item : JSON.stringify(item));
  return form;
}

/** The request exactly as openapi-fetch would put it on the wire for `baseUrl`, with credentials. */
async function wireRequest(baseUrl: string, op: OperationCases, call: Call, headers: Record<string, string>) {
  let captured: Request | undefined;
  const raw = createClient({
    baseUrl,
    headers,
    fetch: async (request: Request) => {
      captured = request;
      return Response.json({});
    },
  });
  await (raw as unknown as Record<string, (p: string, i: object) => Promise<unknown>>)[op.method]!(
    op.path,
    init(op, call),
  );
  return captured!;
}

/** Credentials of the first security requirement the operation accepts, made up from the spec's schemes. */
function authHeaders(facts: VendorFacts, op: OperationCases): Record<string, string> {
  const requirement = op.security[0] ?? {};
  const headers: Record<string, string> = {};
  for (const name of Object.keys(requirement)) {
    const s = facts.securitySchemes[name];
    if (s?.type === "http")
      headers.authorization = s.scheme === "basic" ? `Basic ${btoa("id:secret")}` : "Bearer test-token";
    else if (s?.type === "apiKey" && s.in === "header" && s.name)
      headers[s.name.toLowerCase()] = "test-key-0123";
  }
  return headers;
}

const drain = async (r: Response) => {
  await r.arrayBuffer();
  return r.status;
};

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>, size = 8): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}
