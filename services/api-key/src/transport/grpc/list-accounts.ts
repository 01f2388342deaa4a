import type { AccountService as AccountServiceDescriptor } from "@orrery/proto/apikey/v1/account";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountService } from "../../domain/accounts.js";
import { accountToProto } from "./messages.js";

export function listAccounts(
  accounts: AccountService,
): ServiceImplementation<typeof AccountServiceDescriptor>["listAccounts"] {
  return async (request) => {
    const page = await accounts.listAccounts(request.pageSize, request.pageToken);
    return { accounts: page.items.map(accountToProto), nextPageToken: page.nextPageToken ?? "" };
  };
}
