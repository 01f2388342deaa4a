import type { AnyOrreryEvent } from "@orrery/events";
import type { MessageService } from "../../domain/messages.js";
import { isoTime, webhookEvent } from "./webhook-event.js";

/** orrery.accounts.v1 → key.created, key.rotated, key.revoked, account.plan_changed. */
export function onAccountEvent(messages: MessageService) {
  return async (event: AnyOrreryEvent): Promise<void> => {
    switch (event.type) {
      case "orrery.key.created": {
        const { keyId, name, scopes } = event.data;
        await messages.publish(
          webhookEvent(event, "key.created", { keyId, name, scopes: [...scopes] }),
        );
        return;
      }
      case "orrery.key.rotated": {
        const { keyId, previousKeyId, previousSecretExpiresAt } = event.data;
        const expires = isoTime(previousSecretExpiresAt);
        await messages.publish(
          webhookEvent(event, "key.rotated", {
            keyId,
            previousKeyId,
            ...(expires === undefined ? {} : { previousKeyExpiresAt: expires }),
          }),
        );
        return;
      }
      case "orrery.key.revoked":
        await messages.publish(webhookEvent(event, "key.revoked", { keyId: event.data.keyId }));
        return;
      case "orrery.account.plan_changed": {
        const { previousPlan, plan, overridesChanged } = event.data;
        await messages.publish(
          webhookEvent(event, "account.plan_changed", { previousPlan, plan, overridesChanged }),
        );
        return;
      }
      default:
        return;
    }
  };
}
