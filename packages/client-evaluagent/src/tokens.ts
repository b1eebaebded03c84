import { type ApiClient, ApiError, type AuthHeaders, CxkitError, unwrap } from "@cxkit/client-core";
import type { paths } from "./generated/openapi.js";
import type { BearerToken } from "./types.js";

/** A bearer token as kept between runs: the token and when it expires (ISO 8601). */
export interface StoredToken {
  token: string;
  expiresAt: string;
}

/**
 * Where the client keeps the API key's current bearer token, so a restarted process reuses it: once a
 * token exists, EvaluAgent refuses the key's Basic credentials and a lost token cannot be re-created.
 * Keep one store per API key. `save` is awaited after every create and refresh (the previous token is
 * then invalid); `clear` (optional) after a revoke.
 */
export interface TokenStore {
  load(): Promise<StoredToken | undefined>;
  save(token: StoredToken): Promise<void>;
  clear?(): Promise<void>;
}

/** Tokens last 24 hours unless refreshed. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type AuthErrorReason =
  /** Basic credentials answered 401: most likely a token already exists for this key. */
  | "basic-refused"
  /** The token was refused and could not be refreshed, and Basic is refused too. */
  | "token-refused"
  /** The token was revoked through this client: the key cannot be used any more. */
  | "revoked"
  /** Refresh or revoke asked for without a token. */
  | "no-token"
  /** Creating a token asked for while one exists (Basic is disabled for the key). */
  | "token-exists";

/** An authentication problem the client can name. Carries no credential: not the secret, not the token. */
export class EvaluagentAuthError extends CxkitError {
  override name = "EvaluagentAuthError";
  declare reason: AuthErrorReason;
  /** The HTTP status that revealed the problem, when there was a response. */
  declare status?: number;
}

const authError = (reason: AuthErrorReason, detail: string, status?: number) =>
  new EvaluagentAuthError(detail, { kind: "refused", reason, ...(status ? { status } : {}) });

const BASIC_REFUSED =
  "EvaluAgent refused the Basic credentials (401). Once a bearer token has been created for an API key, " +
  "Basic authentication stops working for it: pass the current token through the tokenStore option " +
  "(a restarted process must reuse the stored token), or provision a new API key if the token was lost or revoked";

/** The bearer lifecycle of one API key: load, create, refresh before expiry or after a 401, revoke. */
export interface BearerTokens {
  /** The token in use, loading it from the store, refreshing it when it is about to expire, or creating it. */
  current(): Promise<StoredToken>;
  /** Creates a token from the Basic credentials. Disables Basic authentication for the key. */
  create(): Promise<StoredToken>;
  /** Replaces the token (the previous one stops working). */
  refresh(): Promise<StoredToken>;
  /** Revokes the token. Destructive: the API key stays unusable afterwards. */
  revoke(): Promise<void>;
}

interface SessionOptions {
  store?: TokenStore;
  /** Create a token when none is known (bearer mode); otherwise Basic is used until one exists. */
  autoCreate: boolean;
  refreshMarginMs: number;
}

type Sent = { response: Response };

/**
 * The client's token state: the token in use (with its header object, made once per token), the token
 * calls (sent through the client itself, which gives each the credentials its spec security names) and
 * the bookkeeping of every token call's answer ({@link TokenSession.observe}, raw calls included).
 */
export class TokenSession implements BearerTokens {
  #token: StoredToken | undefined;
  #headers: AuthHeaders | undefined;
  /** When the token is due for refresh (ms since the epoch). */
  #due = 0;
  #loaded: Promise<void> | undefined;
  #revoked = false;
  #pending: Promise<StoredToken> | undefined;
  /** The store has been read (or there is none): the token state is known without waiting. */
  ready: boolean;
  client!: ApiClient<paths>;

  constructor(readonly options: SessionOptions) {
    this.ready = !options.store;
  }

