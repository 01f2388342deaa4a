import type { KeyEnvironment } from "@orrery/key-contract";
import type { LimitOverrides, PlanName } from "@orrery/policy";

export type AccountStatus = "active" | "suspended";

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly plan: PlanName;
  readonly status: AccountStatus;
  readonly overrides: LimitOverrides;
  readonly billingCycleAnchorDay: number;
  /** The platform operators' account: the only one whose keys may hold `admin`. */
  readonly operator: boolean;
  readonly suspensionReason: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly suspendedAt: Date | undefined;
}

/** A key as stored and shown: never its secret. */
export interface ApiKey {
  readonly id: string;
  readonly accountId: string;
  readonly name: string;
  readonly environment: KeyEnvironment;
  readonly start: string;
  readonly scopes: readonly string[];
  readonly overrides: LimitOverrides;
  readonly expiresAt: Date | undefined;
  readonly lastUsedAt: Date | undefined;
  readonly createdAt: Date;
  readonly rotatedAt: Date | undefined;
  readonly replacedByKeyId: string | undefined;
  readonly revokedAt: Date | undefined;
}

/** Which tenant's rows an operation may touch: one account, or any (admin callers only). */
export type TenantScope =
  | { readonly kind: "account"; readonly accountId: string }
  | { readonly kind: "any" };

export function accountScope(accountId: string): TenantScope {
  return { kind: "account", accountId };
}

export const ANY_ACCOUNT: TenantScope = { kind: "any" };

/** A page of a list, newest first. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; undefined on the last page. */
  readonly nextPageToken: string | undefined;
}
