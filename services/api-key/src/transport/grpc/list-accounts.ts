import type { AccountService } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountManager } from "../../domain/accounts.js";
import { accountToProto } from "./messages.js";

export function listAccounts(
  accounts: AccountManager,
): ServiceImplementation<typeof AccountService>["listAccounts"] {
  return async (request) => {
    const page = await accounts.listAccounts(request.pageSize, request.pageToken);
    return { accounts: page.items.map(accountToProto), nextPageToken: page.nextPageToken ?? "" };
  };
}
