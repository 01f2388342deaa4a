import type { DomainError } from "@orrery/errors";
import { defaultPolicyPath, loadPolicyFile } from "@orrery/policy";
import { describe, expect, it } from "vitest";
import {
  assertGrantable,
  authorize,
  bearerToken,
  type Identity,
  INVALID,
  limitsOf,
  presentedKey,
  type Verdict,
} from "./authentication.js";

const identity: Identity = {
  accountId: "acc_1",
  keyId: "key_1",
  plan: "basic",
  scopes: ["charts:read", "keys:manage"],
  environment: "live",
  expiresAt: undefined,
  accountOverrides: {},
  keyOverrides: {},
};

function code(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe("the presented key", () => {
  it("comes from X-API-Key as well as from Authorization: Bearer", () => {
    expect(presentedKey(undefined, " orr_live_abc ")).toBe("orr_live_abc");
    expect(presentedKey("Bearer orr_live_abc", undefined)).toBe("orr_live_abc");
  });

  it("is refused when both headers carry different keys, and required when X-API-Key is empty", () => {
    expect(presentedKey("Bearer orr_live_abc", "orr_live_abc")).toBe("orr_live_abc");
    expect(code(() => presentedKey("Bearer orr_live_abc", "orr_live_abd"))).toBe("INVALID_API_KEY");
    expect(code(() => presentedKey(undefined, ""))).toBe("API_KEY_REQUIRED");
    expect(code(() => presentedKey(undefined, undefined))).toBe("API_KEY_REQUIRED");
  });
});

describe("bearer tokens", () => {
  it("reads the key from Authorization: Bearer, case-insensitively", () => {
    expect(bearerToken("Bearer orr_live_abc")).toBe("orr_live_abc");
    expect(bearerToken("bearer   orr_live_abc ")).toBe("orr_live_abc");
  });

  it("tells a missing header from a malformed one", () => {
    expect(code(() => bearerToken(undefined))).toBe("API_KEY_REQUIRED");
    expect(code(() => bearerToken(" "))).toBe("API_KEY_REQUIRED");
    expect(code(() => bearerToken("Basic dXNlcjpwYXNz"))).toBe("INVALID_API_KEY");
    expect(code(() => bearerToken("Bearer a b"))).toBe("INVALID_API_KEY");
  });
});

describe("authorize", () => {
  const valid: Verdict = { kind: "valid", identity };

  it("lets a valid key with the scope through", () => {
    expect(authorize(valid, "keys:manage", Date.now())).toBe(identity);
  });

  it("answers every invalid key alike, and an expired cached key as invalid", () => {
    expect(code(() => authorize(INVALID, "keys:manage", Date.now()))).toBe("INVALID_API_KEY");
    const expired: Verdict = { kind: "valid", identity: { ...identity, expiresAt: 1_000 } };
    expect(code(() => authorize(expired, "keys:manage", 1_000))).toBe("INVALID_API_KEY");
    expect(authorize(expired, "keys:manage", 999)).toBeDefined();
  });

  it("reveals suspension and missing scopes only to a working key", () => {
    const suspended: Verdict = { kind: "suspended", identity };
    expect(code(() => authorize(suspended, "keys:manage", Date.now()))).toBe("ACCOUNT_SUSPENDED");
    const expiredSuspended: Verdict = {
      kind: "suspended",
      identity: { ...identity, expiresAt: 1 },
    };
    expect(code(() => authorize(expiredSuspended, "keys:manage", 2))).toBe("INVALID_API_KEY");
    expect(code(() => authorize(valid, "webhooks:manage", Date.now()))).toBe("INSUFFICIENT_SCOPE");
  });

  it("treats admin as every scope", () => {
    const admin: Verdict = { kind: "valid", identity: { ...identity, scopes: ["admin"] } };
    expect(authorize(admin, "webhooks:manage", Date.now()).keyId).toBe("key_1");
  });
});

describe("granting scopes", () => {
  it("lets a key grant only what it holds; an admin grants anything", () => {
    expect(() => assertGrantable(identity, ["charts:read"])).not.toThrow();
    expect(code(() => assertGrantable(identity, ["charts:read", "admin"]))).toBe(
      "SCOPE_NOT_GRANTABLE",
    );
    expect(() => assertGrantable({ scopes: ["admin"] }, ["webhooks:manage"])).not.toThrow();
  });
});

describe("limitsOf", () => {
  const policy = loadPolicyFile(defaultPolicyPath);
  const plan = policy.plan("basic");

  it("is the plan's limits when nothing is overridden", () => {
    expect(limitsOf(identity, policy)).toEqual(policy.limitsFor({ plan: "basic" }));
  });

  it("takes the account's override over the plan and the key's over the account's", () => {
    const limits = limitsOf(
      {
        ...identity,
        accountOverrides: { savedReports: plan.savedReports + 7, maxBatchSize: 11 },
        keyOverrides: { maxBatchSize: 5 },
      },
      policy,
    );
    expect(limits.savedReports).toBe(plan.savedReports + 7);
    expect(limits.maxBatchSize).toBe(5);
    expect(limits.webhookEndpoints).toBe(plan.webhookEndpoints);
  });

  it("refuses a plan the policy does not know as an internal error, not as a limit", () => {
    expect(code(() => limitsOf({ ...identity, plan: "platinum" }, policy))).toBe("INTERNAL_ERROR");
  });
});
