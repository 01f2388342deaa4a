import type { Policy } from "@orrery/policy";
import type { BatchClient } from "../../adapters/batch-client.js";
import type { RateLimitGuard, RouteDefinition } from "./route.js";
import { v1BatchesCancel } from "./v1-batches-cancel.js";
import { v1BatchesCreate } from "./v1-batches-create.js";
import { v1BatchesErrorsList } from "./v1-batches-errors-list.js";
import { v1BatchesGet } from "./v1-batches-get.js";
import { v1BatchesList } from "./v1-batches-list.js";
import { v1BatchesResultsList } from "./v1-batches-results-list.js";

/** What every /v1/batches route is built from. */
export interface BatchRouteDependencies {
  readonly client: BatchClient;
  /** The plan limits in force (maxBatchSize, concurrentBatches) and costPerItem. */
  readonly policy: () => Policy;
  /**
   * Charges a batch's items to the caller's quota once they are counted (the rate-limit guard,
   * with the items' cost): all or nothing. Absent: items are not charged (no limits mounted).
   */
  readonly chargeItems: RateLimitGuard | undefined;
  /** Largest upload, and largest item in it, bytes. */
  readonly maxUploadBytes: number;
  readonly maxItemBytes: number;
}

/** Every /v1/batches route, in the order the document lists them. */
export function batchRoutes(dependencies: BatchRouteDependencies): RouteDefinition[] {
  return [
    v1BatchesCreate(dependencies),
    v1BatchesList(dependencies),
    v1BatchesGet(dependencies),
    v1BatchesCancel(dependencies),
    v1BatchesResultsList(dependencies),
    v1BatchesErrorsList(dependencies),
  ];
}
