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
import type { ComputedOutcome, ItemProblem, PendingItem } from "../domain/model.js";

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
 * gzip-compressed as stored. An engine error fails its item alone, with the problem the
 * synchronous route would answer. Runs in a pool thread (compute-worker.ts) or in-line.
 */
export async function computeItems(items: readonly PendingItem[]): Promise<ComputedOutcome[]> {
  const astrology = new AstrologyService(noCache, noPopularity, process.versions.tz ?? "");
  const outcomes: ComputedOutcome[] = [];
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
      outcomes.push({
        index: item.index,
        status: "succeeded",
        result: gzipSync(result.text, { level: 1 }),
      });
    } catch (error) {
      const problem = problemOf(error, batchItemErrorPrefix(item.type, params));
      outcomes.push({ index: item.index, status: "failed", error: JSON.stringify(problem) });
    }
  }
  return outcomes;
}
