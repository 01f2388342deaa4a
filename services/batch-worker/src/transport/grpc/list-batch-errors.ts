import type { BatchService } from "@orrery/proto/batch/v1/batch";
import type { ServiceImplementation } from "@orrery/rpc";
import type { Batches } from "../../domain/batches.js";
import { outcomesPage } from "./messages.js";

export function listBatchErrors(
  batches: Batches,
): ServiceImplementation<typeof BatchService>["listBatchErrors"] {
  return outcomesPage(batches, "errors");
}
