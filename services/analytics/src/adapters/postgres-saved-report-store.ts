import type { Cursor } from "@orrery/db";
import type pg from "pg";
import type { ReportDefinition, SavedReport, SavedReportStore } from "../domain/saved-reports.js";

export interface Row {
  id: string;
  account_id: string;
  definition: StoredDefinition;
  created_at: Date;
  next_run_at: Date | null;
}

type StoredDefinition = Omit<ReportDefinition, "from" | "to"> & { from?: string; to?: string };

function stored(definition: ReportDefinition): StoredDefinition {
  return {
    ...definition,
    from: definition.from?.toISOString(),
    to: definition.to?.toISOString(),
  };
}

export function report(row: Row): SavedReport {
  const { from, to, ...rest } = row.definition;
  return {
    id: row.id,
    accountId: row.account_id,
    definition: {
      ...rest,
      groupBy: rest.groupBy ?? undefined,
      window: rest.window ?? undefined,
      schedule: rest.schedule ?? undefined,
      from: from === undefined ? undefined : new Date(from),
      to: to === undefined ? undefined : new Date(to),
    },
    createdAt: row.created_at,
    nextRunAt: row.next_run_at ?? undefined,
  };
}

export const COLUMNS = "id, account_id, definition, created_at, next_run_at";

/** An account's reports, newest first (along saved_reports_account_idx). */
export const LIST_SQL = `SELECT ${COLUMNS} FROM saved_reports WHERE account_id = $1
  ORDER BY created_at DESC, id DESC LIMIT $2`;
export const LIST_AFTER_SQL = `SELECT ${COLUMNS} FROM saved_reports WHERE account_id = $1
    AND (created_at, id) < ($3, $4::uuid)
  ORDER BY created_at DESC, id DESC LIMIT $2`;

export class PostgresSavedReportStore implements SavedReportStore {
  constructor(private readonly pool: pg.Pool) {}

  /** The account's advisory lock makes the count and the insert one step across replicas. */
  async create(saved: SavedReport, limit: number): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 14))", [
        saved.accountId,
      ]);
      const result = await client.query(
        `INSERT INTO saved_reports (${COLUMNS})
         SELECT $1, $2, $3, $4, $5
          WHERE (SELECT count(*) FROM saved_reports WHERE account_id = $2) < $6`,
        [
          saved.id,
          saved.accountId,
          JSON.stringify(stored(saved.definition)),
          saved.createdAt,
          saved.nextRunAt ?? null,
          limit,
        ],
      );
      await client.query("COMMIT");
      return result.rowCount === 1;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async list(accountId: string, limit: number, after: Cursor | undefined): Promise<SavedReport[]> {
    const result = await this.pool.query<Row>(
      after === undefined ? LIST_SQL : LIST_AFTER_SQL,
      after === undefined ? [accountId, limit] : [accountId, limit, after.createdAt, after.id],
    );
    return result.rows.map(report);
  }

  async get(accountId: string, id: string): Promise<SavedReport | undefined> {
    const result = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM saved_reports WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : report(row);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.pool.query(
      "DELETE FROM saved_reports WHERE account_id = $1 AND id = $2",
      [accountId, id],
    );
    return result.rowCount === 1;
  }
}
