import { z } from "zod";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
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
    cacheControl: "private, max-age=300",
    problems: UPSTREAM_PROBLEMS,
    responses: {
      200: {
        description: "The catalogue.",
        schema: EventTypeListSchema,
        example: {
          eventTypes: [
            {
              name: "quota.exhausted",
              description: "The account has used its whole monthly quota.",
              dataSchema: {
                type: "object",
                properties: { accountId: { type: "string" }, quota: { type: "integer" } },
              },
              example: {
                type: "quota.exhausted",
                timestamp: "2026-12-01T10:00:00.000Z",
                data: { accountId: "acc_9Fh3Kd7Lq2Mx5Nw8Pz1Rb4", quota: 250000 },
              },
            },
          ],
        },
      },
    },
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
