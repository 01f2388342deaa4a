import { DomainError } from "@orrery/errors";

export interface UsageBucket {
  readonly day: string;
  readonly route: string;
  readonly requests: bigint;
  readonly errors: bigint;
  readonly rateLimited: bigint;
  readonly cacheHits: bigint;
  readonly bytes: bigint;
}

/** Reads per-key daily buckets; they are written by the usage ingest (UsageIngest). */
export interface KeyUsageStore {
  buckets(accountId: string, keyId: string, fromDay: string, toDay: string): Promise<UsageBucket[]>;
}

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 92;
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function parseDay(value: string, field: string): number {
  const parsed = Date.parse(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(parsed) || utcDay(new Date(parsed)) !== value) {
    throw new DomainError("VALIDATION_FAILED", `${field} must be YYYY-MM-DD.`, {
      violations: [{ field, code: "INVALID_FORMAT", message: "Must be a date, YYYY-MM-DD." }],
    });
  }
  return parsed;
}

/** The inclusive day range of a query: defaults to the last 30 days, at most 92. */
export function usageRange(
  fromDay: string,
  toDay: string,
  now: Date,
): { from: string; to: string } {
  const to = toDay === "" ? Date.parse(`${utcDay(now)}T00:00:00Z`) : parseDay(toDay, "toDay");
  const from =
    fromDay === "" ? to - (DEFAULT_RANGE_DAYS - 1) * DAY_MS : parseDay(fromDay, "fromDay");
  const days = (to - from) / DAY_MS + 1;
  if (days < 1 || days > MAX_RANGE_DAYS) {
    throw new DomainError(
      "USAGE_RANGE_TOO_LONG",
      `A usage query covers 1 to ${MAX_RANGE_DAYS} days, from fromDay to toDay.`,
      { metadata: { limit: String(MAX_RANGE_DAYS) } },
    );
  }
  return { from: utcDay(new Date(from)), to: utcDay(new Date(to)) };
}

/** Usage per key, UTC day and route, from the day rollups. */
export class KeyUsage {
  constructor(
    private readonly store: KeyUsageStore,
    private readonly now: () => Date,
  ) {}

  async usage(accountId: string, keyId: string, fromDay: string, toDay: string) {
    const violations = [
      ...(accountId === "" ? [{ field: "accountId", code: "REQUIRED", message: "Required." }] : []),
      ...(keyId === "" ? [{ field: "keyId", code: "REQUIRED", message: "Required." }] : []),
    ];
    if (violations.length > 0) {
      throw new DomainError("VALIDATION_FAILED", "accountId and keyId are required.", {
        violations,
      });
    }
    const range = usageRange(fromDay, toDay, this.now());
    return this.store.buckets(accountId, keyId, range.from, range.to);
  }
}
