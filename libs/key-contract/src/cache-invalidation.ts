/**
 * Redis pub/sub channel on which api-key announces, right after a commit, that cached
 * verifications of an account's keys are stale (revocation, rotation, plan change, suspension).
 * It is the fast path; the same change also reaches every gateway replica as an event on
 * orrery.accounts.v1 through the outbox, in case a pub/sub message is missed.
 */
export const KEY_CACHE_INVALIDATION_CHANNEL = "orrery:auth:v1:invalidate";

/** The message body: the account whose cached verifications must go. */
export function encodeInvalidation(accountId: string): string {
  return JSON.stringify({ accountId });
}

export function decodeInvalidation(message: string): string | undefined {
  try {
    const parsed = JSON.parse(message) as { accountId?: unknown };
    return typeof parsed.accountId === "string" && parsed.accountId !== ""
      ? parsed.accountId
      : undefined;
  } catch {
    return undefined;
  }
}
