import { AnalyticsService } from "@orrery/proto/analytics/v1/analytics";
import { AccountService } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient, type ServiceClient } from "@orrery/rpc";

/** The gRPC clients behind /v1/keys and /v1/accounts. */
export interface KeyManagementClients {
  readonly keys: ServiceClient<typeof ApiKeyService>;
  readonly accounts: ServiceClient<typeof AccountService>;
  readonly analytics: ServiceClient<typeof AnalyticsService>;
}

export function createKeyManagementClients(options: {
  apiKeyTarget: string;
  analyticsTarget: string;
  timeoutMs: number;
}): KeyManagementClients & { close(): void } {
  const keys = createRpcClient(ApiKeyService, {
    target: options.apiKeyTarget,
    defaultTimeoutMs: options.timeoutMs,
  });
  const accounts = createRpcClient(AccountService, {
    target: options.apiKeyTarget,
    defaultTimeoutMs: options.timeoutMs,
  });
  const analytics = createRpcClient(AnalyticsService, {
    target: options.analyticsTarget,
    defaultTimeoutMs: options.timeoutMs,
    retryUnavailable: true,
  });
  return {
    keys,
    accounts,
    analytics,
    close() {
      keys.close();
      accounts.close();
      analytics.close();
    },
  };
}
