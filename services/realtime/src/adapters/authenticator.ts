import { timestampDate } from "@bufbuild/protobuf/wkt";
import { verifyRealtimeToken } from "@orrery/key-contract";
import { limitOverridesFromProto, type Policy, planFromProto } from "@orrery/policy";
import { ApiKeyService, VerifyResult } from "@orrery/proto/apikey/v1/api_key";
import { createRpcClient } from "@orrery/rpc";
import type { Authentication, Authenticator, Credential } from "../domain/ports.js";

export interface AuthenticatorOptions {
  readonly apiKeyTarget: string;
  readonly timeoutMs: number;
  readonly tokenSecret: string;
  readonly policy: () => Policy;
  readonly now: () => number;
}

/**
 * API keys are verified by api-key's VerifyKey (one call per connection, not per frame); tokens
 * by their signature, with the secret the gateway mints them with.
 */
export function createAuthenticator(
  options: AuthenticatorOptions,
): Authenticator & { close(): void } {
  const client = createRpcClient(ApiKeyService, {
    target: options.apiKeyTarget,
    defaultTimeoutMs: options.timeoutMs,
    retryUnavailable: true,
  });
  return {
    async authenticate(credential: Credential): Promise<Authentication> {
      if (credential.kind === "token") {
        const check = verifyRealtimeToken(credential.token, options.tokenSecret, options.now());
        if (check.kind !== "valid") return { kind: check.kind };
        const { claims } = check;
        return {
          kind: "valid",
          principal: {
            accountId: claims.accountId,
            keyId: claims.keyId,
            scopes: claims.scopes,
            connectionLimit: claims.connectionLimit,
            expiresAt: claims.expiresAt * 1000,
          },
        };
      }
      const response = await client.verifyKey({ key: credential.key });
      const { apiKey, account } = response;
      // A suspended account's keys, like revoked or expired ones, do not connect.
      if (response.result !== VerifyResult.VALID || apiKey === undefined || account === undefined) {
        return { kind: "invalid" };
      }
      const limits = options.policy().limitsFor({
        plan: planFromProto(account.plan) ?? "free",
        accountOverrides: limitOverridesFromProto(account.overrides),
        keyOverrides: limitOverridesFromProto(apiKey.overrides),
      });
      const keyExpiry =
        apiKey.expiresAt === undefined ? undefined : timestampDate(apiKey.expiresAt).getTime();
      return {
        kind: "valid",
        principal: {
          accountId: apiKey.accountId,
          keyId: apiKey.id,
          scopes: apiKey.scopes,
          connectionLimit: limits.realtimeConnections,
          expiresAt: keyExpiry,
        },
      };
    },
    close: () => client.close(),
  };
}
