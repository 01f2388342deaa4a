import { gzipSync } from "node:zlib";
import { migratedScratchDatabase } from "@orrery/db/testing";
import type { ScratchDatabase } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeItems } from "./compute-items.js";
import { PostgresBatchStore } from "./postgres-batch-store.js";

// The store against a real Postgres: items appended, computed outcomes recorded in one write,
// and the results and errors read back as the export streams them.
let database: ScratchDatabase;
let pool: pg.Pool;
let store: PostgresBatchStore;

const ACCOUNT = "acc_store";
const NATAL = {
  datetime: "1990-06-15T12:30:00",
  timezone: "Europe/London",
  latitude: 51.5074,
  longitude: -0.1278,
};

beforeAll(async () => {
  database = await migratedScratchDatabase("batch_store", new URL("../..", import.meta.url));
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  store = new PostgresBatchStore(pool);
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function startedBatch(id: string, items: Parameters<PostgresBatchStore["appendItems"]>[2]) {
  const now = new Date();
  await store.create(
    { id, accountId: ACCOUNT, idempotencyKey: undefined, completionWindowSeconds: 3600 },
    now,
  );
  expect(await store.appendItems(ACCOUNT, id, items)).toBe(items.length);
  await store.start(
    ACCOUNT,
    id,
    { metadata: {}, completionWindowSeconds: 3600 },
    { unitSize: 250, unitsInFlight: 2 },
    now,
  );
}

describe("PostgresBatchStore", () => {
  it("stores each result as its text, compressed by Postgres, and reads it back as computed", async () => {
    const id = "batch_store_results";
    await startedBatch(id, [
      {
        index: 0,
        customId: "chart",
        type: "chart",
        params: JSON.stringify(NATAL),
        error: undefined,
      },
      { index: 1, customId: "wheel", type: "svg", params: JSON.stringify(NATAL), error: undefined },
      {
        index: 2,
        customId: "no-such-day",
        type: "chart",
        params: JSON.stringify({ ...NATAL, datetime: "1990-02-30T12:00:00" }),
        error: undefined,
      },
      {
        index: 3,
        customId: "refused",
        type: "chart",
        params: undefined,
        error: JSON.stringify({ code: "INVALID_INPUT", detail: "refused at validation" }),
      },
    ]);
    const pending = await store.claimUnit(id, 0, 250);
    expect(pending.map((item) => item.index).sort()).toEqual([0, 1, 2]);
    const computed = await computeItems(pending);
    const finished = await store.recordOutcomes(id, computed, new Date(), 1000);
    expect(finished?.status).toBe("completed");
    expect([finished?.succeededItems, finished?.failedItems]).toEqual([2, 2]);

    const results = await store.outcomes(ACCOUNT, id, "results", undefined, 10);
    expect(results?.map((outcome) => outcome.customId)).toEqual(["chart", "wheel"]);
    const chart = JSON.parse(results?.[0]?.result ?? "{}") as { bodies?: unknown[] };
    expect(chart.bodies?.length).toBeGreaterThan(10);
    expect(results?.[1]?.result?.startsWith("<svg")).toBe(true);
    const expected = computed.outcomes.flatMap((outcome) =>
      outcome.status === "succeeded"
        ? [
            computed.results
              .subarray(outcome.resultStart, outcome.resultStart + outcome.resultLength)
              .toString("utf8"),
          ]
        : [],
    );
    expect(results?.map((outcome) => outcome.result).sort()).toEqual(expected.sort());

    const errors = await store.outcomes(ACCOUNT, id, "errors", undefined, 10);
    expect(
      errors?.map((outcome) => [outcome.index, JSON.parse(outcome.error ?? "{}").code]),
    ).toEqual([
      [2, "INVALID_DATETIME"],
      [3, "INVALID_INPUT"],
    ]);

    // Each result is kept compressed: Postgres compressed both with lz4.
    const { rows } = await pool.query<{ method: string | null; stored: number; text: number }>(
      `SELECT pg_column_compression(result) AS method, pg_column_size(result) AS stored,
         octet_length(result) AS text
       FROM batch_items WHERE batch_id = $1 AND status = 'succeeded' ORDER BY index`,
      [id],
    );
    for (const row of rows) {
      expect(row.method).toBe("lz4");
      expect(row.stored).toBeLessThan(row.text / 2);
    }
  });

  it("reads results stored gzip-compressed, as rows written before lz4 were", async () => {
    const id = "batch_store_gzip";
    await startedBatch(id, [
      { index: 0, customId: "old", type: "chart", params: JSON.stringify(NATAL), error: undefined },
    ]);
    const text = JSON.stringify({ bodies: [{ body: "sun", longitude: 84.1 }] });
    await pool.query(
      "UPDATE batch_items SET status = 'succeeded', result = $2 WHERE batch_id = $1 AND index = 0",
      [id, gzipSync(text, { level: 1 })],
    );
    const results = await store.outcomes(ACCOUNT, id, "results", undefined, 10);
    expect(results?.map((outcome) => outcome.result)).toEqual([text]);
  });
});
