import { readFileSync } from "node:fs";
import { get as httpGet } from "node:http";
import { gzipSync } from "node:zlib";
import { infra, repoRoot, stackEnvironment } from "@orrery/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKey, BatchApi } from "./support/batch-api.js";

// Results and errors of 50,000-item batches streamed through the gateway (GET …/results and
// …/errors → BatchService pages → Postgres), resumed by cursor, with the memory of the gateway
// and of batch-worker sampled while they stream. The batches' outcomes are written straight
// into batch-worker's database (computing 100,000 charts would only slow the test down; the
// computing is covered by the other batch tests), owned by a tenant made through the gateway.

const ITEMS = 50_000;
/**
 * Growth allowed while the errors export (~15 MB) streams, of the gateway's RSS and of
 * batch-worker's heap in use. Each holds one page of 1,000 items at a time plus garbage not yet
 * collected.
 */
const GROWTH_LIMIT_MIB = 96;

/**
 * Garbage is collected in rounds (V8 lets ~64 MB of buffers pile up before a full collection,
 * more in a process whose heap grew serving other traffic), so a peak alone says little about
 * an export no larger than that. The results export is made larger than such a round (~200 MB)
 * and judged twice: its peak stays below the export's own size, and the second half of the
 * stream adds at most this much over the first half's peak. A process that kept the export
 * would grow with it: by half the export, ~100 MB, over its second half.
 */
const LATE_GROWTH_LIMIT_MIB = 64;

/**
 * A JSON result of ~3.6 KB (a chart with many points), stored gzip-compressed as rows written
 * before results were kept as text are: the export still reads them.
 */
const RESULT = JSON.stringify({
  bodies: Array.from({ length: 36 }, (_, body) => ({
    body: `body-${body}`,
    longitude: body * 9.123456789,
    latitude: 0.123456789,
    speed: 1.0123456789,
    sign: "aries",
    house: 1 + (body % 12),
  })),
});

let api: BatchApi;
let sql: pg.Client;
let owner: { accountId: string; key: string };
const resultsBatch = `batch_stream_results_${Date.now()}`;
const errorsBatch = `batch_stream_errors_${Date.now()}`;

async function insertFinishedBatch(id: string, outcome: "succeeded" | "expired"): Promise<void> {
  await sql.query(
    `INSERT INTO batches (id, account_id, status, total_items, succeeded_items, failed_items,
       completion_window_seconds, created_at, in_progress_at, completed_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, 86400, now(), now(), now(), now() + interval '1 day')`,
    [
      id,
      owner.accountId,
      outcome === "succeeded" ? "completed" : "expired",
      ITEMS,
      outcome === "succeeded" ? ITEMS : 0,
      outcome === "succeeded" ? 0 : ITEMS,
    ],
  );
  await sql.query(
    `INSERT INTO batch_items (batch_id, index, custom_id, type, status, params, attempts, result, error)
     SELECT $1, i, 'item-' || i, 'chart', $2, '{}', 1, $3::bytea, $4::jsonb
     FROM generate_series(0, $5 - 1) AS i`,
    [
      id,
      outcome,
      outcome === "succeeded" ? gzipSync(RESULT, { level: 1 }) : null,
      outcome === "succeeded"
        ? null
        : JSON.stringify({
            code: "BATCH_ITEM_EXPIRED",
            detail: "The batch's completion window ended before this item was computed.",
          }),
      ITEMS,
    ],
  );
}

function gatewayRssMiB(): number {
  const pid = readFileSync(`${repoRoot}.data/run/gateway.pid`, "utf8").trim();
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * batch-worker's main-thread heap in use (its /metrics), MiB: where its pages of outcomes
 * live. Not its RSS, which also holds the pool threads' heaps, grown by whatever batches the
 * pool computes meanwhile (the batch tests before this one), not by streaming.
 */
async function workerHeapMiB(): Promise<number> {
  const port = stackEnvironment("batch-worker").HTTP_PORT;
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^nodejs_heap_used_bytes (\d+)/m.exec(metrics)?.[1] ?? 0) / 1024 / 1024;
}

interface Streamed {
  readonly status: number;
  readonly indexes: number[];
  readonly customIdsMatch: boolean;
  readonly firstLine: Record<string, unknown> | undefined;
  readonly bytes: number;
  /** Largest growth over the stream's start, MiB: the gateway's RSS, batch-worker's heap. */
  readonly growth: { gateway: number; batchWorker: number };
  /** How much the second half of the stream's bytes raised each peak over the first half's. */
  readonly lateGrowth: { gateway: number; batchWorker: number };
}

