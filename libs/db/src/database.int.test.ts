import { randomUUID } from "node:crypto";
import { createScratchDatabase, infra, type ScratchDatabase, waitFor } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgPool } from "./database.js";
import { isDatabaseUnavailable } from "./database-errors.js";

// A real Postgres: its backends are terminated under the pool (as a restart does), which would
// crash a process whose clients have no 'error' listener.
let database: ScratchDatabase;
const admin = new pg.Client({ connectionString: infra.adminDatabaseUrl });

beforeAll(async () => {
  database = await createScratchDatabase("pool_errors");
  await admin.connect();
});

afterAll(async () => {
  await admin.end();
  await database?.drop();
});

const terminate = (applicationName: string) =>
  admin.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
    [applicationName],
  );

describe("createPgPool", () => {
  it("survives its connections being terminated, idle, checked out or mid-query", async () => {
    const applicationName = `pool-test-${randomUUID().slice(0, 8)}`;
    const errors: Error[] = [];
    const pool = createPgPool({
      url: database.url,
      applicationName,
      max: 4,
      onConnectionError: (error) => errors.push(error),
    });
    // One held between queries (like a LISTEN connection), one idle in the pool, one busy.
    const held = await pool.connect();
    await held.query("LISTEN pool_test");
    const busy = pool.query("SELECT pg_sleep(10)").catch((error: unknown) => error);
    const idle = await pool.connect();
    idle.release();
    await waitFor(
      async () =>
        (
          await admin.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1",
            [applicationName],
          )
        ).rows[0]?.n === 3,
      { timeoutMs: 5_000, message: "three connections open" },
    );

    await terminate(applicationName);
    const failure = await busy;
    expect(isDatabaseUnavailable(failure)).toBe(true);
    await waitFor(() => errors.length >= 2, { timeoutMs: 5_000, message: "errors reported" });
    held.release(true);
    // Each broken client leaves the pool once its error arrives (the idle one's may come last).
    await waitFor(() => pool.totalCount === 0, {
      timeoutMs: 5_000,
      message: "every broken connection left the pool",
    });

    // The broken clients are gone; new work gets fresh connections.
    expect((await pool.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    await pool.end();
  });
});

describe("isDatabaseUnavailable", () => {
  it("tells an unreachable server from a bad query", async () => {
    const nowhere = createPgPool({
      url: "postgres://nobody:x@127.0.0.1:1/none",
      applicationName: "t",
    });
    const refused = await nowhere.query("SELECT 1").catch((error: unknown) => error);
    await nowhere.end();
    expect(isDatabaseUnavailable(refused)).toBe(true);

    const pool = createPgPool({ url: database.url, applicationName: "pool-test-syntax" });
    const syntax = await pool.query("SELEC 1").catch((error: unknown) => error);
    const missing = await pool
      .query("SELECT * FROM no_such_table")
      .catch((error: unknown) => error);
    await pool.end();
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(missing)).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  });
});
