import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SealedSecret } from "./model.js";

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface EnvelopeKey {
  readonly id: string;
  /** 32 bytes. */
  readonly key: Buffer;
}

/**
 * Seals signing secrets with AES-256-GCM under an envelope key. The key id is stored beside each
 * ciphertext, so keys rotate by adding a new active key and keeping the old ones to open what
 * they sealed. The endpoint id is authenticated data: a ciphertext copied onto another row
 * does not open.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(
    keys: readonly EnvelopeKey[],
    private readonly activeKeyId: string,
  ) {
    this.keys = new Map(keys.map((entry) => [entry.id, entry.key]));
    for (const entry of keys) {
      if (entry.key.length !== 32) throw new Error(`envelope key ${entry.id} is not 32 bytes`);
    }
    if (!this.keys.has(activeKeyId)) throw new Error(`no envelope key ${activeKeyId}`);
  }

  seal(plaintext: string, endpointId: string): SealedSecret {
    const key = this.keys.get(this.activeKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(endpointId));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return {
      keyId: this.activeKeyId,
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]),
    };
  }

  open(sealed: SealedSecret, endpointId: string): string {
    const key = this.keys.get(sealed.keyId);
    if (key === undefined) throw new Error(`no envelope key ${sealed.keyId} to open a secret`);
    const iv = sealed.ciphertext.subarray(0, IV_BYTES);
    const tag = sealed.ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(endpointId));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(sealed.ciphertext.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  }
}
