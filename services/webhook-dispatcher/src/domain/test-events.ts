import type { EndpointService } from "./endpoints.js";
import { newId } from "./endpoints.js";
import { webhookErrors } from "./errors.js";
import type { MessageService } from "./messages.js";
import type { Message } from "./model.js";

/** webhook.test: one message to one endpoint, whatever its event-type filter, due at once. */
export class TestEvents {
  constructor(
    private readonly endpoints: EndpointService,
    private readonly messages: MessageService,
    private readonly now: () => Date,
  ) {}

  async send(accountId: string, endpointId: string): Promise<Message> {
    const endpoint = await this.endpoints.get(accountId, endpointId);
    if (endpoint.disabledAt !== undefined) throw webhookErrors.endpointDisabled(endpointId);
    const [message] = await this.messages.publish(
      {
        id: newId("evt"),
        accountId,
        type: "webhook.test",
        time: this.now(),
        data: { accountId, endpointId, message: "This is a test event from Orrery." },
      },
      { onlyEndpointId: endpointId },
    );
    if (message === undefined) throw webhookErrors.endpointNotFound(endpointId);
    return message;
  }
}
