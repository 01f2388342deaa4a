import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import { EVENT_CATALOGUE } from "../../domain/event-catalogue.js";

export function listEventTypes(): ServiceImplementation<typeof WebhookService>["listEventTypes"] {
  const eventTypes = EVENT_CATALOGUE.map((type) => ({
    name: type.name,
    description: type.description,
    dataSchema: JSON.stringify(type.dataSchema),
    example: JSON.stringify({
      type: type.name,
      timestamp: "2026-12-01T12:00:00.000Z",
      data: type.exampleData,
    }),
  }));
  return async () => ({ eventTypes });
}
