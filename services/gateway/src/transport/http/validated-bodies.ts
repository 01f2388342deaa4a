/** Bodies larger than this are validated every time: popular inputs are small. */
const MAX_REMEMBERED_TEXT = 4_096;
const MAX_ENTRIES = 2_000;

interface Validated {
  /** The body as parsed from JSON (what idempotency fingerprints). */
  readonly body: unknown;
  /** The body after the route's schema (what the handler receives). */
  readonly parsed: unknown;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/**
 * One route's recently validated request bodies, by their exact text. Validation is a pure
 * function of the text and the route's schema, so a repeat can reuse the result; the values are
 * frozen because every later request with the same text shares them.
 */
export class ValidatedBodies {
  readonly #entries = new Map<string, Validated>();

  get(text: string): Validated | undefined {
    const entry = this.#entries.get(text);
    if (entry !== undefined) {
      // Most recently used last: eviction takes the least recently used first.
      this.#entries.delete(text);
      this.#entries.set(text, entry);
    }
    return entry;
  }

  remember(text: string, body: unknown, parsed: unknown): void {
    if (text.length > MAX_REMEMBERED_TEXT) return;
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(text, { body: deepFreeze(body), parsed: deepFreeze(parsed) });
  }
}
