// Mock latency: the same GET through the same vendor client (rate limiter off), answered by the cxkit
// Prism mock (startMock: the front in this process, Prism in a child, on 127.0.0.1) and by the vendor's
// MSW handlers in process (setupServer from msw/node; unhandled requests are errors, so nothing leaves
// the process). Sequential requests; wall-clock latency per request, p50 and p99.
import { setupServer } from "msw/node";
import { quantile } from "../../packages/client-core/bench/measure.ts";
import { startMock } from "../../packages/mocks/src/server.ts";
import { mockConfig } from "../../packages/mocks/src/vendors.ts";
import { handlersFactory, mockBaseUrlExport, mockPackage } from "../vendors.ts";
import { caseOf, type LooseClient, type Vendor } from "./vendors.ts";

/**
 * The vendor's MSW handlers (`create<Vendor>Handlers` of `@cxkit/mock-<vendor>`) and the base URL they
 * answer (`<VENDOR>_MOCK_BASE_URL`), its `:param` segment (Dixa's `:version`) filled with the mock's base path.
 */
async function msw(vendor: Vendor): Promise<{ handlers: unknown[]; baseUrl: string }> {
  const m = (await import(mockPackage(vendor))) as Record<string, unknown>;
  const create = m[handlersFactory(vendor)] as (() => unknown[]) | undefined;
  const baseUrl = m[mockBaseUrlExport(vendor)] as string | undefined;
  if (!create || !baseUrl)
    throw new Error(
      `${mockPackage(vendor)} exports no ${handlersFactory(vendor)} or ${mockBaseUrlExport(vendor)}`,
    );
  const segment = caseOf(vendor).basePath.slice(1);
  return { handlers: create(), baseUrl: baseUrl.replace(/:[A-Za-z]\w*/, segment) };
}

export interface Latency {
  p50: number;
  p99: number;
  n: number;
}

/** `n` sequential GETs after a warm-up; latencies in ms. */
async function latencies(vendor: Vendor, client: LooseClient, n: number): Promise<Latency> {
  const path = caseOf(vendor).get.path;
  const call = async () => {
    const { response } = await client.GET(path);
    if (!response.ok) throw new Error(`${vendor} GET ${path}: ${response.status}`);
  };
  for (let i = 0; i < Math.min(200, n); i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), n };
}

export async function mockLatency(vendor: Vendor, n: number): Promise<{ prism: Latency; msw: Latency }> {
  const c = caseOf(vendor);
  const mock = await startMock(mockConfig(vendor), { port: 0, log: () => {} });
  let prism: Latency;
  try {
    prism = await latencies(vendor, await c.client(mock.url + c.basePath), n);
  } finally {
    await mock.close();
  }
  const { handlers, baseUrl } = await msw(vendor);
  const server = setupServer(...(handlers as Parameters<typeof setupServer>));
  server.listen({ onUnhandledRequest: "error" });
  try {
    return { prism, msw: await latencies(vendor, await c.client(baseUrl), n) };
  } finally {
    server.close();
  }
}
