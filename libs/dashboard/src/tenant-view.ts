import { type Api, isForbidden } from "./api.js";
import type {
  AnalyticsUsage,
  Batch,
  Metrics,
  QuotaUsage,
  WebhookEndpoint,
  WebhookMessage,
} from "./api-types.js";
import { TimeChart } from "./charts.js";
import { byId, fillMetrics, fillTable } from "./dom.js";
import { formatCount, formatMs, formatRatio, formatTime } from "./format.js";
import { fillBuckets, rankGroups, usageQuery, type Window } from "./ranges.js";

const TOP = 8;

export function metricTexts(metrics: Metrics): Record<string, string> {
  return {
    requests: formatCount(metrics.requests),
    errors: formatCount(metrics.errors),
    errors4xx: formatCount(metrics.errors4xx),
    errors5xx: formatCount(metrics.errors5xx),
    rateLimited: formatCount(metrics.rateLimited),
    cacheHitRatio: formatRatio(metrics.cacheHitRatio),
    p50: formatMs(metrics.p50),
    p95: formatMs(metrics.p95),
    p99: formatMs(metrics.p99),
  };
}

/** The signed-in account: its traffic, latency, quota, batches and webhooks over a window. */
export class TenantView {
  private readonly section = byId("tenant");
  private readonly traffic = new TimeChart(
    byId("traffic-chart"),
    [
      { label: "Requests", color: "#2563eb" },
      { label: "Errors", color: "#dc2626" },
      { label: "429s", color: "#d97706", dash: [6, 4] },
    ],
    "",
  );
  private readonly latency = new TimeChart(
    byId("latency-chart"),
    [
      { label: "p50", color: "#059669", points: true },
      { label: "p95", color: "#7c3aed", points: true },
      { label: "p99", color: "#db2777", dash: [6, 4], points: true },
    ],
    " ms",
  );

  constructor(private readonly api: Api) {}

  /** Shows the window; with `route`, the tiles, charts and top keys are that route's alone. */
  async refresh(window: Window, route: string): Promise<void> {
    const only: Record<string, string> = route === "" ? {} : { route };
    const [usage, byRoute, byKey] = await Promise.all([
      this.api.json<AnalyticsUsage>(`/v1/analytics/usage?${usageQuery(window, only)}`),
      this.api.json<AnalyticsUsage>(
        `/v1/analytics/usage?${usageQuery(window, { groupBy: "route" })}`,
      ),
      this.api.json<AnalyticsUsage>(
        `/v1/analytics/usage?${usageQuery(window, { ...only, groupBy: "key" })}`,
      ),
    ]);
    this.offerRoutes(
      rankGroups(byRoute.series, 50).map((entry) => entry.name),
      route,
    );
    this.section.hidden = false;
    fillMetrics(this.section, "data-metric", metricTexts(usage.totals));
    const counts = fillBuckets(window, usage.series, ["requests", "errors", "rateLimited"], "zero");
    this.traffic.show(counts.times, counts.values);
    const latencies = fillBuckets(window, usage.series, ["p50", "p95", "p99"], "gap");
    this.latency.show(latencies.times, latencies.values);
    const rankingRows = (series: AnalyticsUsage["series"]) =>
      rankGroups(series, TOP).map((entry) => [
        entry.name,
        formatCount(entry.requests),
        formatCount(entry.errors),
        formatCount(entry.rateLimited),
      ]);
    fillTable(byId("top-routes"), rankingRows(byRoute.series), "No traffic in this range.");
    fillTable(byId("top-keys"), rankingRows(byKey.series), "No traffic in this range.");
    await Promise.all([this.quota(), this.batches(), this.webhooks()]);
  }

  /** The route filter lists every route with traffic in the window (and the chosen one). */
  private offerRoutes(routes: readonly string[], chosen: string): void {
    const select = byId<HTMLSelectElement>("route-filter");
    const names = [...new Set([...routes, ...(chosen === "" ? [] : [chosen])])].sort();
    const options = [new Option("All routes", ""), ...names.map((name) => new Option(name, name))];
    select.replaceChildren(...options);
    select.value = chosen;
  }

  private async quota(): Promise<void> {
    const usage = await this.api.json<QuotaUsage>("/v1/usage");
    const { used, quota } = usage.monthly;
    byId("quota-text").textContent =
      `${formatCount(used)} of ${formatCount(quota)} request units (${usage.plan} plan${usage.environment === "test" ? ", sandbox" : ""})`;
    const bar = byId<HTMLProgressElement>("quota-bar");
    bar.max = Math.max(quota, 1);
    bar.value = Math.min(used, bar.max);
    byId("quota-cycle").textContent =
      usage.monthly.cycleResetsAt === undefined
        ? ""
        : `Resets ${formatTime(usage.monthly.cycleResetsAt)}`;
  }

  private async batches(): Promise<void> {
    await this.scopedTable("batches", "batches-note", "batches (scope batches:read)", async () => {
      const page = await this.api.json<{ batches: Batch[] }>("/v1/batches?pageSize=10");
      const rows = page.batches.map((batch) => [
        batch.id,
        batch.status,
        `${formatCount(batch.requestCounts.completed)} / ${formatCount(batch.requestCounts.total)}`,
        formatCount(batch.requestCounts.failed),
        formatTime(batch.createdAt),
      ]);
      return { rows, empty: "No batches yet.", note: "" };
    });
  }

  private async webhooks(): Promise<void> {
    await this.scopedTable(
      "webhook-endpoints",
      "webhooks-note",
      "webhooks (scope webhooks:manage)",
      async () => {
        const [endpoints, messages] = await Promise.all([
          this.api.json<{ endpoints: WebhookEndpoint[] }>("/v1/webhooks/endpoints?pageSize=20"),
          this.api.json<{ messages: WebhookMessage[] }>("/v1/webhooks/messages?pageSize=100"),
        ]);
        const tally = new Map<string, Record<WebhookMessage["status"], number>>();
        for (const message of messages.messages) {
          const counts = tally.get(message.endpointId) ?? { succeeded: 0, failed: 0, pending: 0 };
          counts[message.status] += 1;
          tally.set(message.endpointId, counts);
        }
        const rows = endpoints.endpoints.map((endpoint) => {
          const counts = tally.get(endpoint.id) ?? { succeeded: 0, failed: 0, pending: 0 };
          const state = endpoint.disabled
            ? "disabled"
            : endpoint.failingSince === undefined
              ? "healthy"
              : `failing since ${formatTime(endpoint.failingSince)}`;
          return [
            endpoint.url,
            state,
            formatCount(counts.succeeded),
            formatCount(counts.failed),
            formatCount(counts.pending),
          ];
        });
        return {
          rows,
          empty: "No webhook endpoints.",
          note: "Deliveries among the latest 100 messages.",
        };
      },
    );
  }

  /**
   * A table the key's scopes may forbid: the rows `read` returns under its note, or, when the
   * key may not, the table hidden and a note saying what (and which scope) it cannot read.
   */
  private async scopedTable(
    tableId: string,
    noteId: string,
    forbidden: string,
    read: () => Promise<{ rows: string[][]; empty: string; note: string }>,
  ): Promise<void> {
    const note = byId(noteId);
    const table = byId<HTMLTableElement>(tableId);
    try {
      const { rows, empty, note: text } = await read();
      note.textContent = text;
      table.hidden = false;
      fillTable(table, rows, empty);
    } catch (error) {
      if (!isForbidden(error)) throw error;
      note.textContent = `This key cannot read ${forbidden}.`;
      table.hidden = true;
    }
  }
}
