import { createHmac } from "node:crypto";

/**
 * HMAC-SHA-256 of a key under the server pepper. Keys carry ~190 bits of randomness, so a fast
 * hash is enough against brute force; the pepper means a copy of the database alone cannot even
 * confirm a guessed key. Lookups go by this digest (a unique index), so no secret is ever
 * compared byte by byte in application code.
 */
export class KeyHasher {
  private readonly pepper: Buffer;

  constructor(pepper: string) {
    this.pepper = Buffer.from(pepper, "utf8");
  }

  hash(key: string): Buffer {
    return createHmac("sha256", this.pepper).update(key, "utf8").digest();
  }
}
