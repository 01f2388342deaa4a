import type { KeyEnvironment } from "@orrery/key-contract";
import { LIMIT_FIELD_NAMES, type LimitOverrides, type PlanName } from "@orrery/policy";
import type { Account, ApiKey } from "../domain/model.js";
import type {
  Account as AccountRow,
  ApiKey as ApiKeyRow,
  Prisma,
} from "../generated/prisma/client.js";

/** Stored overrides are our own JSON; keep only known, numeric fields. */
export function overridesFromJson(value: Prisma.JsonValue): LimitOverrides {
  const result: Record<string, number> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return result;
  for (const name of LIMIT_FIELD_NAMES) {
    const field = (value as Record<string, unknown>)[name];
    if (typeof field === "number") result[name] = field;
  }
  return result;
}

export function overridesToJson(overrides: LimitOverrides): Prisma.InputJsonObject {
  return { ...overrides };
}

export function accountFromRow(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan as PlanName,
    status: row.status === "suspended" ? "suspended" : "active",
    overrides: overridesFromJson(row.limitOverrides),
    billingCycleAnchorDay: row.billingCycleAnchorDay,
    operator: row.operator,
    suspensionReason: row.suspensionReason ?? undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    suspendedAt: row.suspendedAt ?? undefined,
  };
}

export function keyFromRow(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    environment: row.environment as KeyEnvironment,
    start: row.start,
    scopes: row.scopes,
    overrides: overridesFromJson(row.limitOverrides),
    expiresAt: row.expiresAt ?? undefined,
    lastUsedAt: row.lastUsedAt ?? undefined,
    createdAt: row.createdAt,
    rotatedAt: row.rotatedAt ?? undefined,
    replacedByKeyId: row.replacedByKeyId ?? undefined,
    revokedAt: row.revokedAt ?? undefined,
  };
}
