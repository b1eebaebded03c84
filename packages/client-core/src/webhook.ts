export type Encoding = "hex" | "base64";
export type SecretEncoding = "hex" | "base64" | "utf8";
type Bytes = Uint8Array<ArrayBuffer>;

const utf8 = (s: string): Bytes => new TextEncoder().encode(s) as Bytes;

/** Decodes hex or base64 (standard or URL-safe); undefined when malformed. */
const decode = (s: string, enc: Encoding): Bytes | undefined => {
  if (enc === "hex") {
    if (!/^(?:[0-9a-f]{2})*$/i.test(s)) return;
    return Uint8Array.from(s.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
  }
  try {
    return Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch {
    return;
  }
};

const secretBytes = (secret: string | Uint8Array, enc: SecretEncoding): Bytes => {
  if (typeof secret !== "string") return new Uint8Array(secret) as Bytes;
  if (enc === "utf8") return utf8(secret);
  const b = decode(secret.trim(), enc);
  if (!b?.length) throw new TypeError(`Webhook secret is not valid ${enc}`);
  return b;
};

/** HMAC-SHA256 of `data` with Web Crypto (Node ≥ 20, browsers, edge runtimes). */
export const hmacSha256 = async (
  data: string | Uint8Array,
  secret: string | Uint8Array,
  secretEncoding: SecretEncoding = "utf8",
): Promise<Uint8Array> => {
  const key = await crypto.subtle.importKey(
    "raw",
    secretBytes(secret, secretEncoding),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(
    await crypto.subtle.sign(
      "HMAC",
      key,
      typeof data === "string" ? utf8(data) : (new Uint8Array(data) as Bytes),
    ),
  );
};

/** Compares without an early exit, so timing does not reveal the first differing byte. */
export const timingSafeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
};

export interface HmacOptions {
  /** Encoding of the received signature. Default "hex". */
  encoding?: Encoding;
  /** Encoding of the shared secret. Default "utf8". */
  secretEncoding?: SecretEncoding;
  /** Stripped from the signature when present, e.g. "sha256=". */
  prefix?: string;
}

/** Raw HMAC-SHA256 of the body, hex or base64, compared in constant time. */
export async function verifyHmacSignature(
  rawBody: string | Uint8Array,
  signature: string | null | undefined,
  secret: string | Uint8Array,
  { encoding = "hex", secretEncoding = "utf8", prefix }: HmacOptions = {},
): Promise<boolean> {
  if (!signature) return false;
  let sig = signature.trim();
  if (prefix && sig.startsWith(prefix)) sig = sig.slice(prefix.length);
  const got = decode(sig, encoding);
  return !!got && timingSafeEqual(await hmacSha256(rawBody, secret, secretEncoding), got);
}

export interface TimestampedOptions {
  /** Maximum age (and clock skew) of the timestamp `t`. Default 300 s. */
  toleranceSeconds?: number;
  /** Current time in ms (for tests). Default `Date.now()`. */
  now?: number;
  /** Default "hex" (Dixa: the secret is hex and decoded to bytes before keying). */
  secretEncoding?: SecretEncoding;
}

/**
 * Verifies a `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` header: some v1 must equal
 * HMAC-SHA256(`${t}.${rawBody}`) and `t` must be within the tolerance. Several v1 values (secret
 * rotation) are accepted; unknown keys are ignored. Use the raw body exactly as received.
 */
export async function verifyTimestampedSignature(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  secret: string | Uint8Array,
  { toleranceSeconds = 300, now = Date.now(), secretEncoding = "hex" }: TimestampedOptions = {},
): Promise<boolean> {
  if (!header) return false;
  let t = "";
  const sigs: Bytes[] = [];
  for (const part of header.split(",")) {
    const i = part.indexOf("=");
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    if (k === "t") t = v;
    else if (k === "v1") {
      const b = decode(v, "hex");
      if (b) sigs.push(b);
    }
  }
  if (!/^\d+$/.test(t) || !sigs.length || Math.abs(now / 1000 - +t) > toleranceSeconds) return false;
  const body = typeof rawBody === "string" ? utf8(rawBody) : rawBody;
  const signed = new Uint8Array(t.length + 1 + body.length);
  signed.set(utf8(`${t}.`));
  signed.set(body, t.length + 1);
  const mac = await hmacSha256(signed, secret, secretEncoding);
  let ok = false;
  for (const s of sigs) ok = timingSafeEqual(mac, s) || ok;
  return ok;
}