  #set(token: StoredToken | undefined): void {
    this.#token = token;
    this.#headers = token && { authorization: `Bearer ${token.token}` };
    this.#due = token ? Date.parse(token.expiresAt) - this.options.refreshMarginMs : 0;
  }

  /** The token known to this process (from the store, or created/refreshed here), if any. */
  async known(): Promise<StoredToken | undefined> {
    this.#loaded ??= (async () => {
      const stored = await this.options.store?.load();
      if (stored && !this.#token) this.#set(stored);
      this.ready = true;
    })();
    await this.#loaded;
    return this.#token;
  }

  /** Re-reads the store (after Basic was refused): another process may have created a token. */
  async reload(): Promise<StoredToken | undefined> {
    const stored = await this.options.store?.load();
    if (stored) this.#set(stored);
    return this.#token;
  }

  /** The header object of `token` when it is the current one (the same object on every call). */
  headersOf(token: StoredToken): AuthHeaders {
    return token.token === this.#token?.token ? this.#headers! : bearer(token);
  }

  /** The current token's headers when it needs no refresh yet (synchronous: the hot path). */
  fresh(): AuthHeaders | undefined {
    return this.#headers && !this.#revoked && Date.now() < this.#due ? this.#headers : undefined;
  }

  /** Whether operations accepting either scheme use the token rather than Basic. */
  bearerInPlay(): boolean {
    return this.#revoked || this.options.autoCreate || this.#token !== undefined;
  }

  /** Headers for the operations that require the token (refresh, revoke): no refresh, no creation. */
  bearerHeaders(): AuthHeaders | Promise<AuthHeaders> {
    if (!this.ready) return this.known().then(() => this.bearerHeaders());
    if (this.#revoked) throw revoked();
    if (!this.#headers)
      throw authError(
        "no-token",
        "no bearer token: create one first (refresh and revoke need the current token)",
      );
    return this.#headers;
  }

  async current(): Promise<StoredToken> {
    if (this.#revoked) throw revoked();
    const token = await this.known();
    if (!token) {
      if (!this.options.autoCreate)
        throw authError("no-token", "no bearer token: create one with tokens.create() or use auth: 'bearer'");
      return this.create();
    }
    const left = Date.parse(token.expiresAt) - Date.now();
    if (!(left > this.options.refreshMarginMs))
      try {
        return await this.refresh();
      } catch (error) {
        // A refresh that failed for a transient reason leaves the old token usable until it expires.
        if (left > 0 && !(error instanceof EvaluagentAuthError)) return token;
        throw error;
      }
    return token;
  }

  create(): Promise<StoredToken> {
    return this.#once(async () => {
      await this.#answer(() => this.client.POST("/auth/token"), "token creation");
      return this.#token!;
    });
  }

  refresh(): Promise<StoredToken> {
    return this.#once(async () => {
      await this.#answer(() => this.client.POST("/auth/token/refresh"), "token refresh");
      return this.#token!;
    });
  }

  async revoke(): Promise<void> {
    await this.#answer(() => this.client.DELETE("/auth/token"), "token revocation");
  }

  /**
   * After a request was refused with the token (401): adopt a newer token from the store (another process
   * refreshed it), else refresh; if the token cannot be refreshed, try Basic once (it works again only
   * if the key was reset) and otherwise fail with a clear error.
   */
  async recover(): Promise<StoredToken> {
    const stored = await this.options.store?.load();
    if (stored && stored.token !== this.#token?.token) {
      this.#set(stored);
      return stored;
    }
    try {
      return await this.refresh();
    } catch (error) {
      if (!(error instanceof EvaluagentAuthError && (error.status === 401 || error.status === 403)))
        throw error;
    }
    this.#set(undefined);
    try {
      return await this.create();
    } catch (error) {
      if (error instanceof EvaluagentAuthError && error.reason === "basic-refused")
        throw authError(
          "token-refused",
          "EvaluAgent refused the bearer token and it could not be refreshed; the key's Basic credentials are " +
            "refused too (they stop working once a token exists). Restore the current token in the tokenStore, " +
            "or provision a new API key",
          401,
        );
      throw error;
    }
  }

  /**
   * Sends one token call and names a refusal; any other failure is its ApiError (thrown by the client
   * itself with `throwOnError`, else by unwrap). The token it answered is adopted by {@link observe}.
   */
  async #answer(send: () => Promise<Sent>, what: string): Promise<void> {
    const error = await unwrap(send() as Promise<Sent & { data: unknown }>).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!error) return;
    const status = error instanceof ApiError ? error.status : 0;
    if (status === 401 && what === "token creation") throw authError("basic-refused", BASIC_REFUSED, 401);
    if (status === 401 || status === 403)
      throw authError("token-refused", `EvaluAgent refused the ${what} (${status})`, status);
    throw error;
  }

  /** One create/refresh at a time: concurrent callers share it. */
  #once(run: () => Promise<StoredToken>): Promise<StoredToken> {
    this.#pending ??= run().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Before a call creating a token: creating needs Basic, disabled once a token exists. */
  beforeCreate(): Promise<undefined> | undefined {
    if (this.ready && !this.#token) return undefined;
    return this.known().then((token) => {
      if (token)
        throw authError(
          "token-exists",
          "a bearer token already exists for this API key (Basic authentication is disabled): refresh it instead",
        );
      return undefined;
    });
  }

  /** Keeps the session (and the store) in step with a successful token call's answer. */
  async observe(operation: TokenOperation, response: Response): Promise<undefined> {
    if (operation === "revoke") {
      this.#revoked = true;
      this.#set(undefined);
      await this.options.store?.clear?.();
      return undefined;
    }
    const doc = (await response.clone().json()) as { data?: BearerToken };
    const attributes = doc.data?.attributes;
    if (!attributes?.token) return undefined;
    // A token that would be due for refresh as soon as it is issued means the clocks disagree (or the
    // expiry is missing): count the documented 24 hours from now instead of refreshing on every call.
    const expires = Date.parse(attributes.expires_at ?? "");
    this.#set({
      token: attributes.token,
      expiresAt:
        expires > Date.now() + this.options.refreshMarginMs
          ? attributes.expires_at!
          : new Date(Date.now() + TOKEN_LIFETIME_MS).toISOString(),
    });
    this.#revoked = false;
    await this.options.store?.save(this.#token!);
    return undefined;
  }
}

/** What a token operation does to the session: behaviour the spec's schemas cannot say. */
export type TokenOperation = "create" | "refresh" | "revoke";

/** The token operations, `path → method → what it does` (paths checked against the spec's types). */
export const TOKEN_OPERATIONS: Record<string, Record<string, TokenOperation>> = {
  ["/auth/token" satisfies keyof paths]: { POST: "create", DELETE: "revoke" },
  ["/auth/token/refresh" satisfies keyof paths]: { POST: "refresh" },
};

const revoked = () => authError("revoked", "the bearer token was revoked: this API key cannot be used");
const bearer = (token: StoredToken): AuthHeaders => ({ authorization: `Bearer ${token.token}` });
