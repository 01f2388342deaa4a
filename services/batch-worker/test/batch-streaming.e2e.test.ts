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
 * Garbage is collected in rounds, later the busier the machine, so a peak says little about
 * what a process keeps. The results export is made large (~200 MB) and its memory judged by
 * floors: the least JavaScript memory (V8 heap plus Buffers) each process held over the stream's
 * last quarter against the least over its second quarter. Between collections garbage piles up;
 * what stays after them is what the process keeps. One that kept the export would have its floor
 * rise with it, by about half the export (~100 MB); one that streams, by its working set's noise.
 */
const LATE_FLOOR_GROWTH_LIMIT_MIB = 48;

/** A JSON result of ~3.6 KB (a chart with many points), stored gzip-compressed. */
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
 * A service's JavaScript memory from its /metrics, MiB: the main thread's heap in use plus the
 * Buffers it holds outside it. Not batch-worker's RSS, which also holds the pool threads' heaps,
 * grown by whatever batches the pool computes meanwhile (the tests before this one).
 */
async function jsMemoryMiB(service: "gateway" | "batch-worker"): Promise<number> {
  const port = stackEnvironment(service).HTTP_PORT;
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const gauge = (name: string) =>
    Number(new RegExp(`^${name} (\\d+)`, "m").exec(metrics)?.[1] ?? 0);
  return (gauge("nodejs_heap_used_bytes") + gauge("nodejs_external_memory_bytes")) / 1024 / 1024;
}

interface Streamed {
  readonly status: number;
  readonly indexes: number[];
  readonly customIdsMatch: boolean;
  readonly firstLine: Record<string, unknown> | undefined;
  readonly bytes: number;
  /** Largest growth over the stream's start, MiB: the gateway's RSS, batch-worker's JS memory. */
  readonly growth: { gateway: number; batchWorker: number };
  /** How much each process's memory floor rose from the stream's second quarter to its last. */
  readonly lateFloorGrowth: { gateway: number; batchWorker: number };
}

/** Reads an export line by line as it arrives (never whole), sampling both processes' memory. */
async function stream(id: string, kind: "results" | "errors", query = ""): Promise<Streamed> {
  const before = { gateway: gatewayRssMiB(), batchWorker: await jsMemoryMiB("batch-worker") };
  const growth = { gateway: 0, batchWorker: 0 };
  /** Each process's JavaScript memory, by how many bytes of the export had arrived. */
  const floors: { at: number; gateway: number; batchWorker: number }[] = [];
  let bytes = 0;
  let sampling = false;
  const sample = () => {
    growth.gateway = Math.max(growth.gateway, gatewayRssMiB() - before.gateway);
    if (sampling) return;
    sampling = true;
    const at = bytes;
    void Promise.all([jsMemoryMiB("gateway"), jsMemoryMiB("batch-worker")])
      .then(([gateway, batchWorker]) => {
        growth.batchWorker = Math.max(growth.batchWorker, batchWorker - before.batchWorker);
        floors.push({ at, gateway, batchWorker });
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
          const floor = (of: "gateway" | "batchWorker", from: number, to: number) =>
            Math.min(
              ...floors.filter((s) => s.at >= from * bytes && s.at <= to * bytes).map((s) => s[of]),
            );
          const rise = (of: "gateway" | "batchWorker") => floor(of, 0.75, 1) - floor(of, 0.25, 0.5);
          resolve({
            status: response.statusCode ?? 0,
            indexes,
            customIdsMatch,
            firstLine,
            bytes,
            growth,
            lateFloorGrowth: { gateway: rise("gateway"), batchWorker: rise("batchWorker") },
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
    expect(
      all.lateFloorGrowth.gateway,
      "gateway memory floor, last quarter over second quarter, MiB",
    ).toBeLessThan(LATE_FLOOR_GROWTH_LIMIT_MIB);
    expect(
      all.lateFloorGrowth.batchWorker,
      "batch-worker memory floor, last quarter over second quarter, MiB",
    ).toBeLessThan(LATE_FLOOR_GROWTH_LIMIT_MIB);

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
