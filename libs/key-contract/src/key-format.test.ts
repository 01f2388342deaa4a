import { describe, expect, it } from "vitest";
import {
  API_KEY_PATTERN,
  checksumOf,
  generateApiKey,
  KEY_PREFIXES,
  keyStart,
  parseApiKey,
} from "./key-format.js";

describe("API key format", () => {
  it("generates prefixed keys of 32 base62 secret characters and a 6-character checksum", () => {
    const { key, start } = generateApiKey("live");
    expect(key).toMatch(/^orr_live_[0-9A-Za-z]{38}$/);
    expect(key.slice(-6)).toBe(checksumOf(key.slice(0, -6)));
    expect(start).toBe(key.slice(0, 13));
    expect(generateApiKey("test").key.startsWith(KEY_PREFIXES.test)).toBe(true);
  });

  it("never repeats a secret and uses the whole alphabet about evenly", () => {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    for (let index = 0; index < 2_000; index += 1) {
      const { key } = generateApiKey("live");
      seen.add(key);
      for (const character of key.slice(9, 41)) {
        counts.set(character, (counts.get(character) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(2_000);
    expect(counts.size).toBe(62);
    // 64,000 draws over 62 symbols: ~1,032 each; a modulo bias would skew the first eight by ~25 %.
    for (const count of counts.values()) expect(Math.abs(count - 64_000 / 62)).toBeLessThan(140);
  });

  it("accepts a well-formed key and returns its environment", () => {
    const { key } = generateApiKey("test");
    expect(parseApiKey(key)).toBe("test");
  });

  it("rejects a key with one character changed, swapped, dropped or added", () => {
    const { key } = generateApiKey("live");
    const flip = (character: string) => (character === "a" ? "b" : "a");
    for (let index = 9; index < key.length; index += 1) {
      const changed = key.slice(0, index) + flip(key.charAt(index)) + key.slice(index + 1);
      expect(parseApiKey(changed)).toBeUndefined();
    }
    const swapped = key.slice(0, 10) + key.charAt(11) + key.charAt(10) + key.slice(12);
    if (swapped !== key) expect(parseApiKey(swapped)).toBeUndefined();
    expect(parseApiKey(key.slice(0, -1))).toBeUndefined();
    expect(parseApiKey(`${key}0`)).toBeUndefined();
    expect(parseApiKey(key.replace("orr_live_", "orr_prod_"))).toBeUndefined();
    expect(parseApiKey(` ${key}`)).toBeUndefined();
  });

  it("encodes the checksum as fixed-width base62, zero-padded", () => {
    expect(checksumOf("")).toBe("000000");
    expect(checksumOf("orr_live_x")).toMatch(/^[0-9A-Za-z]{6}$/);
  });

  it("lets a secret scanner find a key inside text and nothing key-like but shorter", () => {
    const { key } = generateApiKey("live");
    expect(`export ORRERY_KEY="${key}"`.match(API_KEY_PATTERN)?.[0]).toBe(key);
    expect(API_KEY_PATTERN.test(key.slice(0, -1))).toBe(false);
    expect(keyStart(key)).toHaveLength(13);
  });
});
