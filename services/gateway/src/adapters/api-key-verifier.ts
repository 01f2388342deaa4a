import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  AccountStatus,
  type LimitOverrides as LimitOverridesMessage,
  Plan,
} from "@orrery/proto/apikey/v1/account";
import { ApiKeyService, KeyEnvironment, VerifyResult } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient } from "@orrery/rpc";
import {
  type Identity,
  INVALID,
  type LimitOverrides,
  type Verdict,
} from "../domain/authentication.js";

const PLAN_NAMES: Record<Plan, string> = {
  [Plan.UNSPECIFIED]: "free",
  [Plan.FREE]: "free",
  [Plan.BASIC]: "basic",
  [Plan.PREMIUM]: "premium",
};

export function planName(plan: Plan): string {
  return PLAN_NAMES[plan] ?? "free";
}

export function overridesFromMessage(message: LimitOverridesMessage | undefined): LimitOverrides {
  if (message === undefined) return {};
  const result: Record<string, number> = {};
  for (const [name, value] of Object.entries({
    burstPerSecond: message.burstPerSecond,
    requestsPerMinute: message.requestsPerMinute,
    monthlyQuota: message.monthlyQuota === undefined ? undefined : Number(message.monthlyQuota),
    maxBatchSize: message.maxBatchSize,
    concurrentBatches: message.concurrentBatches,
    webhookEndpoints: message.webhookEndpoints,
    realtimeConnections: message.realtimeConnections,
  })) {
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/** VerifyKey over gRPC, answered as a Verdict the cache can keep. */
export function createApiKeyVerifier(target: string, timeoutMs: number) {
  const client = createRpcClient(ApiKeyService, {
    target,
    defaultTimeoutMs: timeoutMs,
    retryUnavailable: true,
  });
  return {
    async verify(key: string): Promise<Verdict> {
      const response = await client.verifyKey({ key });
      const { apiKey, account } = response;
      if (
        apiKey === undefined ||
        account === undefined ||
        (response.result !== VerifyResult.VALID &&
          response.result !== VerifyResult.INSUFFICIENT_SCOPE &&
          response.result !== VerifyResult.ACCOUNT_SUSPENDED)
      ) {
        return INVALID;
      }
      const identity: Identity = {
        accountId: apiKey.accountId,
        keyId: apiKey.id,
        plan: planName(account.plan),
        scopes: apiKey.scopes,
        environment: apiKey.environment === KeyEnvironment.TEST ? "test" : "live",
        expiresAt:
          apiKey.expiresAt === undefined ? undefined : timestampDate(apiKey.expiresAt).getTime(),
        accountOverrides: overridesFromMessage(account.overrides),
        keyOverrides: overridesFromMessage(apiKey.overrides),
        ...(account.billingCycleAnchorDay >= 1
          ? { billingCycleAnchorDay: account.billingCycleAnchorDay }
          : {}),
      };
      return account.status === AccountStatus.SUSPENDED
        ? { kind: "suspended", identity }
        : { kind: "valid", identity };
    },
    close: () => client.close(),
  };
}
