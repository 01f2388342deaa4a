import { AccountService, Plan } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService, KeyEnvironment } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient } from "@orrery/rpc";
import { stackServiceTargets } from "@orrery/testing";

/**
 * A real API key from the local stack's api-key service, on an account of its own whose limits
 * are far above what one machine can send: every request is authenticated, decided and charged
 * as in production, and none is refused.
 */
export async function createBenchKey(): Promise<string> {
  const target = stackServiceTargets().apiKey;
  const accounts = createRpcClient(AccountService, { target, defaultTimeoutMs: 5_000 });
  const keys = createRpcClient(ApiKeyService, { target, defaultTimeoutMs: 5_000 });
  try {
    const { account } = await accounts.createAccount({
      name: "gateway bench",
      plan: Plan.PREMIUM,
      overrides: {
        burstPerSecond: 1_000_000,
        requestsPerMinute: 100_000_000,
        monthlyQuota: 1_000_000_000_000n,
      },
      billingCycleAnchorDay: 1,
    });
    const created = await keys.createKey({
      accountId: account?.id ?? "",
      name: "gateway bench",
      scopes: ["charts:read"],
      environment: KeyEnvironment.LIVE,
    });
    return created.key;
  } finally {
    accounts.close();
    keys.close();
  }
}
