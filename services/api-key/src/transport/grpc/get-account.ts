import type { AccountService as AccountServiceDescriptor } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountService } from "../../domain/accounts.js";
import { accountToProto, requireId } from "./messages.js";

export function getAccount(
  accounts: AccountService,
): ServiceImplementation<typeof AccountServiceDescriptor>["getAccount"] {
  return async (request) => {
    const account = await accounts.getAccount(requireId(request.accountId, "accountId"));
    return { account: accountToProto(account) };
  };
}
