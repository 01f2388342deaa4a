import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { decodeEvent, TOPICS } from "@orrery/events";
import type { Logger } from "@orrery/telemetry";
import type { Consumer, Kafka } from "kafkajs";

/**
 * Drops cached account policy on every replica when api-key announces a change. Each process
 * joins its own consumer group (every replica must see every event) from the latest offset:
 * what happened before it started is not in its cache. No offsets matter and nothing is
 * dead-lettered: an event that cannot be read is skipped, and the cache's TTL bounds how stale
 * an entry can get in any case.
 */
export class AccountEventsListener {
  private readonly consumer: Consumer;
  private stopped = false;

  constructor(
    private readonly options: {
      kafka: Kafka;
      groupPrefix: string;
      logger: Logger;
      onAccountChanged: (accountId: string) => void;
    },
  ) {
    this.consumer = options.kafka.consumer({
      groupId: `${options.groupPrefix}.${hostname()}.${randomUUID().slice(0, 8)}`,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
    });
  }

  /**
   * Starts listening, retrying every few seconds while Kafka is unreachable (the cache's TTL
   * bounds staleness meanwhile); a consumer that crashes for good is started again the same way.
   */
  startInBackground(): void {
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      if (!event.payload.restart && !this.stopped) this.retryLater();
    });
    this.start().catch((error: unknown) => {
      this.options.logger.warn({ err: error }, "account events listener not started; retrying");
      this.retryLater();
    });
  }

  private retryLater(): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.start())
        .catch((error: unknown) => {
          this.options.logger.warn({ err: error }, "account events listener not started; retrying");
          this.retryLater();
        });
    }, 5_000).unref();
  }

  private async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: TOPICS.accounts, fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        let event: ReturnType<typeof decodeEvent>;
        try {
          event = decodeEvent(message.headers, message.value);
        } catch (error) {
          this.options.logger.warn({ err: error }, "skipping an unreadable account event");
          return;
        }
        if (event === undefined) return;
        switch (event.type) {
          case "orrery.account.plan_changed":
          case "orrery.account.suspended":
          case "orrery.account.reinstated":
          case "orrery.account.created":
            this.options.onAccountChanged(event.accountId);
            break;
          default:
            break;
        }
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer.disconnect();
  }
}
