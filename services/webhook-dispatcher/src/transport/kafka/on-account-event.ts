import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";

/** orrery.accounts.v1 → key.created, key.rotated, key.revoked, account.plan_changed. */
export function onAccountEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    const base = { id: event.id, accountId: event.accountId, time: event.time };
    switch (event.type) {
      case "orrery.key.created":
        await messages.publish({
          ...base,
          type: "key.created",
          data: {
            accountId: event.accountId,
            keyId: event.data.keyId,
            name: event.data.name,
            scopes: [...event.data.scopes],
          },
        });
        return;
      case "orrery.key.rotated": {
        const expires = event.data.previousSecretExpiresAt;
        await messages.publish({
          ...base,
          type: "key.rotated",
          data: {
            accountId: event.accountId,
            keyId: event.data.keyId,
            previousKeyId: event.data.previousKeyId,
            ...(expires === undefined
              ? {}
              : { previousKeyExpiresAt: timestampDate(expires).toISOString() }),
          },
        });
        return;
      }
      case "orrery.key.revoked":
        await messages.publish({
          ...base,
          type: "key.revoked",
          data: { accountId: event.accountId, keyId: event.data.keyId },
        });
        return;
      case "orrery.account.plan_changed":
        await messages.publish({
          ...base,
          type: "account.plan_changed",
          data: {
            accountId: event.accountId,
            previousPlan: event.data.previousPlan,
            plan: event.data.plan,
            overridesChanged: event.data.overridesChanged,
          },
        });
        return;
      default:
        return;
    }
  };
}
