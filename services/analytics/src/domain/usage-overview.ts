import { DomainError } from "@orrery/errors";
import {
  addCounts,
  EARLIEST,
  emptyCounts,
  LATEST,
  MAX_QUERY_BUCKETS,
  metricsOf,
  type UsageCounts,
  type UsageMetrics,
} from "./usage-query.js";
import { bucketStart, GRANULARITY_MS } from "./usage-rollups.js";

export type OverviewDimension = "account" | "route";

export interface UsageOverviewStore {
  /** Every account's (or route's) summed hour rollups in [from, to). */
  totalsBy(
    dimension: OverviewDimension,
    from: Date,
    to: Date,
  ): Promise<(UsageCounts & { name: string })[]>;
}

export interface UsageOverview {
  readonly from: Date;
  readonly to: Date;
  /** Entries per ranking, as resolved from the request. */
  readonly limit: number;
  readonly totals: UsageMetrics;
  readonly topAccounts: readonly { name: string; metrics: UsageMetrics }[];
  readonly topRoutes: readonly { name: string; metrics: UsageMetrics }[];
}

export const DEFAULT_OVERVIEW_LIMIT = 10;
export const MAX_OVERVIEW_LIMIT = 100;

/** The operators' view across accounts, from the hour rollups. */
export class UsageOverviews {
  constructor(
    private readonly store: UsageOverviewStore,
    private readonly now: () => Date,
  ) {}

  async overview(input: {
    readonly from: Date | undefined;
    readonly to: Date | undefined;
    readonly limit: number;
  }): Promise<UsageOverview> {
    const hour = GRANULARITY_MS.hour;
    const to = new Date(Math.ceil((input.to ?? this.now()).getTime() / hour) * hour);
    const from =
      input.from === undefined
        ? new Date(to.getTime() - 24 * hour)
        : bucketStart(input.from, "hour");
    if (from.getTime() >= to.getTime()) {
      throw new DomainError("INVALID_RANGE", "from must be before to.");
    }
    if (from.getTime() < EARLIEST.getTime() || to.getTime() > LATEST.getTime()) {
      throw new DomainError("INVALID_RANGE", "Usage ranges lie between 1970 and 9998.");
    }
    const buckets = (to.getTime() - from.getTime()) / hour;
    if (buckets > MAX_QUERY_BUCKETS) {
      throw new DomainError(
        "USAGE_QUERY_TOO_LARGE",
        `The range holds ${buckets} hours; an overview covers at most ${MAX_QUERY_BUCKETS}.`,
        { metadata: { limit: String(MAX_QUERY_BUCKETS), buckets: String(buckets) } },
      );
    }
    const limit = Math.min(
      input.limit === 0 ? DEFAULT_OVERVIEW_LIMIT : input.limit,
      MAX_OVERVIEW_LIMIT,
    );
    const [accounts, routes] = await Promise.all([
      this.store.totalsBy("account", from, to),
      this.store.totalsBy("route", from, to),
    ]);
    const total = emptyCounts();
    for (const account of accounts) addCounts(total, account);
    const top = (rows: (UsageCounts & { name: string })[]) =>
      [...rows]
        .sort((a, b) => b.requests - a.requests || (a.name < b.name ? -1 : 1))
        .slice(0, limit)
        .map((row) => ({ name: row.name, metrics: metricsOf(row) }));
    return {
      from,
      to,
      limit,
      totals: metricsOf(total),
      topAccounts: top(accounts),
      topRoutes: top(routes),
    };
  }
}
