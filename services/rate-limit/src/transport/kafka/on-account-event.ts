import type { AnyOrreryEvent } from "@orrery/events";
import type { CachedAccountDirectory } from "../../domain/accounts.js";

/** orrery.accounts.v1 → drop the cached account whose plan, overrides or status changed. */
export function onAccountEvent(accounts: CachedAccountDirectory) {
  return (event: AnyOrreryEvent): void => {
    switch (event.type) {
      case "orrery.account.plan_changed":
      case "orrery.account.suspended":
      case "orrery.account.reinstated":
      case "orrery.account.created":
        accounts.invalidate(event.accountId);
        break;
      default:
        break;
    }
  };
}
