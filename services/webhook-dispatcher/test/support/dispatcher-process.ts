import { join } from "node:path";
import { runMigrations } from "@orrery/db";
import { WebhookService } from "@orrery/proto/webhook/v1/webhook";
import { createRpcClient } from "@orrery/rpc";
import {
  createScratchDatabase,
  repoRoot,
  type ScratchDatabase,
  type ServiceProcess,
  startServiceProcess,
} from "@orrery/testing";

export type WebhookClient = ReturnType<typeof createRpcClient<typeof WebhookService>>;

/** A migrated database of its own, for dispatcher processes a test starts and kills. */
export async function webhookDatabase(prefix: string): Promise<ScratchDatabase> {
  const database = await createScratchDatabase(prefix);
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
      WEBHOOK_CONSUMER_GROUP: `webhook-test-${database.name}`,
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
