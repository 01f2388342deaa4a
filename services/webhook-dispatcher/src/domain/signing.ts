import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "whsec_";
const SECRET_BYTES = 32;

/** A new signing secret: "whsec_" and the base64 of 32 random bytes (Standard Webhooks). */
export function generateSigningSecret(): string {
  return `${PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}`;
}

export function secretKeyBytes(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error("not a whsec_ secret");
  return Buffer.from(secret.slice(PREFIX.length), "base64");
}

export interface SignedHeaders {
  readonly "webhook-id": string;
  readonly "webhook-timestamp": string;
  readonly "webhook-signature": string;
}

/**
 * The Standard Webhooks headers of one attempt: the id is the message's (constant across its
 * attempts), the timestamp this attempt's, and one `v1,<base64 HMAC-SHA256>` of
 * "id.timestamp.body" per secret, space-separated (two while a rotation's window is open).
 */
export function signAttempt(
  messageId: string,
  timestampSeconds: number,
  body: Buffer,
  secrets: readonly string[],
): SignedHeaders {
  const signatures = secrets.map((secret) => {
    const hmac = createHmac("sha256", secretKeyBytes(secret));
    hmac.update(`${messageId}.${timestampSeconds}.`);
    hmac.update(body);
    return `v1,${hmac.digest("base64")}`;
  });
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": signatures.join(" "),
  };
}
