import { BATCH_ITEM_TYPES } from "@orrery/astro-service";
import { BATCH_STATUSES } from "@orrery/batch-contract";
import { z } from "zod";
import { CHART_INPUT_EXAMPLE } from "./astro-examples.js";
import { PageQuerySchema } from "./pages.js";

export const BATCH_ID_EXAMPLE = "batch_3xq9Jb0uWkz1fG2hA7mC";

/** Whole seconds, minutes or hours, 1 second to 7 days ("24h", "90m", "30s"). */
export const CompletionWindowSchema = z
  .string()
  .max(8)
  .regex(/^[1-9][0-9]{0,5}[smh]$/, 'a duration such as "24h", "90m" or "30s"')
  .describe(
    'Items not done within this long after submission end expired. Default "24h"; at most "168h".',
  )
  .meta({ example: "24h" });

export const BatchMetadataSchema = z
  .record(z.string().min(1).max(64), z.string().max(512))
  .refine((value) => Object.keys(value).length <= 16, "at most 16 pairs")
  .describe("Up to 16 string pairs of your own, returned with the batch.")
  .meta({ example: { project: "newsletter-2027" } });

export const CustomIdSchema = z
  .string()
  .min(1)
  .max(64)
  .describe("Your id for the item, unique within the batch; results and errors carry it.")
  .meta({ example: "reader-1" });

/** One item as uploaded; `params` is validated by the item type's synchronous route schema. */
export const BatchItemSchema = z
  .strictObject({
    customId: CustomIdSchema,
    type: z
      .enum(BATCH_ITEM_TYPES)
      .describe(
        "chart (POST /v1/charts), svg (/v1/charts/svg), reading (/v1/readings), synastry, synastrySvg, transits, transitsSvg, transitsTimeline (/v1/transits/timeline), return (/v1/returns), progressions, composite.",
      ),
    params: z
      .record(z.string(), z.unknown())
      .describe("Exactly the request body of the item type's synchronous route."),
  })
  .meta({ id: "BatchItem" });

export const BATCH_ITEM_EXAMPLE = {
  customId: "reader-1",
  type: "chart",
  params: CHART_INPUT_EXAMPLE,
} as const;

/** A JSONL upload: each line one item (described as the array of the lines). */
export const BatchLinesSchema = z
  .array(BatchItemSchema)
  .min(1)
  .max(50_000)
  .meta({ id: "BatchLines", description: "One BatchItem per line (JSON Lines)." });

export const CreateBatchJsonSchema = z
  .strictObject({
    items: z.array(BatchItemSchema).min(1).max(50_000),
    metadata: BatchMetadataSchema.optional(),
    completionWindow: CompletionWindowSchema.optional(),
  })
  .meta({ id: "CreateBatchRequest" });

export const CreateBatchQuerySchema = z.strictObject({
  completionWindow: CompletionWindowSchema.optional().describe(
    'For a JSONL upload (a JSON body says it in completionWindow): default "24h", at most "168h".',
  ),
});

const Timestamp = z.string().max(40).meta({ example: "2026-12-02T14:00:00.000Z" });

export const BatchSchema = z
  .object({
    id: z.string().max(64).meta({ example: BATCH_ID_EXAMPLE }),
    status: z.enum(BATCH_STATUSES),
    createdAt: Timestamp,
    inProgressAt: Timestamp.optional(),
    finalizingAt: Timestamp.optional(),
    cancellingAt: Timestamp.optional(),
    completedAt: Timestamp.optional(),
    failedAt: Timestamp.optional(),
    expiredAt: Timestamp.optional(),
    cancelledAt: Timestamp.optional(),
    expiresAt: Timestamp.describe("When items not yet done will end expired."),
    completionWindow: z.string().max(16),
    requestCounts: z.object({
      total: z.number().int().min(0).max(50_000),
      completed: z.number().int().min(0).max(50_000),
      failed: z
        .number()
        .int()
        .min(0)
        .max(50_000)
        .describe("Invalid at submission, failed in computation, expired or cancelled."),
    }),
    progressPercent: z.number().min(0).max(100),
    etaSeconds: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Seconds until every item is done at the pace so far (running batches)."),
    metadata: z.record(z.string(), z.string()),
  })
  .meta({ id: "Batch" });

export const BATCH_EXAMPLE = {
  id: BATCH_ID_EXAMPLE,
  status: "in_progress",
  createdAt: "2026-12-02T14:00:00.000Z",
  inProgressAt: "2026-12-02T14:00:01.000Z",
  expiresAt: "2026-12-03T14:00:01.000Z",
  completionWindow: "24h",
  requestCounts: { total: 1000, completed: 400, failed: 2 },
  progressPercent: 40.2,
  etaSeconds: 2,
  metadata: { project: "newsletter-2027" },
} as const;

export const BatchIdParamsSchema = z.strictObject({
  batchId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^batch_[A-Za-z0-9_-]{1,58}$/)
    .meta({ example: BATCH_ID_EXAMPLE }),
});

export const BatchListQuerySchema = PageQuerySchema.extend({
  status: z.enum(BATCH_STATUSES).optional().describe("Only batches in this state."),
});

export const OutcomeQuerySchema = z.strictObject({
  after: z.coerce
    .number()
    .int()
    .min(-1)
    .max(1_000_000)
    .optional()
    .describe(
      "Resume after this item index (the last line's index, or the X-Next-Cursor header of a page cut short); from the first item when left out.",
    ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(50_000)
    .optional()
    .describe("Lines at most (default: every item); X-Next-Cursor says where the next ones start."),
});
