import { decodePageToken, pageSize, toPage } from "@orrery/db";
import { webhookErrors } from "./errors.js";
import { eventBody } from "./event-catalogue.js";
import type { Attempt, Message, Page } from "./model.js";
import type { FanoutTarget, MessageFilter, MessageStore } from "./ports.js";

/** An account event to deliver, as the Kafka handlers hand it over. */
export interface WebhookEvent {
  /** The platform event's id: the same event seen twice is delivered once. */
  readonly id: string;
  readonly accountId: string;
  readonly type: string;
  readonly time: Date;
  readonly data: Record<string, unknown>;
}

export interface MessageServiceOptions {
  readonly store: MessageStore;
  readonly now: () => Date;
  /** Attempts per message (the retry schedule's length). */
  readonly maxAttempts: number;
  /** batch.progress at most once per this interval per batch. */
  readonly batchProgressIntervalMs: number;
}

export class MessageService {
  constructor(private readonly options: MessageServiceOptions) {}

  /** Queues the event for every matching endpoint of its account (and only that account). */
  async publish(event: WebhookEvent, target: FanoutTarget = {}): Promise<Message[]> {
    return this.options.store.enqueue(
      {
        id: event.id,
        accountId: event.accountId,
        type: event.type,
        payload: eventBody(event.type, event.time, event.data),
        createdAt: event.time,
      },
      target,
      this.options.maxAttempts,
    );
  }

  /** Progress events pass at most once per interval per batch; the rest are dropped. */
  async publishBatchProgress(event: WebhookEvent, batchId: string): Promise<void> {
    const admitted = await this.options.store.admitBatchProgress(
      batchId,
      this.options.now(),
      this.options.batchProgressIntervalMs,
    );
    if (admitted) await this.publish(event);
  }

  async list(
    accountId: string,
    filter: MessageFilter,
    requestedSize: number,
    pageToken: string,
  ): Promise<Page<Message>> {
    const size = pageSize(requestedSize);
    const rows = await this.options.store.listMessages(
      accountId,
      filter,
      size + 1,
      decodePageToken(pageToken),
    );
    return toPage(rows, size);
  }

  async get(accountId: string, id: string): Promise<Message> {
    const message = await this.options.store.getMessage(accountId, id);
    if (message === undefined) throw webhookErrors.messageNotFound(id);
    return message;
  }

  async attempts(
    accountId: string,
    messageId: string,
    requestedSize: number,
    pageToken: string,
  ): Promise<Page<Attempt>> {
    const size = pageSize(requestedSize);
    const after = decodePageToken(pageToken);
    const rows = await this.options.store.listAttempts(accountId, messageId, size + 1, after);
    if (rows === undefined) throw webhookErrors.messageNotFound(messageId);
    return toPage(
      rows.map((attempt) => ({ ...attempt, createdAt: attempt.startedAt })),
      size,
    );
  }

  async retry(accountId: string, id: string): Promise<Message> {
    const message = await this.options.store.retryMessage(accountId, id);
    if (message === undefined) throw webhookErrors.messageNotFound(id);
    if (message === "endpoint_disabled") {
      const { endpointId } = await this.get(accountId, id);
      throw webhookErrors.endpointDisabled(endpointId);
    }
    return message;
  }
}
