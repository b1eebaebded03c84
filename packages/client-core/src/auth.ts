import type { Middleware } from "openapi-fetch";
import { CxkitError } from "./errors.js";
import type { RequestKey } from "./rate-limit.js";

export type AuthHeaders = Record<string, string>;

/**
 * The operation a credential is for: the HTTP method (upper case) and the OpenAPI path template
 * (`/projects/{projectId}`), so one strategy can serve operations with different security schemes.
 */
export type AuthRequest = RequestKey;

/**
 * How credentials are attached. `headers(req)` is called for every attempt. `refresh(used, req)` is
 * called after a 401 with the object `headers()` returned for the rejected attempt; it resolves to the
 * headers for exactly one replay, or `undefined` to give up. `createApiClient` and `authMiddleware`
 * always pass `req`; it is optional so that a strategy can also be asked directly.
 */
export interface AuthStrategy {
  headers(req?: AuthRequest): AuthHeaders | Promise<AuthHeaders>;
  refresh?(used: AuthHeaders, req?: AuthRequest): Promise<AuthHeaders | undefined>;
  /** Set when the credentials never change: the client then sends them as client-level headers. */
  readonly fixed?: AuthHeaders;
}

const fixed = (h: AuthHeaders): AuthStrategy => ({ fixed: h, headers: () => h });

/** `Authorization: Bearer <token>` */
export const bearerAuth = (token: string): AuthStrategy => fixed({ authorization: `Bearer ${token}` });
/** `Authorization: <value>` verbatim (Dixa API tokens). */
export const rawAuthorization = (value: string): AuthStrategy => fixed({ authorization: value });
/** A custom header, e.g. `headerAuth("x-chatsight-api-auth", key)`. */
export const headerAuth = (name: string, value: string): AuthStrategy =>
  fixed({ [name.toLowerCase()]: value });
/** HTTP Basic with UTF-8 credentials (btoa, no Buffer: runs in browsers and edge runtimes). */
export const basicAuth = (username: string, password: string): AuthStrategy =>
  fixed({
    authorization: `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${password}`)))}`,
  });

export interface TokenProvider {
  /** Current token; called before every attempt, so cache inside the provider. */
  getToken(): Promise<string> | string;
  /** Obtain a new token (after a 401). Later getToken() calls should return it. */
  refresh(): Promise<string>;
}

/**
 * Bearer token with renewal: a 401 triggers `provider.refresh()` once for all concurrent
 * requests (single flight) and each rejected request is replayed exactly once. A request that
 * was sent with a token older than the latest refresh is replayed with the new token without
 * refreshing again. Requests starting while a refresh is in flight wait for it.
 */
export const tokenAuth = (provider: TokenProvider): AuthStrategy => {
  let generation = 0;
  let latest: AuthHeaders | undefined;
  let pending: Promise<AuthHeaders> | undefined;
  const issued = new WeakMap<AuthHeaders, number>();
  return {
    async headers() {
      const h = pending ? await pending : { authorization: `Bearer ${await provider.getToken()}` };
      issued.set(h, generation);
      return h;
    },
    refresh(used) {
      if ((issued.get(used) ?? generation) < generation) return Promise.resolve(latest);
      pending ??= provider
        .refresh()
        .then((t) => {
          latest = { authorization: `Bearer ${t}` };
          issued.set(latest, ++generation);
          return latest;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
};

/** Origins (scheme://host[:port]) that may receive credentials: the base URL's plus `allowedHosts`. */
export const allowedOrigins = (baseUrl: string, allowedHosts: string[] = []): string[] => {
  const base = new URL(baseUrl);
  return [
    base.origin,
    ...allowedHosts.map((h) => new URL(h.includes("://") ? h : `${base.protocol}//${h}`).origin),
  ].map((o) => `${o}/`);
};

/** Throws (before any network I/O) unless `url` is on one of `origins` (from {@link allowedOrigins}). */
export const assertAllowed = (url: string, origins: string[], method?: string, path?: string): void => {
  if (!origins.some((o) => url.startsWith(o)))
    throw new CxkitError(
      `credentials refused for ${new URL(url).origin}: not the base URL's host (see allowedHosts)`,
      {
        kind: "refused",
        method,
        path,
      },
    );
};

/**
 * The same host-guarded header injection as a plain openapi-fetch middleware, for clients built with
 * `createClient()` directly. No retries and no 401 replay (those need {@link createApiClient}).
 */
export const authMiddleware = (
  auth: AuthStrategy,
  opts: { baseUrl: string; allowedHosts?: string[] },
): Middleware => {
  const origins = allowedOrigins(opts.baseUrl, opts.allowedHosts);
  return {
    async onRequest({ request, schemaPath }) {
      assertAllowed(request.url, origins);
      const h = await auth.headers({ method: request.method, path: schemaPath });
      for (const k in h) request.headers.set(k, h[k]!);
    },
  };
};
