import type { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import type { ServiceImplementation } from "@orrery/rpc";
import type { EndpointService } from "../../domain/endpoints.js";
import type { MessageService } from "../../domain/messages.js";
import type { TestEvents } from "../../domain/test-events.js";
import { createEndpoint } from "./create-endpoint.js";
import { deleteEndpoint } from "./delete-endpoint.js";
import { enableEndpoint } from "./enable-endpoint.js";
import { getEndpoint } from "./get-endpoint.js";
import { getMessage } from "./get-message.js";
import { listAttempts } from "./list-attempts.js";
import { listEndpoints } from "./list-endpoints.js";
import { listEventTypes } from "./list-event-types.js";
import { listMessages } from "./list-messages.js";
import { recoverEndpoint } from "./recover-endpoint.js";
import { retryMessage } from "./retry-message.js";
import { rotateEndpointSecret } from "./rotate-endpoint-secret.js";
import { sendTestEvent } from "./send-test-event.js";
import { updateEndpoint } from "./update-endpoint.js";

export function webhookService(domain: {
  readonly endpoints: EndpointService;
  readonly messages: MessageService;
  readonly tests: TestEvents;
}): ServiceImplementation<typeof WebhookService> {
  return {
    createEndpoint: createEndpoint(domain.endpoints),
    getEndpoint: getEndpoint(domain.endpoints),
    listEndpoints: listEndpoints(domain.endpoints),
    updateEndpoint: updateEndpoint(domain.endpoints),
    deleteEndpoint: deleteEndpoint(domain.endpoints),
    rotateEndpointSecret: rotateEndpointSecret(domain.endpoints),
    sendTestEvent: sendTestEvent(domain.tests),
    enableEndpoint: enableEndpoint(domain.endpoints),
    recoverEndpoint: recoverEndpoint(domain.endpoints),
    listMessages: listMessages(domain.messages),
    getMessage: getMessage(domain.messages),
    listAttempts: listAttempts(domain.messages),
    retryMessage: retryMessage(domain.messages),
    listEventTypes: listEventTypes(),
  };
}
