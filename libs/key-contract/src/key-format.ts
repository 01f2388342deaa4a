import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

export type KeyEnvironment = "live" | "test";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 32 base62 characters: about 190 bits from the CSPRNG. */
const SECRET_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
/** The display `start`: the prefix and this many characters of the secret. */
const START_LENGTH = 4;

export const KEY_PREFIXES: Readonly<Record<KeyEnvironment, string>> = {
  live: "orr_live_",
  test: "orr_test_",
};

/**
 * Matches an Orrery API key anywhere in text, for secret scanners (GitHub, gitleaks, trufflehog):
 * `orr_live_` or `orr_test_`, 32 base62 characters of randomness, 6 base62 characters of CRC32
 * checksum. A scanner can confirm a hit offline by recomputing the checksum (`parseApiKey`).
 */
export const API_KEY_PATTERN = /\borr_(?:live|test)_[0-9A-Za-z]{38}\b/;

const WHOLE_KEY = /^orr_(live|test)_[0-9A-Za-z]{38}$/;

/** The 6-character base62 CRC32 of everything before the checksum, zero-padded on the left. */
export function checksumOf(body: string): string {
  let value = crc32(body);
  let encoded = "";
  for (let index = 0; index < CHECKSUM_LENGTH; index += 1) {
    encoded = BASE62.charAt(value % 62) + encoded;
    value = Math.floor(value / 62);
  }
  return encoded;
}

/** `length` characters drawn uniformly from [0-9A-Za-z] with the CSPRNG (ids, secrets). */
export function randomBase62(length: number): string {
  let result = "";
  while (result.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: rejecting larger bytes keeps every character equally likely.
      if (byte < 248) result += BASE62.charAt(byte % 62);
      if (result.length === length) break;
    }
  }
  return result;
}

export interface GeneratedKey {
  /** The plaintext: shown to its owner once, never stored. */
  readonly key: string;
  /** Prefix plus the first four characters of the secret, safe to display and store. */
  readonly start: string;
}

export function generateApiKey(environment: KeyEnvironment): GeneratedKey {
  const body = `${KEY_PREFIXES[environment]}${randomBase62(SECRET_LENGTH)}`;
  const key = `${body}${checksumOf(body)}`;
  return { key, start: keyStart(key) };
}

export function keyStart(key: string): string {
  const prefixLength = KEY_PREFIXES.live.length;
  return key.slice(0, prefixLength + START_LENGTH);
}

/**
 * The environment of a well-formed key whose checksum matches, undefined for anything else.
 * Cheap and local: a mistyped or truncated key is refused before any cache or database lookup.
 * (The checksum catches typos, not forgeries: it is public; the secret is what protects.)
 */
export function parseApiKey(candidate: string): KeyEnvironment | undefined {
  const match = WHOLE_KEY.exec(candidate);
  if (match === null) return undefined;
  const body = candidate.slice(0, -CHECKSUM_LENGTH);
  if (checksumOf(body) !== candidate.slice(-CHECKSUM_LENGTH)) return undefined;
  return match[1] as KeyEnvironment;
}
