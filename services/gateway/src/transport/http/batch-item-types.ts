import type { BatchItemType } from "@orrery/astro-service";
import type { Request } from "express";
import type { z } from "zod";
import {
  ChartInputSchema,
  ENGINE_FIELD_CODES,
  SynastryRequestSchema,
  TransitsRequestSchema,
} from "./astro-schemas.js";
import { CompositeRequestSchema } from "./composite-schemas.js";
import { readingLanguage } from "./reading-language.js";
import { ReadingRequestSchema } from "./reading-schemas.js";
import { ProgressionRequestSchema, ReturnRequestSchema } from "./return-schemas.js";
import { TimelineRequestSchema } from "./timeline-schemas.js";

interface BatchItemTypeSpec {
  /** The synchronous route whose body an item's params are. */
  readonly route: string;
  /** That route's body schema: items are validated by exactly it. */
  readonly schema: z.ZodType;
  readonly fieldCodes: Readonly<Record<string, string>>;
  /**
   * What the route takes from the request besides its body, settled at upload (a reading's
   * language from Accept-Language when the item names none).
   */
  readonly settle?: (params: Record<string, unknown>, request: Request) => Record<string, unknown>;
}

/** Every batch item type, with the route whose schema validates its params. */
export const BATCH_ITEM_TYPE_SPECS: Readonly<Record<BatchItemType, BatchItemTypeSpec>> = {
  chart: { route: "POST /v1/charts", schema: ChartInputSchema, fieldCodes: ENGINE_FIELD_CODES },
  svg: { route: "POST /v1/charts/svg", schema: ChartInputSchema, fieldCodes: ENGINE_FIELD_CODES },
  reading: {
    route: "POST /v1/readings",
    schema: ReadingRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
    settle: (params, request) => ({
      ...params,
      language: readingLanguage(request, params.language as Parameters<typeof readingLanguage>[1]),
    }),
  },
  synastry: {
    route: "POST /v1/synastry",
    schema: SynastryRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
  synastrySvg: {
    route: "POST /v1/synastry/svg",
    schema: SynastryRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
  transits: {
    route: "POST /v1/transits",
    schema: TransitsRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
  transitsSvg: {
    route: "POST /v1/transits/svg",
    schema: TransitsRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
  transitsTimeline: {
    route: "POST /v1/transits/timeline",
    schema: TimelineRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
  return: {
    route: "POST /v1/returns",
    schema: ReturnRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
  progressions: {
    route: "POST /v1/progressions",
    schema: ProgressionRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
  composite: {
    route: "POST /v1/composite",
    schema: CompositeRequestSchema,
    fieldCodes: ENGINE_FIELD_CODES,
  },
};
