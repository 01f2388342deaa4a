import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { invalidField, requireId } from "@orrery/errors";
import type { KeyEnvironment } from "@orrery/key-contract";
import {
  type LimitOverrides,
  limitOverridesFromProto,
  limitOverridesToProto,
  type PlanName,
  planFromProto,
  planToProto,
} from "@orrery/policy";
import {
  type AccountSchema,
  AccountStatus,
  type LimitOverrides as LimitOverridesMessage,
  Plan,
} from "@orrery/proto/apikey/v1/account";
import {
  type ApiKeySchema,
  KeyEnvironment as KeyEnvironmentEnum,
} from "@orrery/proto/apikey/v1/api_key";
import {
  type Account,
  ANY_ACCOUNT,
  type ApiKey,
  accountScope,
  type TenantScope,
} from "../../domain/model.js";

/** A request's plan: undefined for PLAN_UNSPECIFIED; a number no plan has is the caller's error. */
export function planFromRequest(plan: Plan, field: string): PlanName | undefined {
  if (plan === Plan.UNSPECIFIED) return undefined;
  const name = planFromProto(plan);
  if (name === undefined) throw invalidField(field, "INVALID_VALUE", "Unknown plan.");
  return name;
}

export function environmentFromProto(environment: KeyEnvironmentEnum): KeyEnvironment {
  switch (environment) {
    case KeyEnvironmentEnum.UNSPECIFIED:
    case KeyEnvironmentEnum.LIVE:
      return "live";
    case KeyEnvironmentEnum.TEST:
      return "test";
    default:
      throw invalidField("environment", "INVALID_VALUE", "Unknown key environment.");
  }
}

/** account_id, or every account when the caller says it is an admin: never by omission. */
export function scopeFromRequest(request: { accountId: string; anyAccount: boolean }): TenantScope {
  if (request.anyAccount) return ANY_ACCOUNT;
  return accountScope(requireId(request.accountId, "accountId"));
}

/** A request's overrides; a quota beyond what a JavaScript number holds exactly is refused. */
export function overridesFromRequest(message: LimitOverridesMessage | undefined): LimitOverrides {
  const quota = message?.monthlyQuota;
  if (quota !== undefined && quota > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidField("overrides.monthlyQuota", "OUT_OF_RANGE", "Too large.");
  }
  return limitOverridesFromProto(message);
}

export function optionalDate(timestamp: Timestamp | undefined): Date | undefined {
  return timestamp === undefined ? undefined : timestampDate(timestamp);
}

function optionalTimestamp(date: Date | undefined): Timestamp | undefined {
  return date === undefined ? undefined : timestampFromDate(date);
}

export function accountToProto(account: Account): MessageInitShape<typeof AccountSchema> {
  return {
    id: account.id,
    name: account.name,
    plan: planToProto(account.plan),
    status: account.status === "suspended" ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE,
    overrides: limitOverridesToProto(account.overrides),
    billingCycleAnchorDay: account.billingCycleAnchorDay,
    createdAt: timestampFromDate(account.createdAt),
    updatedAt: timestampFromDate(account.updatedAt),
    suspendedAt: optionalTimestamp(account.suspendedAt),
    suspensionReason: account.suspensionReason ?? "",
  };
}

export function keyToProto(key: ApiKey): MessageInitShape<typeof ApiKeySchema> {
  return {
    id: key.id,
    accountId: key.accountId,
    name: key.name,
    start: key.start,
    scopes: [...key.scopes],
    environment: key.environment === "test" ? KeyEnvironmentEnum.TEST : KeyEnvironmentEnum.LIVE,
    overrides: limitOverridesToProto(key.overrides),
    expiresAt: optionalTimestamp(key.expiresAt),
    lastUsedAt: optionalTimestamp(key.lastUsedAt),
    createdAt: timestampFromDate(key.createdAt),
    rotatedAt: optionalTimestamp(key.rotatedAt),
    revokedAt: optionalTimestamp(key.revokedAt),
    replacedByKeyId: key.replacedByKeyId,
  };
}
