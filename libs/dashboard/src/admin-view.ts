import { type Api, isForbidden } from "./api.js";
import type { Metrics, Overview } from "./api-types.js";
import { byId, fillMetrics, fillTable } from "./dom.js";
import { formatCount, formatMs, formatRate, formatRatio } from "./format.js";
import type { Window } from "./ranges.js";
import type { Session } from "./session.js";
import { metricTexts } from "./tenant-view.js";

/** Hour-aligned, as the overview reads the hour rollups. */
function hourAligned(window: Window): { from: string; to: string } {
  const hour = 3_600_000;
  return {
    from: new Date(Math.floor(window.from.getTime() / hour) * hour).toISOString(),
    to: new Date(Math.ceil(window.to.getTime() / hour) * hour).toISOString(),
  };
}

function rankingRow(entry: Metrics & { name: string }): string[] {
  return [
    entry.name,
    formatCount(entry.requests),
    formatRatio(entry.requests === 0 ? 0 : entry.errors / entry.requests),
    formatCount(entry.rateLimited),
    formatMs(entry.p95),
  ];
}

/** Across accounts, for keys with the admin scope; hidden for every other key. */
export class AdminView {
  private readonly section = byId("admin");

  constructor(
    private readonly api: Api,
    private readonly session: Session,
  ) {}

  /** Shows the overview; false when this key is not an admin key (the view stays hidden). */
  async refresh(window: Window): Promise<boolean> {
    if (this.session.isAdmin() === false) {
      this.section.hidden = true;
      return false;
    }
    let overview: Overview;
    try {
      overview = await this.api.json<Overview>(
        `/v1/analytics/overview?${new URLSearchParams({ ...hourAligned(window), limit: "10" })}`,
      );
    } catch (error) {
      if (!isForbidden(error)) throw error;
      this.session.rememberAdmin(false);
      this.section.hidden = true;
      return false;
    }
    this.session.rememberAdmin(true);
    this.section.hidden = false;
    fillMetrics(this.section, "data-admin-metric", metricTexts(overview.totals));
    const { batches } = overview;
    fillMetrics(this.section, "data-admin-batches", {
      completed: formatCount(batches.completed),
      failed: formatCount(batches.failed),
      stopped: formatCount(batches.cancelled + batches.expired),
      itemsSucceeded: formatCount(batches.itemsSucceeded),
      itemsFailed: formatCount(batches.itemsFailed),
      itemsPerSecond: formatRate(batches.itemsPerSecond),
      processingItemsPerSecond: formatRate(batches.processingItemsPerSecond),
    });
    const { webhooks } = overview;
    fillMetrics(this.section, "data-admin-webhooks", {
      attempts: formatCount(webhooks.attempts),
      succeeded: formatCount(webhooks.succeeded),
      failed: formatCount(webhooks.failed),
      successRate: webhooks.attempts === 0 ? "–" : formatRatio(webhooks.successRate),
      meanDurationMs: webhooks.attempts === 0 ? "–" : formatMs(webhooks.meanDurationMs),
    });
    fillTable(
      byId("admin-failing-webhooks"),
      webhooks.topFailingAccounts.map((account) => [
        account.accountId,
        formatCount(account.attempts),
        formatCount(account.failed),
        formatRatio(account.successRate),
        formatMs(account.meanDurationMs),
      ]),
      "No failed deliveries.",
    );
    fillTable(byId("top-accounts"), overview.topAccounts.map(rankingRow), "No traffic.");
    fillTable(byId("admin-top-routes"), overview.topRoutes.map(rankingRow), "No traffic.");
    return true;
  }
}
