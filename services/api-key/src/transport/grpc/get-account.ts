import { requireId } from "@orrery/errors";
import type { AccountService } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountManager } from "../../domain/accounts.js";
import { accountToProto } from "./messages.js";

export function getAccount(
  accounts: AccountManager,
): ServiceImplementation<typeof AccountService>["getAccount"] {
  return async (request) => {
    const account = await accounts.getAccount(requireId(request.accountId, "accountId"));
    return { account: accountToProto(account) };
  };
}
