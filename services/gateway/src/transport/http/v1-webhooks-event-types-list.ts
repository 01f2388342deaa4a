import { z } from "zod";
import { defineRoute } from "./route.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";

const EventTypeSchema = z
  .object({
    name: z.string().describe("e.g. batch.completed"),
    description: z.string(),
    dataSchema: z.record(z.string(), z.unknown()).describe("JSON Schema (2020-12) of `data`."),
    example: z.record(z.string(), z.unknown()).describe("A body as an endpoint receives it."),
  })
  .meta({ id: "WebhookEventType" });

const EventTypeListSchema = z
  .object({ eventTypes: z.array(EventTypeSchema) })
  .meta({ id: "WebhookEventTypeList" });

/** GET /v1/webhooks/event-types: what an endpoint can subscribe to. */
export function v1WebhooksEventTypesList(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "GET",
    path: "/v1/webhooks/event-types",
    operationId: "listWebhookEventTypes",
    summary: "List webhook event types",
    description:
      "Every event type an endpoint can receive, with the JSON Schema of its data and an example body.",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    cost: 0,
    cacheControl: "private, max-age=300",
    responses: { 200: { description: "The catalogue.", schema: EventTypeListSchema } },
    handler: async () => {
      const { eventTypes } = await dependencies.client.listEventTypes({});
      return {
        json: {
          eventTypes: eventTypes.map((type) => ({
            name: type.name,
            description: type.description,
            dataSchema: JSON.parse(type.dataSchema) as Record<string, unknown>,
            example: JSON.parse(type.example) as Record<string, unknown>,
          })),
        },
      };
    },
  });
}
