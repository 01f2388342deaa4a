import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { z } from "zod";
import { CHART_INPUT_EXAMPLE } from "./astro-examples.js";
import {
  ChartInputSchema,
  ENGINE_FIELD_CODES,
  ENGINE_PROBLEMS,
  exactlyOneOf,
} from "./astro-schemas.js";
import { defineRoute } from "./route.js";

const InvalidationRequestSchema = z
  .strictObject({
    input: ChartInputSchema.optional().describe("Drop the cached chart of this input."),
    all: z.literal(true).optional().describe("Drop every cached result."),
  })
  .superRefine((value, context) => {
    if ((value.input === undefined) === (value.all === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["input"],
        message: "Give exactly one of input or all.",
      });
    }
  })
  .meta({ id: "CacheInvalidationRequest", override: exactlyOneOf("input", "all") });

const InvalidationSchema = z
  .strictObject({ invalidated: z.enum(["chart", "all"]) })
  .meta({ id: "CacheInvalidation" });

/**
 * POST /v1/cache/invalidations (admin): drops cached results on every gateway replica within
 * a second (over the cache bus), e.g. after an engine fix that keeps its version number.
 */
export function v1CacheInvalidationsCreate(astrology: AstrologyService) {
  return defineRoute({
    method: "POST",
    path: "/v1/cache/invalidations",
    operationId: "createCacheInvalidation",
    summary: "Drop cached results on every replica (admin)",
    tags: ["admin"],
    scope: "admin",
    request: { body: InvalidationRequestSchema },
    example: { body: { input: CHART_INPUT_EXAMPLE } },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "Dropped here; other replicas drop it within a second.",
        schema: InvalidationSchema,
        example: { invalidated: "chart" },
      },
    },
    handler: async ({ body }) => {
      if (body.input !== undefined) {
        const input = body.input;
        await withEngineErrors(() => astrology.invalidateChart(input), "input.");
        return { json: { invalidated: "chart" } };
      }
      await astrology.invalidateAll();
      return { json: { invalidated: "all" } };
    },
  });
}
