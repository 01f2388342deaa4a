// A piscina worker thread: computes one slice of items per task.
import { Piscina } from "piscina";
import type { PendingItem } from "../domain/model.js";
import { computeItems } from "./compute-items.js";

/**
 * The slice's outcomes, its results buffer moved to the main thread rather than copied: only
 * the small per-item summary is cloned.
 */
export default async function computeSlice(items: readonly PendingItem[]): Promise<object> {
  const computed = await computeItems(items);
  return Piscina.move({
    [Piscina.transferableSymbol]: [computed.results.buffer],
    [Piscina.valueSymbol]: computed,
  } as never);
}
