import type { Chart } from "@orrery/astro";
import type { AstrologyService, ChartRequestInput, Computed } from "@orrery/astro-service";
import { timelineOptions, withEngineErrors } from "@orrery/astro-service";
import {
  CHART_INPUT_EXAMPLE,
  READING_EXAMPLE,
  READING_SECTIONS_EXAMPLE,
} from "./astro-examples.js";
import { ENGINE_FIELD_CODES, ENGINE_PROBLEMS } from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { CACHE_STATUS_HEADER } from "./engine-route.js";
import { readingLanguage } from "./reading-language.js";
import { ReadingRequestSchema, ReadingResultSchema } from "./reading-schemas.js";
import { defineRoute } from "./route.js";

/** POST /v1/readings: a natal, synastry or transit reading, in English, Spanish or Portuguese. */
export function v1ReadingsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/readings",
    operationId: "createReading",
    summary: "Write a reading (natal, synastry or transits)",
    description:
      "Sections of paragraphs, each naming the placements it was drawn from. kind natal (the default): birth data as `input` (the chart is computed and cached) or a chart from POST /v1/charts as `chart`. kind synastry: two charts `a` and `b`, opening with their compatibility score. kind transits: a natal chart and a range (as POST /v1/transits/timeline takes them). The language is the body's `language`, else the best match of Accept-Language, else en; Content-Language names the one served.",
    tags: ["readings"],
    scope: "charts:read",
    request: { body: ReadingRequestSchema },
    example: { body: { input: CHART_INPUT_EXAMPLE, sections: READING_SECTIONS_EXAMPLE } },
    problems: [...ENGINE_PROBLEMS, "INVALID_CHART", "INVALID_RANGE", "RANGE_TOO_LONG"],
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The reading.",
        schema: ReadingResultSchema,
        example: READING_EXAMPLE,
        headers: {
          ...CACHE_STATUS_HEADER,
          "Content-Language": { description: "The reading's language: en, es or pt." },
        },
      },
    },
    handler: async ({ body, request }) => {
      const language = readingLanguage(request, body.language);
      let reading: Promise<Computed<string>>;
      // Errors about an input of several come named by the domain (a., b., natal.).
      let prefix = "";
      if (body.kind === "synastry") {
        reading = astrology.synastryReadingJson(body.a, body.b, body.names, language);
      } else if (body.kind === "transits") {
        reading = astrology.transitReadingJson(body.natal, timelineOptions(body), language);
      } else if (body.chart !== undefined) {
        reading = astrology.readingJson({ chart: body.chart as Chart }, body.sections, language);
      } else {
        const input = body.input as ChartRequestInput;
        reading = astrology.readingJson({ input }, body.sections, language);
        prefix = "input.";
      }
      return textResult(
        payloads,
        await withEngineErrors(() => reading, prefix),
        JSON_CONTENT_TYPE,
        {
          "content-language": language,
          vary: "Accept-Language",
        },
      );
    },
  });
}
