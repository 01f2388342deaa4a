import { TextDecoder } from "node:util";

/**
 * The text of some UTF-8 bytes, the previous call's string again when the bytes are the same:
 * a fetched batch's events mostly share their type and source, and often (keyed by account) their
 * account, key and route, so most of them then cost a byte comparison instead of a new string.
 * One instance per field read, so that each compares against that field's previous value.
 */
export class RepeatedText {
  private bytes: Uint8Array = new Uint8Array(0);
  private text = "";
  private readonly decoder: TextDecoder;

  /** `fatal`: bytes that are not UTF-8 throw (a TypeError) rather than read as U+FFFD. */
  constructor(options: { readonly fatal?: boolean } = {}) {
    this.decoder = new TextDecoder("utf-8", { fatal: options.fatal ?? false });
  }

  /** The text of bytes[start, end), whole `bytes` by default. */
  read(bytes: Uint8Array, start = 0, end = bytes.length): string {
    if (!this.holds(bytes, start, end)) {
      this.bytes = bytes.subarray(start, end);
      this.text = this.decoder.decode(this.bytes);
    }
    return this.text;
  }

  private holds(bytes: Uint8Array, start: number, end: number): boolean {
    const held = this.bytes;
    if (held.length !== end - start) return false;
    for (let index = 0; index < held.length; index += 1)
      if (held[index] !== bytes[start + index]) return false;
    return true;
  }
}
