import type { Policy } from "@orrery/policy";
import type { WebhookClient } from "../../adapters/webhook-client.js";
import type { RouteDefinition } from "./route.js";
import { v1WebhooksEndpointsCreate } from "./v1-webhooks-endpoints-create.js";
import { v1WebhooksEndpointsDelete } from "./v1-webhooks-endpoints-delete.js";
import { v1WebhooksEndpointsEnable } from "./v1-webhooks-endpoints-enable.js";
import { v1WebhooksEndpointsGet } from "./v1-webhooks-endpoints-get.js";
import { v1WebhooksEndpointsList } from "./v1-webhooks-endpoints-list.js";
import { v1WebhooksEndpointsRecover } from "./v1-webhooks-endpoints-recover.js";
import { v1WebhooksEndpointsRotateSecret } from "./v1-webhooks-endpoints-rotate-secret.js";
import { v1WebhooksEndpointsTest } from "./v1-webhooks-endpoints-test.js";
import { v1WebhooksEndpointsUpdate } from "./v1-webhooks-endpoints-update.js";
import { v1WebhooksEventTypesList } from "./v1-webhooks-event-types-list.js";
import { v1WebhooksMessagesAttemptsList } from "./v1-webhooks-messages-attempts-list.js";
import { v1WebhooksMessagesGet } from "./v1-webhooks-messages-get.js";
import { v1WebhooksMessagesList } from "./v1-webhooks-messages-list.js";
import { v1WebhooksMessagesRetry } from "./v1-webhooks-messages-retry.js";

/** What every /v1/webhooks route is built from. */
export interface WebhookRouteDependencies {
  readonly client: WebhookClient;
  /** The plan limits in force (webhookEndpoints). */
  readonly policy: () => Policy;
}

/** Every /v1/webhooks route (scope webhooks:manage), in the order the document lists them. */
export function webhookRoutes(dependencies: WebhookRouteDependencies): RouteDefinition[] {
  return [
    v1WebhooksEventTypesList(dependencies),
    v1WebhooksEndpointsCreate(dependencies),
    v1WebhooksEndpointsList(dependencies),
    v1WebhooksEndpointsGet(dependencies),
    v1WebhooksEndpointsUpdate(dependencies),
    v1WebhooksEndpointsDelete(dependencies),
    v1WebhooksEndpointsRotateSecret(dependencies),
    v1WebhooksEndpointsTest(dependencies),
    v1WebhooksEndpointsEnable(dependencies),
    v1WebhooksEndpointsRecover(dependencies),
    v1WebhooksMessagesList(dependencies),
    v1WebhooksMessagesGet(dependencies),
    v1WebhooksMessagesAttemptsList(dependencies),
    v1WebhooksMessagesRetry(dependencies),
  ];
}
