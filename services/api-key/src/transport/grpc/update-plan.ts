import type { AccountService as AccountServiceDescriptor } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountService } from "../../domain/accounts.js";
import { accountToProto, overridesFromProto, planFromProto, requireId } from "./messages.js";

export function updatePlan(
  accounts: AccountService,
): ServiceImplementation<typeof AccountServiceDescriptor>["updatePlan"] {
  return async (request) => {
    const account = await accounts.updatePlan(
      requireId(request.accountId, "accountId"),
      planFromProto(request.plan, "plan"),
      request.overrides === undefined ? undefined : overridesFromProto(request.overrides),
    );
    return { account: accountToProto(account) };
  };
}
