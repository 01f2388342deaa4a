import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { KeyEnvironment } from "@orrery/api-keys";
import { DomainError } from "@orrery/errors";
import {
  type AccountSchema,
  AccountStatus,
  type LimitOverrides as LimitOverridesMessage,
  type LimitOverridesSchema,
  Plan as PlanEnum,
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
  type LimitOverrides,
  type Plan,
  type TenantScope,
} from "../../domain/model.js";

const PLAN_TO_PROTO: Record<Plan, PlanEnum> = {
  free: PlanEnum.FREE,
  basic: PlanEnum.BASIC,
  premium: PlanEnum.PREMIUM,
};

export function planToProto(plan: Plan): PlanEnum {
  return PLAN_TO_PROTO[plan];
}

/** undefined for PLAN_UNSPECIFIED; an unknown number is a caller error. */
export function planFromProto(plan: PlanEnum, field: string): Plan | undefined {
  switch (plan) {
    case PlanEnum.UNSPECIFIED:
      return undefined;
    case PlanEnum.FREE:
      return "free";
    case PlanEnum.BASIC:
      return "basic";
    case PlanEnum.PREMIUM:
      return "premium";
    default:
      throw invalidField(field, "INVALID_VALUE", "Unknown plan.");
  }
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

export function invalidField(field: string, code: string, message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", `${field}: ${message}`, {
    violations: [{ field, code, message }],
  });
}

export function requireId(value: string, field: string): string {
  if (value === "") throw invalidField(field, "REQUIRED", "Required.");
  return value;
}

/** account_id, or every account when the caller says it is an admin: never by omission. */
export function scopeFromRequest(request: { accountId: string; anyAccount: boolean }): TenantScope {
  if (request.anyAccount) return ANY_ACCOUNT;
  return accountScope(requireId(request.accountId, "accountId"));
}

export function overridesFromProto(message: LimitOverridesMessage | undefined): LimitOverrides {
  if (message === undefined) return {};
  const quota = message.monthlyQuota;
  if (quota !== undefined && quota > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidField("overrides.monthlyQuota", "OUT_OF_RANGE", "Too large.");
  }
  const result: Record<string, number> = {};
  const fields = {
    burstPerSecond: message.burstPerSecond,
    requestsPerMinute: message.requestsPerMinute,
    monthlyQuota: quota === undefined ? undefined : Number(quota),
    maxBatchSize: message.maxBatchSize,
    concurrentBatches: message.concurrentBatches,
    webhookEndpoints: message.webhookEndpoints,
    realtimeConnections: message.realtimeConnections,
  };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) result[name] = value;
  }
  return result;
}

export function overridesToProto(
  overrides: LimitOverrides,
): MessageInitShape<typeof LimitOverridesSchema> {
  return {
    ...overrides,
    monthlyQuota: overrides.monthlyQuota === undefined ? undefined : BigInt(overrides.monthlyQuota),
  };
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
    overrides: overridesToProto(account.overrides),
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
    overrides: overridesToProto(key.overrides),
    expiresAt: optionalTimestamp(key.expiresAt),
    lastUsedAt: optionalTimestamp(key.lastUsedAt),
    createdAt: timestampFromDate(key.createdAt),
    rotatedAt: optionalTimestamp(key.rotatedAt),
    revokedAt: optionalTimestamp(key.revokedAt),
    replacedByKeyId: key.replacedByKeyId,
  };
}
