import {
  type ApiClient,
  type ClientOptions,
  createApiClient,
  headerAuth,
  type SchemaObject,
  specPreset,
  type VendorPreset,
} from "@cxkit/client-core";
import type { paths } from "./generated/openapi.js";
import { CHATSIGHT_RULES } from "./rules.js";
import { CHATSIGHT_SPEC } from "./spec.js";

/**
 * From the spec: its first server, the stats search's own limit (once every two minutes) and the check
 * of every call. Chatsight documents no general rate limit; the preset adds a courtesy default of 10
 * requests a second, which no spec can state because it is our choice, not the vendor's
 * (override it with `rateLimit: { limit, intervalMs }`, or turn it off with `rateLimit: false`).
 */
export const CHATSIGHT_PRESET: VendorPreset = specPreset(
  { ...CHATSIGHT_SPEC, vendor: { ...CHATSIGHT_SPEC.vendor, rateLimit: { requests: 10, perSeconds: 1 } } },
  CHATSIGHT_RULES,
);

export interface ChatsightClientOptions extends ClientOptions {
  /** The API token; sent in the `x-chatsight-api-auth` header. */
  apiKey: string;
}

/** The typed openapi-fetch client: `GET`/`POST` by path, typed params, bodies and responses. */
export type ChatsightClient = ApiClient<paths>;

/**
 * Creates a Chatsight client. Every call is checked against the spec's request constraints and
 * {@link CHATSIGHT_RULES} before the network (a breach throws client-core's `ValidationError` naming
 * each field; `validate: false` here or per call sends the request as given), and a required header the
 * spec allows one value for (the voice calls' `x-chatsight-api: chatsightvoice`) is filled in when the
 * call leaves it out.
 */
export function createChatsightClient(options: ChatsightClientOptions): ChatsightClient {
  if (!options.apiKey) throw new TypeError("createChatsightClient: apiKey is required");
  const { apiKey, ...rest } = options;
  const client = createApiClient<paths>(CHATSIGHT_PRESET, headerAuth("x-chatsight-api-auth", apiKey), rest);
  // biome-ignore lint/suspicious/noExplicitAny: the methods are re-wrapped untyped; ChatsightClient types them
  const methods = client as any;
  for (const method of ["GET", "POST"]) {
    const send = methods[method];
    methods[method] = (path: string, init?: Init) => send(path, withFixedHeaders(method, path, init));
  }
  const request = methods.request;
  methods.request = (method: string, path: string, init?: Init) =>
    request(method, path, withFixedHeaders(method.toUpperCase(), path, init));
  return client;
}

type Init = { params?: { header?: Record<string, unknown> }; headers?: HeadersInit } | undefined;

/** Per operation, the required header parameters whose schema allows a single value, with that value. */
const fixedHeaders = new Map<string, [string, string][]>();
for (const [key, operation] of Object.entries(CHATSIGHT_SPEC.operations)) {
  const fixed: [string, string][] = [];
  for (const p of operation.params ?? []) {
    const schema = p.schema as SchemaObject;
    const only = schema.const ?? (schema.enum?.length === 1 ? schema.enum[0] : undefined);
    if (p.in === "header" && p.required && typeof only === "string") fixed.push([p.name, only]);
  }
  if (fixed.length) fixedHeaders.set(key, fixed);
}

function withFixedHeaders(method: string, path: string, init: Init): Init {
  const fixed = fixedHeaders.get(`${method} ${path}`);
  if (!fixed) return init;
  const given = new Headers(init?.headers);
  const header = { ...init?.params?.header };
  const names = Object.keys(header).map((n) => n.toLowerCase());
  for (const [name, value] of fixed) if (!names.includes(name) && !given.has(name)) header[name] = value;
  return { ...init, params: { ...init?.params, header } };
}
