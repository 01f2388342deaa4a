import type { AccountService } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountManager } from "../../domain/accounts.js";
import { accountToProto, overridesFromRequest, planFromRequest } from "./messages.js";

export function createAccount(
  accounts: AccountManager,
): ServiceImplementation<typeof AccountService>["createAccount"] {
  return async (request) => {
    const account = await accounts.createAccount({
      name: request.name,
      plan: planFromRequest(request.plan, "plan") ?? "free",
      overrides: overridesFromRequest(request.overrides),
      billingCycleAnchorDay: request.billingCycleAnchorDay,
    });
    return { account: accountToProto(account) };
  };
}