/** Reads an export line by line as it arrives (never whole), sampling both processes' RSS. */
async function stream(id: string, kind: "results" | "errors", query = ""): Promise<Streamed> {
  const before = { gateway: gatewayRssMiB(), batchWorker: await workerHeapMiB() };
  const growth = { gateway: 0, batchWorker: 0 };
  const samples: { at: number; gateway?: number; batchWorker?: number }[] = [];
  let bytes = 0;
  let sampling = false;
  const sample = () => {
    const gateway = gatewayRssMiB() - before.gateway;
    growth.gateway = Math.max(growth.gateway, gateway);
    samples.push({ at: bytes, gateway });
    if (sampling) return;
    sampling = true;
    const at = bytes;
    void workerHeapMiB()
      .then((heap) => {
        growth.batchWorker = Math.max(growth.batchWorker, heap - before.batchWorker);
        samples.push({ at, batchWorker: heap - before.batchWorker });
      })
      .finally(() => {
        sampling = false;
      });
  };
  const sampler = setInterval(sample, 25);
  return new Promise((resolve, reject) => {
    const indexes: number[] = [];
    let customIdsMatch = true;
    let firstLine: Record<string, unknown> | undefined;
    let pending = "";
    const take = (text: string) => {
      if (text === "") return;
      const line = JSON.parse(text) as Record<string, unknown>;
      firstLine ??= line;
      indexes.push(line.index as number);
      if (line.customId !== `item-${line.index as number}`) customIdsMatch = false;
    };
    const request = httpGet(
      `${infra.gatewayUrl}/v1/batches/${id}/${kind}${query}`,
      { headers: { authorization: `Bearer ${owner.key}`, "accept-encoding": "identity" } },
      (response) => {
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          bytes += Buffer.byteLength(chunk);
          pending += chunk;
          let newline = pending.indexOf("\n");
          while (newline !== -1) {
            take(pending.slice(0, newline));
            pending = pending.slice(newline + 1);
            newline = pending.indexOf("\n");
          }
        });
        response.on("error", reject);
        response.on("end", () => {
          take(pending);
          clearInterval(sampler);
          sample();
          const peak = (of: "gateway" | "batchWorker", upTo: number) =>
            Math.max(0, ...samples.filter((s) => s.at <= upTo).map((s) => s[of] ?? 0));
          const late = (of: "gateway" | "batchWorker") =>
            peak(of, Number.POSITIVE_INFINITY) - peak(of, bytes / 2);
          resolve({
            status: response.statusCode ?? 0,
            indexes,
            customIdsMatch,
            firstLine,
            bytes,
            growth,
            lateGrowth: { gateway: late("gateway"), batchWorker: late("batchWorker") },
          });
        });
      },
    );
    request.on("error", (error) => {
      clearInterval(sampler);
      reject(error);
    });
  });
}

/** Every index from `from` to `to` (inclusive) in order, once each. */
function isRun(indexes: readonly number[], from: number, to: number): boolean {
  if (indexes.length !== to - from + 1) return false;
  return indexes.every((index, at) => index === from + at);
}

beforeAll(async () => {
  api = new BatchApi(await adminKey());
  owner = await api.tenant();
  sql = new pg.Client({ connectionString: stackEnvironment("batch-worker").DATABASE_URL });
  await sql.connect();
  await insertFinishedBatch(resultsBatch, "succeeded");
  await insertFinishedBatch(errorsBatch, "expired");
  // A first small read, so that both processes' code paths are warm before RSS is compared.
  await stream(resultsBatch, "results", "?limit=10");
}, 60_000);

afterAll(async () => {
  await sql?.query("DELETE FROM batches WHERE id = ANY($1)", [[resultsBatch, errorsBatch]]);
  await sql?.end();
});

describe("streaming a 50,000-item batch's outcomes", () => {
  it("streams every result once, in order, with bounded memory, and resumes after a cursor", async () => {
    const all = await stream(resultsBatch, "results");
    expect(all.status).toBe(200);
    expect(all.indexes.length).toBe(ITEMS);
    expect(isRun(all.indexes, 0, ITEMS - 1), "every index once, in order").toBe(true);
    expect(all.customIdsMatch).toBe(true);
    expect(all.firstLine?.result).toEqual(JSON.parse(RESULT));
    expect(all.bytes).toBeGreaterThan(ITEMS * RESULT.length);
    const exportMiB = all.bytes / 1024 / 1024;
    expect(all.growth.gateway, "gateway RSS growth, MiB").toBeLessThan(exportMiB);
    expect(all.growth.batchWorker, "batch-worker heap growth, MiB").toBeLessThan(exportMiB);
    expect(all.lateGrowth.gateway, "gateway RSS growth over the second half, MiB").toBeLessThan(
      LATE_GROWTH_LIMIT_MIB,
    );
    expect(
      all.lateGrowth.batchWorker,
      "batch-worker heap growth over the second half, MiB",
    ).toBeLessThan(LATE_GROWTH_LIMIT_MIB);

    // A cursor from the middle (not on a page boundary): the rest, exactly after it.
    const cursor = all.indexes[27_182] as number;
    const rest = await stream(resultsBatch, "results", `?after=${cursor}`);
    expect(isRun(rest.indexes, cursor + 1, ITEMS - 1), "resumed exactly after the cursor").toBe(
      true,
    );
    expect(rest.customIdsMatch).toBe(true);
    const head = all.indexes.slice(0, all.indexes.indexOf(cursor) + 1);
    expect(new Set([...head, ...rest.indexes]).size).toBe(ITEMS);
  }, 60_000);

  it("streams every error once, in order, with bounded memory, and resumes after a cursor", async () => {
    const all = await stream(errorsBatch, "errors");
    expect(all.status).toBe(200);
    expect(isRun(all.indexes, 0, ITEMS - 1), "every index once, in order").toBe(true);
    expect(all.customIdsMatch).toBe(true);
    expect(all.firstLine?.error).toMatchObject({ code: "BATCH_ITEM_EXPIRED" });
    expect(all.growth.gateway, "gateway RSS growth, MiB").toBeLessThan(GROWTH_LIMIT_MIB);
    expect(all.growth.batchWorker, "batch-worker heap growth, MiB").toBeLessThan(GROWTH_LIMIT_MIB);

    const cursor = 31_415;
    const rest = await stream(errorsBatch, "errors", `?after=${cursor}&limit=5000`);
    expect(isRun(rest.indexes, cursor + 1, cursor + 5_000), "the next 5,000 after the cursor").toBe(
      true,
    );
  }, 60_000);
});
