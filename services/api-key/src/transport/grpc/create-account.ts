import type { AccountService as AccountServiceDescriptor } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountService } from "../../domain/accounts.js";
import { accountToProto, overridesFromProto, planFromProto } from "./messages.js";

export function createAccount(
  accounts: AccountService,
): ServiceImplementation<typeof AccountServiceDescriptor>["createAccount"] {
  return async (request) => {
    const account = await accounts.createAccount({
      name: request.name,
      plan: planFromProto(request.plan, "plan") ?? "free",
      overrides: overridesFromProto(request.overrides),
      billingCycleAnchorDay: request.billingCycleAnchorDay,
    });
    return { account: accountToProto(account) };
  };
}
