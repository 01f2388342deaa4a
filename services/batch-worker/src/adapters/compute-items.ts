import { gzipSync } from "node:zlib";
import {
  AstrologyService,
  type BatchItemParams,
  batchItemErrorPrefix,
  computeBatchItem,
  engineError,
  isBatchItemType,
  type PopularityRecorder,
  type ResultCache,
} from "@orrery/astro-service";
import { isDomainError } from "@orrery/errors";
import type {
  ComputedOutcome,
  ComputedOutcomes,
  ItemProblem,
  PendingItem,
} from "../domain/model.js";

/** Every item is computed for its batch: nothing is kept between items (memory stays flat). */
const noCache: ResultCache = {
  getOrCompute: async (_key, compute) => ({ value: compute(), computed: true }),
  peek: () => undefined,
  delete: async () => undefined,
  clear: async () => undefined,
};
const noPopularity: PopularityRecorder = { record: () => undefined };

function problemOf(error: unknown, prefix: string): ItemProblem {
  const mapped = engineError(error, prefix);
  if (isDomainError(mapped)) {
    return {
      code: mapped.code,
      detail: mapped.message,
      ...(mapped.violations.length === 0 ? {} : { errors: mapped.violations }),
    };
  }
  return { code: "INTERNAL_ERROR", detail: "The item could not be computed." };
}

/**
 * Computes a slice of items with the gateway's own mapping (libs/astro-service), each result
 * gzip-compressed as stored and all of them back to back in one buffer of its own. An engine
 * error fails its item alone, with the problem the synchronous route would answer. Runs in a
 * pool thread (compute-worker.ts) or in-line.
 */
export async function computeItems(items: readonly PendingItem[]): Promise<ComputedOutcomes> {
  const astrology = new AstrologyService(noCache, noPopularity, process.versions.tz ?? "");
  const outcomes: ComputedOutcome[] = [];
  const stored: Buffer[] = [];
  let bytes = 0;
  for (const item of items) {
    if (!isBatchItemType(item.type)) {
      outcomes.push({
        index: item.index,
        status: "failed",
        error: JSON.stringify({ code: "INVALID_INPUT", detail: `Unknown item type ${item.type}.` }),
      });
      continue;
    }
    const params = JSON.parse(item.params) as BatchItemParams[typeof item.type];
    try {
      const result = await computeBatchItem(astrology, item.type, params);
      const compressed = gzipSync(result.text, { level: 1 });
      outcomes.push({
        index: item.index,
        status: "succeeded",
        resultStart: bytes,
        resultLength: compressed.byteLength,
      });
      stored.push(compressed);
      bytes += compressed.byteLength;
    } catch (error) {
      const problem = problemOf(error, batchItemErrorPrefix(item.type, params));
      outcomes.push({ index: item.index, status: "failed", error: JSON.stringify(problem) });
    }
  }
  // An ArrayBuffer of its own, never a slab of Buffer's shared pool: it is transferred whole.
  const results = Buffer.from(new ArrayBuffer(bytes));
  let at = 0;
  for (const compressed of stored) {
    results.set(compressed, at);
    at += compressed.byteLength;
  }
  return { results, outcomes };
}
