import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE } from "./astro-examples.js";
import {
  ChartInputSchema,
  ENGINE_FIELD_CODES,
  ENGINE_PROBLEMS,
  SvgQuerySchema,
} from "./astro-schemas.js";
import { SVG_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";

/** POST /v1/charts/svg: the chart wheel as a standalone SVG document. */
export function v1ChartsSvgCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/charts/svg",
    operationId: "renderChartSvg",
    summary: "Draw a natal chart wheel (SVG)",
    description:
      "Zodiac ring, house cusps (when the time is known), planet glyphs and aspect lines.",
    tags: ["charts"],
    scope: "charts:read",
    request: { body: ChartInputSchema, query: SvgQuerySchema },
    example: { body: CHART_INPUT_EXAMPLE, query: { theme: "dark", size: 800 } },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: { description: "The wheel.", contentType: "image/svg+xml" },
    },
    handler: async ({ body, query }) => {
      const svg = await withEngineErrors(() => astrology.svg(body, query));
      return textResult(payloads, svg, SVG_CONTENT_TYPE);
    },
  });
}
