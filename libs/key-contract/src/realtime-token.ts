import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The short-lived credential a browser passes as `?token=` to the realtime endpoint (browsers
 * cannot set headers on a WebSocket upgrade). The gateway mints it for a verified key; realtime
 * checks it without a call, with the secret both share. Format:
 * `rt1.<base64url(JSON claims)>.<base64url(HMAC-SHA256 of "rt1." + claims)>`.
 */
export interface RealtimeTokenClaims {
  readonly accountId: string;
  readonly keyId: string;
  readonly scopes: readonly string[];
  /** The account's open-connection limit when the token was minted (from the tier policy). */
  readonly connectionLimit: number;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

const VERSION = "rt1";

export function mintRealtimeToken(claims: RealtimeTokenClaims, secret: string): string {
  const body = Buffer.from(
    JSON.stringify({
      a: claims.accountId,
      k: claims.keyId,
      s: claims.scopes,
      c: claims.connectionLimit,
      e: claims.expiresAt,
    }),
  ).toString("base64url");
  return `${VERSION}.${body}.${sign(body, secret)}`;
}

export type RealtimeTokenCheck =
  | { readonly kind: "valid"; readonly claims: RealtimeTokenClaims }
  | { readonly kind: "expired"; readonly claims: RealtimeTokenClaims }
  | { readonly kind: "invalid" };

/** Checks signature, shape and expiry (`nowMs`, epoch milliseconds). */
export function verifyRealtimeToken(
  token: string,
  secret: string,
  nowMs: number,
): RealtimeTokenCheck {
  const [version, body, signature, ...rest] = token.split(".");
  if (version !== VERSION || body === undefined || signature === undefined || rest.length > 0) {
    return { kind: "invalid" };
  }
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { kind: "invalid" };
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return { kind: "invalid" };
  }
  const { a, k, s, c, e } = parsed;
  if (
    typeof a !== "string" ||
    typeof k !== "string" ||
    !Array.isArray(s) ||
    !s.every((scope) => typeof scope === "string") ||
    typeof c !== "number" ||
    typeof e !== "number"
  ) {
    return { kind: "invalid" };
  }
  const claims: RealtimeTokenClaims = {
    accountId: a,
    keyId: k,
    scopes: s as string[],
    connectionLimit: c,
    expiresAt: e,
  };
  return e * 1000 <= nowMs ? { kind: "expired", claims } : { kind: "valid", claims };
}

function sign(body: string, secret: string): string {
  return createHmac("sha256", secret).update(`${VERSION}.${body}`).digest("base64url");
}
