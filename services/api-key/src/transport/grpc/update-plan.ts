import { requireId } from "@orrery/errors";
import type { AccountService } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountManager } from "../../domain/accounts.js";
import { accountToProto, overridesFromRequest, planFromRequest } from "./messages.js";

export function updatePlan(
  accounts: AccountManager,
): ServiceImplementation<typeof AccountService>["updatePlan"] {
  return async (request) => {
    const account = await accounts.updatePlan(
      requireId(request.accountId, "accountId"),
      planFromRequest(request.plan, "plan"),
      request.overrides === undefined ? undefined : overridesFromRequest(request.overrides),
    );
    return { account: accountToProto(account) };
  };
}
