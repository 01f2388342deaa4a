import { PrismaPg } from "@prisma/adapter-pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import pg from "pg";

export interface DatabaseOptions {
  readonly url: string;
  /** Reads go to these when set (Prisma's read-replica extension); writes and transactions stay on the primary. */
  readonly replicaUrls?: readonly string[];
  /** Connections per pool, per process. */
  readonly poolSize: number;
  /** Shows up in pg_stat_activity, so a DBA can tell the services apart. */
  readonly applicationName: string;
}

/** What a generated Prisma 7 client constructor accepts when it runs on a driver adapter. */
type PrismaClientClass<Client> = new (options: { adapter: PrismaPg }) => Client;

/**
 * A Prisma 7 client over @prisma/adapter-pg (no query-engine binary). With replica URLs, reads
 * are routed to the replicas and `client.$primary()` forces the primary for read-your-writes.
 */
export function createPrismaClient<Client extends { $extends: (extension: never) => unknown }>(
  PrismaClient: PrismaClientClass<Client>,
  options: DatabaseOptions,
): Client {
  const adapterFor = (url: string) =>
    new PrismaPg({
      connectionString: url,
      max: options.poolSize,
      application_name: options.applicationName,
    });
  const primary = new PrismaClient({ adapter: adapterFor(options.url) });
  const replicaUrls = options.replicaUrls ?? [];
  if (replicaUrls.length === 0) return primary;
  const replicas = replicaUrls.map((url) => new PrismaClient({ adapter: adapterFor(url) }));
  // The extension keeps the client's own API; its type is widened by $extends, so narrow it back.
  return primary.$extends(readReplicas({ replicas: replicas as never }) as never) as Client;
}

/** A plain node-postgres pool, for the outbox relay (LISTEN/NOTIFY) and readiness probes. */
export function createPgPool(
  options: Pick<DatabaseOptions, "url" | "applicationName"> & { max?: number },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    application_name: options.applicationName,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (Postgres restart) must not crash the process.
  pool.on("error", () => undefined);
  return pool;
}

export function postgresReadinessCheck(pool: pg.Pool): () => Promise<void> {
  return async () => {
    await pool.query("SELECT 1");
  };
}
