import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";

/** Wakes every dispatcher (LISTEN webhook_messages) when messages became due outside an insert. */
export const NOTIFY_DUE_SQL = "SELECT pg_notify('webhook_messages', '')";

/**
 * LISTEN webhook_messages on a connection of its own, calling `onWake` for each notification,
 * reconnecting after a loss (until then the dispatcher's poll still finds the work).
 */
export class PostgresWakeListener {
  private client: pg.PoolClient | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onWake: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.client?.release(true);
    this.client = undefined;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const client = await this.pool.connect();
        const lost = new Promise<void>((resolve) => {
          client.on("error", () => resolve());
          client.on("end", () => resolve());
        });
        client.on("notification", () => this.onWake());
        await client.query("LISTEN webhook_messages");
        this.client = client;
        await lost;
        if (this.client === client) {
          this.client = undefined;
          client.release(true);
        }
      } catch (error) {
        if (!this.stopped) this.onError(error);
      }
      if (!this.stopped) await sleep(1_000);
    }
  }
}
