import { join } from "node:path";
import { runMigrations } from "@orrery/db";
import { createKafka, TOPICS } from "@orrery/events";
import { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import { createRpcClient } from "@orrery/rpc";
import { createLogger } from "@orrery/telemetry";
import {
  createScratchDatabase,
  infra,
  repoRoot,
  type ScratchDatabase,
  type ServiceProcess,
  startServiceProcess,
} from "@orrery/testing";

export type WebhookClient = ReturnType<typeof createRpcClient<typeof WebhookService>>;

const consumerGroup = (database: ScratchDatabase) => `webhook-test-${database.name}`;

/**
 * A migrated database of its own, for dispatcher processes a test starts and kills, and their
 * consumer group's offsets set to the topics' ends: the dispatchers see the events published
 * from now on, not every event earlier runs left on the shared broker.
 */
export async function webhookDatabase(prefix: string): Promise<ScratchDatabase> {
  const database = await createScratchDatabase(prefix);
  const admin = createKafka({
    brokers: infra.kafkaBrokers,
    clientId: "webhook-test-admin",
    logger: createLogger({ service: "webhook-test", level: "silent" }),
  }).admin();
  await admin.connect();
  try {
    for (const topic of [TOPICS.accounts, TOPICS.quota, TOPICS.batchEvents, TOPICS.webhooks]) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId: consumerGroup(database),
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
  await runMigrations({
    databaseUrl: database.url,
    directories: [
      join(repoRoot, "services/webhook-dispatcher/db/migrations"),
      join(repoRoot, "libs/events/migrations"),
    ],
    stdio: "pipe",
  });
  return database;
}

export interface DispatcherProcess {
  readonly process: ServiceProcess;
  readonly client: WebhookClient;
  stop(): Promise<void>;
}

/**
 * The built webhook-dispatcher (dist/main.js) as the stack runs it, on its own database and
 * consumer group, with `overrides` (a compressed retry schedule, a short disable window …).
 */
export async function startDispatcher(
  database: ScratchDatabase,
  overrides: Record<string, string> = {},
  options: { readyTimeoutMs?: number } = {},
): Promise<DispatcherProcess> {
  const process = await startServiceProcess(
    "webhook-dispatcher",
    {
      DATABASE_URL: database.url,
      WEBHOOK_CONSUMER_GROUP: consumerGroup(database),
      LOG_LEVEL: "warn",
      ...overrides,
    },
    options,
  );
  const client = createRpcClient(WebhookService, {
    target: `127.0.0.1:${process.grpcPort}`,
    defaultTimeoutMs: 10_000,
  });
  return {
    process,
    client,
    async stop() {
      client.close();
      await process.stop();
    },
  };
}
