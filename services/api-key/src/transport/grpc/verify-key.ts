import { metrics } from "@opentelemetry/api";
import { type ApiKeyService, VerifyResult } from "@orrery/proto/apikey/v1/api_key";
import type { ServiceImplementation } from "@orrery/rpc";
import type { KeyManager, VerificationResult } from "../../domain/keys.js";
import { accountToProto, keyToProto } from "./messages.js";

const RESULTS: Record<VerificationResult, VerifyResult> = {
  VALID: VerifyResult.VALID,
  NOT_FOUND: VerifyResult.NOT_FOUND,
  REVOKED: VerifyResult.REVOKED,
  EXPIRED: VerifyResult.EXPIRED,
  INSUFFICIENT_SCOPE: VerifyResult.INSUFFICIENT_SCOPE,
  ACCOUNT_SUSPENDED: VerifyResult.ACCOUNT_SUSPENDED,
};

/** Never fails for a bad key: the answer is a result code, so callers can cache it. */
export function verifyKey(
  keys: KeyManager,
): ServiceImplementation<typeof ApiKeyService>["verifyKey"] {
  // Made here, not at import: the meter provider exists only once the runtime started.
  const verifications = metrics
    .getMeter("@orrery/api-key")
    .createCounter("apikey_verifications_total", { description: "VerifyKey answers, by result" });
  return async (request) => {
    const verification = await keys.verifyKey(request.key, request.requiredScopes);
    verifications.add(1, { result: verification.result });
    return {
      result: RESULTS[verification.result],
      apiKey: verification.key === undefined ? undefined : keyToProto(verification.key),
      account:
        verification.account === undefined ? undefined : accountToProto(verification.account),
    };
  };
}
