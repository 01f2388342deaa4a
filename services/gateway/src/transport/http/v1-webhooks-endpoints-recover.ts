import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { z } from "zod";
import { requireCaller } from "./caller.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";
import { ENDPOINT_ID_EXAMPLE } from "./webhook-examples.js";
import type { WebhookRouteDependencies } from "./webhook-routes.js";
import { EndpointIdParamsSchema } from "./webhook-schemas.js";

const RecoverBodySchema = z
  .strictObject({
    since: z.iso
      .datetime({ offset: true })
      .describe("Failed messages created since then are sent again; at most 14 days back."),
  })
  .meta({ id: "RecoverWebhookEndpointRequest" });

const RecoverResultSchema = z
  .object({ messagesQueued: z.int().describe("Failed messages queued for one more attempt.") })
  .meta({ id: "RecoverWebhookEndpointResult" });

/** POST /v1/webhooks/endpoints/{endpointId}/recover: redeliver what failed since a time. */
export function v1WebhooksEndpointsRecover(dependencies: WebhookRouteDependencies) {
  return defineRoute({
    method: "POST",
    path: "/v1/webhooks/endpoints/{endpointId}/recover",
    operationId: "recoverWebhookEndpoint",
    summary: "Redeliver failed messages",
    description:
      "Every failed message of the endpoint created since `since` gets one more attempt, now (same webhook-id as before). The endpoint must be enabled (endpoint-disabled otherwise).",
    tags: ["webhooks"],
    scope: "webhooks:manage",
    request: { params: EndpointIdParamsSchema, body: RecoverBodySchema },
    example: {
      params: { endpointId: ENDPOINT_ID_EXAMPLE },
      body: { since: "2026-12-01T00:00:00Z" },
    },
    problems: [
      "ENDPOINT_NOT_FOUND",
      "ENDPOINT_DISABLED",
      "RECOVER_WINDOW_EXCEEDED",
      ...UPSTREAM_PROBLEMS,
    ],
    responses: {
      202: {
        description: "How many messages were queued.",
        schema: RecoverResultSchema,
        example: { messagesQueued: 3 },
      },
    },
    handler: async ({ params, body, caller }) => {
      const result = await dependencies.client.recoverEndpoint({
        accountId: requireCaller(caller).accountId,
        endpointId: params.endpointId,
        since: timestampFromDate(new Date(body.since)),
      });
      return { status: 202, json: { messagesQueued: result.messagesQueued } };
    },
  });
}
