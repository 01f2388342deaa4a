import { DomainError } from "@orrery/errors";

/** A response as stored for replay. */
export interface StoredResponse {
  readonly status: number;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Base64 of the body bytes. */
  readonly body: string;
}

export type IdempotencyRecord =
  | { readonly state: "pending"; readonly fingerprint: string }
  | { readonly state: "done"; readonly fingerprint: string; readonly response: StoredResponse };

/** Where idempotency records live (Redis); every method may throw when the store is down. */
export interface IdempotencyStore {
  /** Claims `key` for this request, or returns the record another request left there. */
  claim(
    key: string,
    fingerprint: string,
    pendingTtlMs: number,
  ): Promise<IdempotencyRecord | undefined>;
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores the response of the claim holder, kept for `ttlMs`. */
  complete(
    key: string,
    fingerprint: string,
    response: StoredResponse,
    ttlMs: number,
  ): Promise<void>;
  /** Drops this request's claim (the work failed and may be retried). */
  release(key: string, fingerprint: string): Promise<void>;
}

export interface IdempotencyPolicy {
  /** How long a stored response is replayed (24 h). */
  readonly retentionMs: number;
  /** A claim whose holder died frees itself after this long. */
  readonly pendingTtlMs: number;
  /** How long a duplicate waits for the first request to finish before 409. */
  readonly waitMs: number;
  readonly pollMs: number;
}

export interface IdempotentOutcome {
  readonly response: StoredResponse;
  readonly replayed: boolean;
}

/**
 * Runs `execute` at most once per key and fingerprint while the stored response lives:
 * the same key and body again → the stored response; the same key with another body → 422;
 * a duplicate that arrives while the first is running waits for its response (409 after
 * `waitMs`). A failure that throws (5xx) releases the key so the client may retry.
 */
export async function runIdempotently(
  store: IdempotencyStore,
  policy: IdempotencyPolicy,
  key: string,
  fingerprint: string,
  execute: () => Promise<StoredResponse>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<IdempotentOutcome> {
  const deadline = Date.now() + policy.waitMs;
  for (;;) {
    const existing = await storeCall(() => store.claim(key, fingerprint, policy.pendingTtlMs));
    if (existing === undefined) break;
    if (existing.fingerprint !== fingerprint) throw keyReused();
    if (existing.state === "done") return { response: existing.response, replayed: true };
    // In flight elsewhere: wait for its response rather than doing the work twice.
    for (;;) {
      if (Date.now() >= deadline) {
        throw new DomainError(
          "IDEMPOTENCY_KEY_IN_USE",
          "A request with this Idempotency-Key is still being processed; retry shortly.",
          { metadata: { retryAfterSeconds: "1" } },
        );
      }
      await sleep(policy.pollMs);
      const current = await storeCall(() => store.get(key));
      if (current === undefined) break; // the first attempt failed and released the key
      if (current.fingerprint !== fingerprint) throw keyReused();
      if (current.state === "done") return { response: current.response, replayed: true };
    }
  }

  let response: StoredResponse;
  try {
    response = await execute();
  } catch (error) {
    await store.release(key, fingerprint).catch(() => undefined);
    throw error;
  }
  if (response.status >= 500) {
    await store.release(key, fingerprint).catch(() => undefined);
  } else {
    await storeCall(() => store.complete(key, fingerprint, response, policy.retentionMs));
  }
  return { response, replayed: false };
}

function keyReused(): DomainError {
  return new DomainError(
    "IDEMPOTENCY_KEY_REUSED",
    "This Idempotency-Key was used with a different request; use a new key for a new request.",
  );
}

async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new DomainError(
      "IDEMPOTENCY_UNAVAILABLE",
      "Idempotency keys cannot be honoured right now; retry, or send the request without Idempotency-Key.",
      { metadata: { retryAfterSeconds: "1" }, cause: error },
    );
  }
}
