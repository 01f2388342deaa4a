import { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import { createRpcClient, type ServiceClient } from "@orrery/rpc";

/** The gRPC client behind /v1/webhooks. */
export type WebhookClient = ServiceClient<typeof WebhookService>;

export function createWebhookClient(options: { target: string; timeoutMs: number }): WebhookClient {
  return createRpcClient(WebhookService, {
    target: options.target,
    defaultTimeoutMs: options.timeoutMs,
  });
}
