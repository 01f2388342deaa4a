import type { AccountService } from "@orrery/proto/apikey/v1/account";
import type { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import type { ServiceImplementation } from "@orrery/rpc";
import type { AccountManager } from "../../domain/accounts.js";
import type { KeyManager } from "../../domain/keys.js";
import { createAccount } from "./create-account.js";
import { createKey } from "./create-key.js";
import { getAccount } from "./get-account.js";
import { getKey } from "./get-key.js";
import { listAccounts } from "./list-accounts.js";
import { listKeys } from "./list-keys.js";
import { revokeKey } from "./revoke-key.js";
import { rotateKey } from "./rotate-key.js";
import { suspendAccount } from "./suspend-account.js";
import { updatePlan } from "./update-plan.js";
import { verifyKey } from "./verify-key.js";

export function apiKeyService(keys: KeyManager): ServiceImplementation<typeof ApiKeyService> {
  return {
    createKey: createKey(keys),
    verifyKey: verifyKey(keys),
    rotateKey: rotateKey(keys),
    revokeKey: revokeKey(keys),
    listKeys: listKeys(keys),
    getKey: getKey(keys),
  };
}

export function accountService(
  accounts: AccountManager,
): ServiceImplementation<typeof AccountService> {
  return {
    createAccount: createAccount(accounts),
    getAccount: getAccount(accounts),
    listAccounts: listAccounts(accounts),
    updatePlan: updatePlan(accounts),
    suspendAccount: suspendAccount(accounts),
  };
}
