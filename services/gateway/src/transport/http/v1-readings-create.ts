import type { Chart, ChartInput } from "@orrery/astro";
import type { AstrologyService } from "../../domain/astrology.js";
import { ReadingRequestSchema, ReadingSchema } from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { withEngineErrors } from "./engine-errors.js";
import { defineRoute } from "./route.js";

/** POST /v1/readings: an English natal reading of birth data or of a chart. */
export function v1ReadingsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/readings",
    operationId: "createReading",
    summary: "Write a natal reading",
    description:
      "Sections of paragraphs, each naming the placements it was drawn from. Give birth data as `input` (the chart is computed and cached) or a chart from POST /v1/charts as `chart`.",
    tags: ["readings"],
    scope: "charts:read",
    cost: 2,
    request: { body: ReadingRequestSchema },
    responses: {
      200: {
        description: "The reading.",
        schema: ReadingSchema,
        headers: { "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." } },
      },
    },
    handler: async ({ body }) => {
      const source =
        body.chart === undefined
          ? { input: body.input as ChartInput }
          : { chart: body.chart as Chart };
      const reading = await withEngineErrors(
        () => astrology.readingJson(source, body.sections),
        "chart" in source ? "" : "input.",
      );
      return textResult(payloads, reading, JSON_CONTENT_TYPE);
    },
  });
}
