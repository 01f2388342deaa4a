import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { CHART_EXAMPLE, CHART_INPUT_EXAMPLE } from "./astro-examples.js";
import {
  ChartInputSchema,
  ChartSchema,
  ENGINE_FIELD_CODES,
  ENGINE_PROBLEMS,
} from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, SVG_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { CACHE_STATUS_HEADER } from "./engine-route.js";
import { defineRoute } from "./route.js";

/** POST /v1/charts: a natal chart (JSON), or its wheel with Accept: image/svg+xml. */
export function v1ChartsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/charts",
    operationId: "createChart",
    summary: "Compute a natal chart",
    description:
      'Planets, houses, angles, aspects, element/modality balance and the Moon\'s phase for a birth moment and place. The place is latitude and longitude, or a placeId from GET /v1/places; timezone "auto" takes the zone at the coordinates; meta.location says which zone was used and where it came from. Results are cached by their normalized input and engine version (Cache-Status tells whether this one was). Send Accept: image/svg+xml to get the wheel instead (as POST /v1/charts/svg with default options).',
    tags: ["charts"],
    scope: "charts:read",
    request: { body: ChartInputSchema },
    example: { body: CHART_INPUT_EXAMPLE },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The chart.",
        schema: ChartSchema,
        example: CHART_EXAMPLE,
        alternatives: { "image/svg+xml": {} },
        headers: CACHE_STATUS_HEADER,
      },
    },
    handler: async ({ body, request }) => {
      const accept = request.headers.accept;
      const wantsSvg =
        accept?.includes("svg") === true &&
        request.accepts(["application/json", "image/svg+xml"]) === "image/svg+xml";
      const computed = await withEngineErrors(() =>
        wantsSvg ? astrology.svg(body, {}) : astrology.chartJson(body),
      );
      return textResult(payloads, computed, wantsSvg ? SVG_CONTENT_TYPE : JSON_CONTENT_TYPE, {
        vary: "Accept",
      });
    },
  });
}
