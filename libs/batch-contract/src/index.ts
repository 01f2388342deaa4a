/** A batch's states, in the order a batch can reach them (OpenAI's Batch API names). */
export const BATCH_STATUSES = [
  "validating",
  "in_progress",
  "finalizing",
  "completed",
  "failed",
  "expired",
  "cancelling",
  "cancelled",
] as const;

export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** The states a batch ends in; each is announced by exactly one terminal event. */
export const TERMINAL_STATUSES: readonly BatchStatus[] = [
  "completed",
  "failed",
  "expired",
  "cancelled",
];
