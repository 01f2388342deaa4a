import { DomainError } from "@orrery/errors";
import { limitOverridesFromProto, planFromProto } from "@orrery/policy";
import { AccountService, AccountStatus } from "@orrery/proto/apikey/v1/account";
import { createRpcClient, type ServiceClient } from "@orrery/rpc";
import type { AccountDirectory, AccountFacts } from "../domain/accounts.js";

/** Accounts from api-key's AccountService.GetAccount. */
export class AccountServiceDirectory implements AccountDirectory {
  private readonly client: ServiceClient<typeof AccountService>;

  constructor(options: { target: string; timeoutMs: number }) {
    this.client = createRpcClient(AccountService, {
      target: options.target,
      defaultTimeoutMs: options.timeoutMs,
      retryUnavailable: true,
    });
  }

  async get(accountId: string): Promise<AccountFacts | undefined> {
    let account: Awaited<ReturnType<typeof this.client.getAccount>>["account"];
    try {
      account = (await this.client.getAccount({ accountId })).account;
    } catch (error) {
      if (error instanceof DomainError && error.kind === "not_found") return undefined;
      throw error;
    }
    if (account === undefined) return undefined;
    const plan = planFromProto(account.plan);
    if (plan === undefined) {
      throw new DomainError("ACCOUNT_WITHOUT_PLAN", `Account ${accountId} has no plan.`);
    }
    return {
      accountId: account.id,
      plan,
      overrides: limitOverridesFromProto(account.overrides),
      billingCycleAnchorDay: account.billingCycleAnchorDay,
      suspended: account.status === AccountStatus.SUSPENDED,
    };
  }

  close(): void {
    this.client.close();
  }
}
