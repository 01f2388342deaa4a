import { decodePageToken, encodePageToken, pageSize } from "@orrery/db";
import { DomainError } from "@orrery/errors";
import { randomBase62 } from "@orrery/key-contract";
import { type LimitOverrides, PLAN_NAMES, type PlanName } from "@orrery/policy";
import type { KeyHasher } from "./key-hasher.js";
import { type IssuedKey, prepareKey } from "./keys.js";
import type { Account, Page } from "./model.js";
import type { AccountStore, CacheInvalidator } from "./ports.js";
import { checkOverrides, compactOverrides, sameOverrides, Violations } from "./validation.js";

export interface NewAccountInput {
  readonly name: string;
  readonly plan: PlanName;
  readonly overrides: LimitOverrides;
  /** 1-28; 0 means "the default" (1). */
  readonly billingCycleAnchorDay: number;
}

export interface AccountServiceOptions {
  readonly store: AccountStore;
  readonly invalidator: CacheInvalidator;
  readonly hasher: KeyHasher;
  readonly now: () => Date;
  readonly onInvalidationError: (error: unknown, accountId: string) => void;
}

const ACCOUNT_NAME_MAX = 200;
const OPERATOR_ACCOUNT_NAME = "Orrery operators";

export function newAccountId(): string {
  return `acc_${randomBase62(22)}`;
}

function accountNotFound(accountId: string): DomainError {
  return new DomainError("ACCOUNT_NOT_FOUND", `No account ${accountId}.`);
}

/** Accounts (tenants): plans, overrides, suspension; and the operator account's admin keys. */
export class AccountManager {
  constructor(private readonly options: AccountServiceOptions) {}

