import { inTransaction } from "@orrery/db";
import type pg from "pg";
import { type Partition, partitionOf } from "../domain/partitions.js";
import type { RollupStore, RollupTransaction } from "../domain/ports.js";
import type { Granularity, RollupRow } from "../domain/usage-rollups.js";

export const ROLLUP_TABLES: Record<Granularity, string> = {
  minute: "usage_rollup_minute",
  hour: "usage_rollup_hour",
  day: "usage_rollup_day",
};

/** usage_rollup_minute_p20261202, usage_rollup_hour_p202612, usage_rollup_day_p2026. */
export function partitionName(partition: Partition): string {
  const iso = partition.from.toISOString();
  const suffix =
    partition.granularity === "minute"
      ? iso.slice(0, 10).replaceAll("-", "")
      : partition.granularity === "hour"
        ? iso.slice(0, 7).replace("-", "")
        : iso.slice(0, 4);
  return `${ROLLUP_TABLES[partition.granularity]}_p${suffix}`;
}

function parsePartitionName(granularity: Granularity, name: string): Date | undefined {
  const suffix = name.slice(`${ROLLUP_TABLES[granularity]}_p`.length);
  const match = /^(\d{4})(\d{2})?(\d{2})?$/.exec(suffix);
  if (match === null) return undefined;
  return new Date(
    Date.UTC(
      Number(match[1]),
      match[2] === undefined ? 0 : Number(match[2]) - 1,
      Number(match[3] ?? 1),
    ),
  );
}

/**
 * The claim: ids already present are left alone; the positions (from 1) of those, the ids NOT
 * claimed now, come back. That is usually none (a redelivered batch is the exception), where
 * answering the claimed ones sent a row per event for the driver to parse. The ids travel as one
 * JSON array (serialized natively), not as a text[] the driver would quote element by element,
 * and are kept as the uuid of their md5 (16 bytes under the primary key instead of the text).
 */
export const CLAIM_EVENT_IDS_SQL = `
  WITH batch AS (
    SELECT position, md5(id)::uuid AS event_key
    FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS input(id, position)
  ), claimed AS (
    INSERT INTO usage_events_seen (event_key) SELECT event_key FROM batch
    ON CONFLICT (event_key) DO NOTHING
    RETURNING event_key
  )
  SELECT batch.position::integer AS position FROM batch
  WHERE NOT EXISTS (SELECT FROM claimed WHERE claimed.event_key = batch.event_key)`;

/** Claimed ids past the window, found along the BRIN index of claimed_at (claimed in time order). */
export const FORGET_EVENT_IDS_SQL = "DELETE FROM usage_events_seen WHERE claimed_at < $1";

/**
 * The upsert of one granularity's rows, from the JSON array of records (short keys) in parameter
 * `parameter`; the sketch travels in its bigint[] text form. The records are read as json, not
 * jsonb: each is read once, and building jsonb's binary form of the whole array first cost a
 * quarter of the statement's time.
 */
function upsertRollups(table: string, parameter: string): string {
  return `
  INSERT INTO ${table} AS stored
    (bucket_start, account_id, key_id, route, status_class, cache_hit, requests, errors_4xx,
     errors_5xx, rate_limited, bytes, quota_units, latency_sketch)
  SELECT t, a, k, r, c, h, n, e4, e5, rl, b, q, s::bigint[]
  FROM json_to_recordset(${parameter}::json)
    AS batch(t timestamptz, a text, k text, r text, c smallint, h boolean, n bigint, e4 bigint,
             e5 bigint, rl bigint, b bigint, q bigint, s text)
  ON CONFLICT (account_id, bucket_start, key_id, route, status_class, cache_hit) DO UPDATE SET
    requests = stored.requests + EXCLUDED.requests,
    errors_4xx = stored.errors_4xx + EXCLUDED.errors_4xx,
    errors_5xx = stored.errors_5xx + EXCLUDED.errors_5xx,
    rate_limited = stored.rate_limited + EXCLUDED.rate_limited,
    bytes = stored.bytes + EXCLUDED.bytes,
    quota_units = stored.quota_units + EXCLUDED.quota_units,
    latency_sketch = latency_sketch_merge(stored.latency_sketch, EXCLUDED.latency_sketch)`;
}

/**
 * The minute, hour and day upserts of a batch in one statement (data-modifying CTEs), so a
 * batch costs one round trip for its rows instead of one per granularity. Each granularity's
 * rows arrive as one JSON array ($1 minute, $2 hour, $3 day; empty when a granularity is past
 * retention), serialized natively instead of as thirteen arrays the driver would quote element
 * by element. The three tables are distinct, so no row is touched twice in the statement.
 */
