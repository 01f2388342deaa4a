import { timestampDate } from "@bufbuild/protobuf/wkt";
import { limitOverridesFromProto, planFromProto } from "@orrery/policy";
import { AccountStatus } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService, KeyEnvironment, VerifyResult } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient } from "@orrery/rpc";
import { type Identity, INVALID, type Verdict } from "../domain/authentication.js";

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
        // An account without a plan (older data) is limited as free.
        plan: planFromProto(account.plan) ?? "free",
        scopes: apiKey.scopes,
        environment: apiKey.environment === KeyEnvironment.TEST ? "test" : "live",
        expiresAt:
          apiKey.expiresAt === undefined ? undefined : timestampDate(apiKey.expiresAt).getTime(),
        accountOverrides: limitOverridesFromProto(account.overrides),
        keyOverrides: limitOverridesFromProto(apiKey.overrides),
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
