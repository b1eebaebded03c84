import type { AuthHeaders, AuthRequest, AuthStrategy } from "@cxkit/client-core";
import { operationSecurity, vendor } from "./generated/vendor.js";
import type { TokenSession } from "./tokens.js";

/**
 * The credentials an operation's security names: "basic", "bearer", "either" (the API-wide default,
 * Basic or the token) or "none" (the operation needs no credentials).
 */
export type Credentials = "basic" | "bearer" | "either" | "none";

type Requirements = readonly Readonly<Record<string, readonly string[]>>[];

/** What a security requirement list accepts, through the schemes it names (`http` basic / bearer). */
export function credentialsOf(requirements: Requirements): Credentials {
  let basic = false;
  let bearer = false;
  for (const requirement of requirements) {
    const names = Object.keys(requirement);
    if (names.length === 0) return "none"; // `{}`: anonymous access is allowed
    const schemes = vendor.securitySchemes as Record<string, { type: string; scheme?: string }>;
    const scheme = names.length === 1 ? schemes[names[0]!] : undefined;
    if (scheme?.type === "http" && scheme.scheme === "basic") basic = true;
    else if (scheme?.type === "http" && scheme.scheme === "bearer") bearer = true;
    else throw new TypeError(`unsupported security: ${names}`);
  }
  return basic && bearer ? "either" : basic ? "basic" : bearer ? "bearer" : "none";
}

const DEFAULT = credentialsOf(vendor.security);
/** `path → method → credentials`: a call to another path costs one property read, no key string. */
const OWN: Record<string, Record<string, Credentials>> = {};
for (const [key, requirements] of Object.entries(operationSecurity)) {
  const [method, path] = key.split(" ") as [string, string];
  OWN[path] = { ...OWN[path], [method]: credentialsOf(requirements) };
}
const NONE: AuthHeaders = Object.freeze({});

/** The credentials the spec's security names for one operation (its own, else the API-wide default). */
export const credentialsFor = (req: AuthRequest | undefined): Credentials =>
  (req && OWN[req.path]?.[req.method]) || DEFAULT;

/**
 * One strategy for every operation, from its `security` in the spec: Basic to create a token, the token
 * to refresh or revoke it, and for the others (Basic or Bearer) Basic until a token is in play, then the
 * token. Known credentials are returned synchronously as the same header object every time; only a load
 * from the store, a token creation or a refresh make a call wait.
 *
 * A 401 on an operation of the default security is recovered once for all concurrent calls (single
 * flight: a newer token from the store, else a refresh, else Basic again) and each call replayed once; a
 * call refused with a token older than the current one replays with the current one. A 401 on the token
 * endpoints is their answer (the session names it): no replay.
 */
export function routeAuth(session: TokenSession, basic: AuthHeaders): AuthStrategy {
  let recovering: Promise<AuthHeaders> | undefined;
  const current = async () => session.headersOf(await session.current());
  const strategy: AuthStrategy = {
    headers(req) {
      const need = credentialsFor(req);
      if (need === "basic") return basic;
      if (need === "none") return NONE;
      if (need === "bearer") return session.bearerHeaders();
      if (recovering) return recovering;
      if (!session.ready) return session.known().then(() => strategy.headers(req));
      const token = session.fresh();
      if (token) return token;
      if (!session.bearerInPlay()) return basic;
      return current(); // none yet (bearer mode), due for refresh, or revoked (throws)
    },
    async refresh(used, req) {
      if (credentialsFor(req) !== "either") return undefined;
      if (used === basic)
        // Basic refused: if a token appeared in the store meanwhile (another process), replay with it.
        return (await session.reload()) ? current() : undefined;
      const token = await session.known();
      const known = token && session.headersOf(token);
      if (known && known.authorization !== used.authorization) return known;
      recovering ??= session
        .recover()
        .then((token) => session.headersOf(token))
        .finally(() => {
          recovering = undefined;
        });
      return recovering;
    },
  };
  return strategy;
}
