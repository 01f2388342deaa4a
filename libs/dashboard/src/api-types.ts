// The shapes of the /v1 responses the dashboard reads (the gateway's OpenAPI document has them
// in full); only the fields shown here.

export interface Metrics {
  readonly requests: number;
  readonly errors: number;
  readonly errors4xx: number;
  readonly errors5xx: number;
  readonly rateLimited: number;
  readonly cacheHitRatio: number;
  readonly quotaUnits: number;
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
}

export interface UsagePoint extends Metrics {
  readonly start: string;
  readonly group?: string;
  readonly [metric: string]: unknown;
}

export interface AnalyticsUsage {
  readonly from: string;
  readonly to: string;
  readonly series: readonly UsagePoint[];
  readonly totals: Metrics;
}

export interface Overview {
  readonly totals: Metrics;
  readonly topAccounts: readonly (Metrics & { readonly name: string })[];
  readonly topRoutes: readonly (Metrics & { readonly name: string })[];
  readonly batches: {
    readonly completed: number;
    readonly failed: number;
    readonly cancelled: number;
    readonly expired: number;
    readonly itemsSucceeded: number;
    readonly itemsFailed: number;
    readonly itemsPerSecond: number;
    readonly processingItemsPerSecond: number;
  };
  readonly webhooks: WebhookDeliveries;
}

export interface WebhookDeliveries {
  readonly attempts: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly successRate: number;
  readonly meanDurationMs: number;
  readonly topFailingAccounts: readonly {
    readonly accountId: string;
    readonly attempts: number;
    readonly failed: number;
    readonly successRate: number;
    readonly meanDurationMs: number;
  }[];
}

export interface QuotaUsage {
  readonly plan: string;
  readonly environment: "live" | "test";
  readonly monthly: {
    readonly used: number;
    readonly quota: number;
    readonly remaining: number;
    readonly cycleResetsAt?: string;
  };
}

export interface Batch {
  readonly id: string;
  readonly status: string;
  readonly createdAt: string;
  readonly requestCounts: {
    readonly total: number;
    readonly completed: number;
    readonly failed: number;
  };
}

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly disabled: boolean;
  readonly failingSince?: string;
}

export interface WebhookMessage {
  readonly endpointId: string;
  readonly status: "pending" | "succeeded" | "failed";
}
