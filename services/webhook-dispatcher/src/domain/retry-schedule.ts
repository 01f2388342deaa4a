/** Delays after the first attempt fails: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (Svix's). */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** "0,5s,5m,30m,2h" → milliseconds; the first entry is the first attempt's delay. */
export function parseSchedule(text: string): number[] {
  return text.split(",").map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)(ms|s|m|h)?\s*$/.exec(part);
    if (match === null)
      throw new Error(`"${part.trim()}" is not a duration like 500ms, 5s, 5m, 2h`);
    return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? "ms"]!);
  });
}

export interface RetryPolicy {
  /** Entry i is the wait before attempt i + 1; its length is the number of attempts. */
  readonly scheduleMs: readonly number[];
  /** ± this fraction of each delay, so retries of many messages do not arrive in step. */
  readonly jitter: number;
  /** A Retry-After is honoured up to this long; longer ones are cut to it. */
  readonly maxRetryAfterMs: number;
}

/**
 * When the next attempt is due after `failedAttempts` attempts failed, or undefined when the
 * schedule is spent. A Retry-After (429/503) replaces the scheduled delay, within bounds.
 */
export function nextAttemptDelay(
  policy: RetryPolicy,
  failedAttempts: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (failedAttempts >= policy.scheduleMs.length) return undefined;
  if (retryAfterMs !== undefined)
    return Math.min(Math.max(retryAfterMs, 0), policy.maxRetryAfterMs);
  const base = policy.scheduleMs[failedAttempts] ?? 0;
  const spread = base * policy.jitter;
  return Math.round(base - spread + random() * 2 * spread);
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(date - now, 0);
}
