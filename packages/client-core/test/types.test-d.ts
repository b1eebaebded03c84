// Type-level tests: checked by `tsc -p tsconfig.json`, never executed.
import {
  type ApiClient,
  type ApiError,
  type AuthStrategy,
  bearerAuth,
  type ClientOptions,
  createApiClient,
  paginateCursor,
  paginateJsonApi,
  unwrap,
} from "@cxkit/client-core";
import type { Client } from "openapi-fetch";
import { expectTypeOf } from "vitest";
import { type paths, preset } from "./support.ts";

const client = createApiClient<paths>(preset, bearerAuth("t"));
expectTypeOf(client).toEqualTypeOf<ApiClient<paths>>();
expectTypeOf(client).toEqualTypeOf<Client<paths>>();

// The raw openapi-fetch typing survives: data/error by path and status.
export async function typed() {
  const r = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
  if (r.data) expectTypeOf(r.data).toEqualTypeOf<{ id: string }>();
  if (r.error) expectTypeOf(r.error).toEqualTypeOf<{ message: string }>();

  // unwrap keeps `data` typed and drops the error branch.
  expectTypeOf(await unwrap(client.GET("/items"))).toEqualTypeOf<{ items: string[] }>();
  expectTypeOf(await unwrap(client.POST("/items", { body: { name: "n" } }))).toEqualTypeOf<{ id: string }>();

  // @ts-expect-error unknown path
  await client.GET("/nope");
  // @ts-expect-error missing required path params
  await client.GET("/items/{id}");
  // @ts-expect-error wrong body shape
  await client.POST("/items", { body: { name: 1 } });
}

// Vendors extend ClientOptions with their own auth fields.
interface DixaOptions extends ClientOptions {
  apiToken: string;
}
export const dixa = (o: DixaOptions) => createApiClient<paths>(preset, bearerAuth(o.apiToken), o);

// A custom strategy is a plain object.
export const custom: AuthStrategy = { headers: () => ({ "x-api-key": "k" }) };

// ApiError is generic over the vendor error body.
declare const e: ApiError<{ message: string; code: number }>;
expectTypeOf(e.body.code).toBeNumber();
expectTypeOf(e.status).toBeNumber();
expectTypeOf(e.requestId).toEqualTypeOf<string | undefined>();

// Paginators infer item types.
declare const fetchCursor: (c: string | undefined) => Promise<{ rows: { id: number }[]; next?: string }>;
for await (const row of paginateCursor(fetchCursor, { items: (p) => p.rows, next: (p) => p.next })) {
  expectTypeOf(row).toEqualTypeOf<{ id: number }>();
}
declare const fetchJsonApi: (
  q?: Record<string, string>,
) => Promise<{ data: { id: string }[]; links: { next?: string } }>;
for await (const item of paginateJsonApi(fetchJsonApi)) expectTypeOf(item).toEqualTypeOf<{ id: string }>();