export const ADD_ROLLUPS_SQL = `
  WITH minute AS (${upsertRollups(ROLLUP_TABLES.minute, "$1")}),
  hour AS (${upsertRollups(ROLLUP_TABLES.hour, "$2")})
  ${upsertRollups(ROLLUP_TABLES.day, "$3")}`;

/**
 * The JSON text of a batch's records, written out directly: a batch from a backlog has a row for
 * nearly every event in each granularity, and an object per row for JSON.stringify (with a Date
 * converted per row) cost more than the decoding of the events. The texts a batch repeats (its
 * accounts, keys, routes, bucket starts) are quoted once, in `quoted`, for all granularities.
 */
function rollupRecords(
  rows: readonly RollupRow[] | undefined,
  quoted: Map<string, string>,
): string {
  if (rows === undefined || rows.length === 0) return "[]";
  const quote = (text: string): string => {
    let json = quoted.get(text);
    if (json === undefined) {
      json = JSON.stringify(text);
      quoted.set(text, json);
    }
    return json;
  };
  const records = new Array<string>(rows.length);
  let start = Number.NaN;
  let startJson = "";
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] as RollupRow;
    // Rows come sorted by bucket start: its text changes once per bucket.
    if (row.bucketStart.getTime() !== start) {
      start = row.bucketStart.getTime();
      startJson = `"${row.bucketStart.toISOString()}"`;
    }
    records[index] =
      `{"t":${startJson},"a":${quote(row.accountId)},"k":${quote(row.keyId)},"r":${quote(row.route)},` +
      `"c":${row.statusClass},"h":${row.cacheHit},"n":${row.requests},"e4":${row.errors4xx},` +
      `"e5":${row.errors5xx},"rl":${row.rateLimited},"b":${row.bytes},"q":${row.quotaUnits},` +
      `"s":"{${row.latency.pairsText()}}"}`;
  }
  return `[${records.join(",")}]`;
}

class PostgresRollupTransaction implements RollupTransaction {
  constructor(private readonly client: pg.PoolClient) {}

  async claimEventIds(eventIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.client.query<{ position: number }>(CLAIM_EVENT_IDS_SQL, [
      JSON.stringify(eventIds),
    ]);
    const claimed = new Set(eventIds);
    for (const row of rows) claimed.delete(eventIds[row.position - 1] as string);
    return claimed;
  }

  async addRollups(rows: Partial<Record<Granularity, readonly RollupRow[]>>): Promise<void> {
    const quoted = new Map<string, string>();
    await this.client.query(ADD_ROLLUPS_SQL, [
      rollupRecords(rows.minute, quoted),
      rollupRecords(rows.hour, quoted),
      rollupRecords(rows.day, quoted),
    ]);
  }
}

const DUPLICATE_TABLE = "42P07";
const UNIQUE_VIOLATION = "23505";

export class PostgresRollupStore implements RollupStore {
  constructor(private readonly pool: pg.Pool) {}

  transaction<T>(work: (transaction: RollupTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, (client) => work(new PostgresRollupTransaction(client)));
  }

  async ensurePartitions(partitions: readonly Partition[]): Promise<void> {
    for (const partition of partitions) {
      try {
        await this.pool.query(
          `CREATE TABLE IF NOT EXISTS ${partitionName(partition)}
             PARTITION OF ${ROLLUP_TABLES[partition.granularity]}
             FOR VALUES FROM ('${partition.from.toISOString()}') TO ('${partition.to.toISOString()}')`,
        );
      } catch (error) {
        // Another replica created it between our check and our CREATE.
        const code = (error as { code?: string }).code;
        if (code !== DUPLICATE_TABLE && code !== UNIQUE_VIOLATION) throw error;
      }
    }
  }

  async listPartitions(granularity: Granularity): Promise<Partition[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      `SELECT child.relname AS name
       FROM pg_inherits
       JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
       JOIN pg_class child ON child.oid = pg_inherits.inhrelid
       WHERE parent.relname = $1 ORDER BY child.relname`,
      [ROLLUP_TABLES[granularity]],
    );
    return rows.flatMap((row) => {
      const from = parsePartitionName(granularity, row.name);
      return from === undefined ? [] : [partitionOf(granularity, from)];
    });
  }

  async dropPartition(partition: Partition): Promise<void> {
    await this.pool.query(`DROP TABLE IF EXISTS ${partitionName(partition)}`);
  }

  async forgetEventIdsBefore(before: Date): Promise<number> {
    const { rowCount } = await this.pool.query(FORGET_EVENT_IDS_SQL, [before]);
    return rowCount ?? 0;
  }
}
