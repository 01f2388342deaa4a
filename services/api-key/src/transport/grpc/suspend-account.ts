import { requireId } from "@orrery/errors";
import type { AccountService } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountManager } from "../../domain/accounts.js";
import { accountToProto } from "./messages.js";

export function suspendAccount(
  accounts: AccountManager,
): ServiceImplementation<typeof AccountService>["suspendAccount"] {
  return async (request) => {
    const account = await accounts.suspendAccount(
      requireId(request.accountId, "accountId"),
      request.suspended,
      request.reason,
    );
    return { account: accountToProto(account) };
  };
}
