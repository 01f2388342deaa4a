import type { BatchStatus } from "@orrery/batch-contract";

export { BATCH_STATUSES, type BatchStatus, TERMINAL_STATUSES } from "@orrery/batch-contract";
export interface Batch {
  readonly id: string;
  readonly accountId: string;
  readonly status: BatchStatus;
  /** Every item submitted, valid or not: total = succeeded + failed once the batch ended. */
  readonly totalItems: number;
  readonly succeededItems: number;
  /** Invalid at submission, failed in computation, expired or cancelled. */
  readonly failedItems: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly completionWindowSeconds: number;
  readonly createdAt: Date;
  readonly inProgressAt: Date | undefined;
  readonly finalizingAt: Date | undefined;
  readonly cancellingAt: Date | undefined;
  readonly completedAt: Date | undefined;
  readonly expiresAt: Date;
}

export interface NewBatch {
  readonly id: string;
  readonly accountId: string;
  readonly idempotencyKey: string | undefined;
  /** Until the upload is read and the batch started with its own. */
  readonly completionWindowSeconds: number;
}

/** What the upload said about the batch as a whole, known once it was read. */
export interface BatchSettings {
  readonly metadata: Readonly<Record<string, string>>;
  readonly completionWindowSeconds: number;
}

/** An item of an upload: valid (params) or refused at validation (error). */
export interface NewItem {
  readonly index: number;
  readonly customId: string;
  readonly type: string;
  /** Validated params as JSON; undefined for an invalid item. */
  readonly params: string | undefined;
  /** The problem (JSON) of an invalid item. */
  readonly error: string | undefined;
}

/** An item a work unit still has to compute. */
export interface PendingItem {
  readonly index: number;
  readonly type: string;
  readonly params: string;
  /** Attempts so far, this one included. */
  readonly attempts: number;
}

/** What computing an item came to; a result is a range of its group's `results` buffer. */
export type ComputedOutcome =
  | {
      readonly index: number;
      readonly status: "succeeded";
      /** Where the item's stored (gzip-compressed) result starts in `results`, and its length. */
      readonly resultStart: number;
      readonly resultLength: number;
    }
  | { readonly index: number; readonly status: "failed"; readonly error: string };

/**
 * The outcomes of a group of items with every result back to back in one buffer: a pool thread
 * hands a slice over as one transferred buffer (no copy, no per-item object graph to clone) and
 * the store writes a group as one bytea parameter.
 */
export interface ComputedOutcomes {
  readonly results: Buffer;
  readonly outcomes: readonly ComputedOutcome[];
}

/** Groups of outcomes as one: the results concatenated, each range moved with its buffer. */
export function joinOutcomes(groups: readonly ComputedOutcomes[]): ComputedOutcomes {
  if (groups.length === 1) return groups[0] as ComputedOutcomes;
  const outcomes: ComputedOutcome[] = [];
  let shift = 0;
  for (const group of groups) {
    for (const outcome of group.outcomes) {
      outcomes.push(
        outcome.status === "succeeded"
          ? { ...outcome, resultStart: outcome.resultStart + shift }
          : outcome,
      );
    }
    shift += group.results.byteLength;
  }
  return { results: Buffer.concat(groups.map((group) => group.results)), outcomes };
}

/** A finished item as the results and errors pages list it. */
export interface ItemOutcome {
  readonly index: number;
  readonly customId: string;
  readonly type: string;
  /** The result text (succeeded items). */
  readonly result: string | undefined;
  /** The problem JSON (failed, expired or cancelled items). */
  readonly error: string | undefined;
}

/** A problem as stored for an item: the code, a detail and the fields at fault. */
export interface ItemProblem {
  readonly code: string;
  readonly detail: string;
  readonly errors?: readonly {
    readonly field: string;
    readonly code: string;
    readonly message: string;
  }[];
}
