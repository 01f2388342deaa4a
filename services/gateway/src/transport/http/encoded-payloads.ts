import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { RouteResult } from "./route.js";

export type ContentEncoding = "br" | "gzip";

interface Encoded {
  readonly text: string;
  readonly identity: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

/**
 * The bytes of cached results, kept per cache key: a cache hit is sent without encoding the
 * text to UTF-8 again or compressing it again (gzip and br are made once, when first asked
 * for). An entry is reused only while the cached text is unchanged. Bounded; oldest first out.
 */
export class EncodedPayloads {
  readonly #entries = new Map<string, Encoded>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  #encoded(key: string, text: string): Encoded {
    const known = this.#entries.get(key);
    if (known !== undefined && known.text === text) return known;
    const created: Encoded = { text, identity: Buffer.from(text) };
    if (known === undefined && this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, created);
    return created;
  }

  /** The result for `text` cached under `key`; the writer picks the encoding the client accepts. */
  result(
    key: string,
    text: string,
    contentType: string,
    headers: Readonly<Record<string, string>>,
    cacheHit = false,
  ): RouteResult {
    const encoded = this.#encoded(key, text);
    return {
      contentType,
      headers,
      cacheHit,
      payload: encoded.identity,
      compressed: (encoding) => {
        if (encoding === "br") {
          encoded.br ??= brotliCompressSync(encoded.identity, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_SIZE_HINT]: encoded.identity.length,
            },
          });
          return encoded.br;
        }
        encoded.gzip ??= gzipSync(encoded.identity, { level: 6 });
        return encoded.gzip;
      },
    };
  }
}
