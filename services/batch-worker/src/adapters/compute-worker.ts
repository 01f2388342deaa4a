// A piscina worker thread: computes one slice of items per task.
import type { ComputedOutcome, PendingItem } from "../domain/model.js";
import { computeItems } from "./compute-items.js";

export default function computeSlice(items: readonly PendingItem[]): Promise<ComputedOutcome[]> {
  return computeItems(items);
}
