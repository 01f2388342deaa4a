import type { AccountService as AccountServiceDescriptor } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountService } from "../../domain/accounts.js";
import { accountToProto, requireId } from "./messages.js";

export function suspendAccount(
  accounts: AccountService,
): ServiceImplementation<typeof AccountServiceDescriptor>["suspendAccount"] {
  return async (request) => {
    const account = await accounts.suspendAccount(
      requireId(request.accountId, "accountId"),
      request.suspended,
      request.reason,
    );
    return { account: accountToProto(account) };
  };
}