  async createAccount(input: NewAccountInput): Promise<Account> {
    const violations = new Violations();
    const name = input.name.trim();
    // In characters (code points), as the public API's schema counts them.
    if (name.length === 0 || [...name].length > ACCOUNT_NAME_MAX) {
      violations.add("name", "OUT_OF_RANGE", `Must be 1 to ${ACCOUNT_NAME_MAX} characters.`);
    }
    if (!PLAN_NAMES.includes(input.plan)) {
      violations.add("plan", "INVALID_VALUE", `Must be one of ${PLAN_NAMES.join(", ")}.`);
    }
    const anchorDay = input.billingCycleAnchorDay === 0 ? 1 : input.billingCycleAnchorDay;
    if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 28) {
      violations.add("billingCycleAnchorDay", "OUT_OF_RANGE", "Must be a day from 1 to 28.");
    }
    checkOverrides(input.overrides, "overrides", violations);
    violations.throwIfAny();
    const at = this.options.now();
    const account: Account = {
      id: newAccountId(),
      name,
      plan: input.plan,
      status: "active",
      overrides: compactOverrides(input.overrides),
      billingCycleAnchorDay: anchorDay,
      operator: false,
      suspensionReason: undefined,
      createdAt: at,
      updatedAt: at,
      suspendedAt: undefined,
    };
    return this.options.store.transaction(async (transaction) => {
      const created = await transaction.insertAccount(account);
      await transaction.enqueue({
        type: "orrery.account.created",
        accountId: created.id,
        subject: created.id,
        data: { accountId: created.id, plan: created.plan },
      });
      return created;
    });
  }

  async getAccount(accountId: string): Promise<Account> {
    const account = await this.options.store.findAccount(accountId);
    if (account === undefined) throw accountNotFound(accountId);
    return account;
  }

  async listAccounts(requestedSize: number, pageToken: string): Promise<Page<Account>> {
    const size = pageSize(requestedSize);
    const rows = await this.options.store.listAccounts(size + 1, decodePageToken(pageToken));
    const items = rows.slice(0, size);
    const last = items.at(-1);
    return {
      items,
      nextPageToken: rows.length > size && last !== undefined ? encodePageToken(last) : undefined,
    };
  }

  /**
   * Changes the plan and/or replaces the overrides. Every gateway replica drops the account's
   * cached verifications at once, so the next request runs under the new plan.
   */
  async updatePlan(
    accountId: string,
    plan: PlanName | undefined,
    overrides: LimitOverrides | undefined,
  ): Promise<Account> {
    const violations = new Violations();
    if (overrides !== undefined) checkOverrides(overrides, "overrides", violations);
    violations.throwIfAny();
    const result = await this.options.store.transaction(async (transaction) => {
      const current = await transaction.lockAccount(accountId);
      if (current === undefined) throw accountNotFound(accountId);
      const nextPlan = plan ?? current.plan;
      const nextOverrides =
        overrides === undefined ? current.overrides : compactOverrides(overrides);
      const overridesChanged = !sameOverrides(current.overrides, nextOverrides);
      if (nextPlan === current.plan && !overridesChanged) {
        return { account: current, changed: false };
      }
      const updated = await transaction.updateAccount(accountId, {
        plan: nextPlan,
        overrides: nextOverrides,
        updatedAt: this.options.now(),
      });
      await transaction.enqueue({
        type: "orrery.account.plan_changed",
        accountId,
        subject: accountId,
        data: { accountId, previousPlan: current.plan, plan: nextPlan, overridesChanged },
      });
      return { account: updated, changed: true };
    });
    if (result.changed) await this.invalidate(accountId);
    return result.account;
  }

  /** Suspends (every key answers 403 account-suspended) or reinstates an account. */
  async suspendAccount(accountId: string, suspended: boolean, reason: string): Promise<Account> {
    const result = await this.options.store.transaction(async (transaction) => {
      const current = await transaction.lockAccount(accountId);
      if (current === undefined) throw accountNotFound(accountId);
      if (current.operator && suspended) {
        throw new DomainError(
          "OPERATOR_ACCOUNT_NOT_SUSPENDABLE",
          "The operator account cannot be suspended: its admin keys would lock everyone out.",
        );
      }
      if ((current.status === "suspended") === suspended) {
        return { account: current, changed: false };
      }
      const at = this.options.now();
      const updated = await transaction.updateAccount(accountId, {
        status: suspended ? "suspended" : "active",
        suspendedAt: suspended ? at : null,
        suspensionReason: suspended ? reason.trim() || null : null,
        updatedAt: at,
      });
      await transaction.enqueue({
        type: suspended ? "orrery.account.suspended" : "orrery.account.reinstated",
        accountId,
        subject: accountId,
        data: { accountId, suspended, reason: reason.trim() },
      });
      return { account: updated, changed: true };
    });
    if (result.changed) await this.invalidate(accountId);
    return result.account;
  }

  /**
   * A key with the `admin` scope on the operator account, created with it when missing: what
   * the bootstrap and create-admin-key commands run, on a shell that has the database.
   */
  async createAdminKey(name: string): Promise<IssuedKey & { account: Account }> {
    const at = this.options.now();
    return this.options.store.transaction(async (transaction) => {
      let account = await transaction.findOperatorAccount();
      if (account === undefined) {
        account = await transaction.insertAccount({
          id: newAccountId(),
          name: OPERATOR_ACCOUNT_NAME,
          plan: "premium",
          status: "active",
          overrides: {},
          billingCycleAnchorDay: 1,
          operator: true,
          suspensionReason: undefined,
          createdAt: at,
          updatedAt: at,
          suspendedAt: undefined,
        });
        await transaction.enqueue({
          type: "orrery.account.created",
          accountId: account.id,
          subject: account.id,
          data: { accountId: account.id, plan: account.plan },
        });
      }
      const prepared = prepareKey(
        {
          accountId: account.id,
          name,
          scopes: ["admin"],
          environment: "live",
          expiresAt: undefined,
          overrides: {},
        },
        account,
        this.options.hasher,
        at,
      );
      const apiKey = await transaction.keys.insertKey(prepared.record);
      await transaction.enqueue(prepared.event);
      return { account, apiKey, key: prepared.key };
    });
  }

  private async invalidate(accountId: string): Promise<void> {
    try {
      await this.options.invalidator.accountChanged(accountId);
    } catch (error) {
      this.options.onInvalidationError(error, accountId);
    }
  }
}
