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
  /** Told about connections that fail while idle or between queries (a Postgres restart). */
  readonly onConnectionError?: (error: Error) => void;
}

/** One process's connections to one database: a pool for the primary and one per read replica. */
export interface PostgresPools {
  readonly primary: pg.Pool;
  readonly replicas: readonly pg.Pool[];
  end(): Promise<void>;
}

export function createPostgresPools(options: DatabaseOptions): PostgresPools {
  const open = (url: string) =>
    createPgPool({
      url,
      applicationName: options.applicationName,
      max: options.poolSize,
      ...(options.onConnectionError === undefined
        ? {}
        : { onConnectionError: options.onConnectionError }),
    });
  const primary = open(options.url);
  const replicas = (options.replicaUrls ?? []).map(open);
  return {
    primary,
    replicas,
    end: async () => {
      await Promise.all([primary, ...replicas].map((pool) => pool.end()));
    },
  };
}

/** What a generated Prisma 7 client constructor accepts when it runs on a driver adapter. */
export type PrismaClientClass<Client> = new (options: { adapter: PrismaPg }) => Client;

/**
 * A Prisma 7 client over @prisma/adapter-pg (no query-engine binary). Given pools, it shares
 * them (a process holds one pool per database; whoever made the pools ends them); given
 * options, it opens pools of its own and ends them on `$disconnect`. With replicas, reads are
 * routed to them and `client.$primary()` forces the primary for read-your-writes.
 */
export function createPrismaClient<Client extends { $extends: (extension: never) => unknown }>(
  PrismaClient: PrismaClientClass<Client>,
  source: PostgresPools | DatabaseOptions,
): Client {
  const owned = !("primary" in source);
  const pools = owned ? createPostgresPools(source) : source;
  const clientOn = (pool: pg.Pool) =>
    new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: owned }) });
  const primary = clientOn(pools.primary);
  if (pools.replicas.length === 0) return primary;
  const replicas = pools.replicas.map(clientOn);
  // The extension keeps the client's own API; its type is widened by $extends, so narrow it back.
  return primary.$extends(readReplicas({ replicas: replicas as never }) as never) as Client;
}

/**
 * A node-postgres pool that survives its server: a connection that fails while idle, or while
 * checked out between queries (the outbox relay's LISTEN connection, a transaction), emits
 * 'error' on its client, which would crash the process with no listener. Every client gets one,
 * and the pool drops the broken client.
 */
export function createPgPool(options: {
  readonly url: string;
  readonly applicationName: string;
  readonly max?: number;
  readonly onConnectionError?: (error: Error) => void;
}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 4,
    application_name: options.applicationName,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
  });
  const onError = options.onConnectionError ?? (() => undefined);
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  return pool;
}

export function postgresReadinessCheck(pool: pg.Pool): () => Promise<void> {
  return async () => {
    await pool.query("SELECT 1");
  };
}
