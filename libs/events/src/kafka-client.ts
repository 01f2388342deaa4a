import type { Logger } from "@orrery/telemetry";
import { Kafka, type logCreator, logLevel } from "kafkajs";

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: Logger;
}

const LEVEL_NAMES: Record<logLevel, "error" | "warn" | "info" | "debug"> = {
  [logLevel.NOTHING]: "debug",
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

/** kafkajs with its logs routed into the service's JSON logger. */
export function createKafka(options: KafkaClientOptions): Kafka {
  const kafkaLogger = options.logger.child({ component: "kafkajs" });
  const creator: logCreator =
    () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      // Publishing gives up after bounded retries so shutdown and the outbox relay stay in
      // control; a batch resent after an ambiguous failure may duplicate events, which every
      // consumer de-duplicates by event id. kafkajs warns about exactly that at every start.
      if (message.startsWith("Limiting retries for the idempotent producer")) return;
      // kafkajs reports every reconnect attempt at ERROR; a broker restart is a warning here.
      const name = LEVEL_NAMES[level] === "error" ? "warn" : LEVEL_NAMES[level];
      kafkaLogger[name](extra, message);
    };
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: creator,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 8 },
  });
}

/**
 * Readiness probe (the cluster answers a metadata request) over one admin connection, and its
 * close for shutdown.
 */
export function kafkaDependency(kafka: Kafka): {
  check: () => Promise<void>;
  close: () => Promise<void>;
} {
  const admin = kafka.admin({ retry: { retries: 0 } });
  let connected = false;
  return {
    async check() {
      try {
        if (!connected) {
          await admin.connect();
          connected = true;
        }
        await admin.describeCluster();
      } catch (error) {
        connected = false;
        await admin.disconnect().catch(() => undefined);
        throw error;
      }
    },
    async close() {
      connected = false;
      await admin.disconnect();
    },
  };
}
