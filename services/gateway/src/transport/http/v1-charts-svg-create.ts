import type { AstrologyService } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE } from "./astro-examples.js";
import { ChartInputSchema, SvgQuerySchema } from "./astro-schemas.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineSvgRoute } from "./engine-route.js";

/** POST /v1/charts/svg: the chart wheel as a standalone SVG document. */
export function v1ChartsSvgCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineSvgRoute(payloads, {
    path: "/v1/charts/svg",
    operationId: "renderChartSvg",
    summary: "Draw a natal chart wheel (SVG)",
    description:
      "Zodiac ring, house cusps (when the time is known), planet glyphs and aspect lines.",
    body: ChartInputSchema,
    query: SvgQuerySchema,
    example: { body: CHART_INPUT_EXAMPLE, query: { theme: "dark", size: 800 } },
    response: { description: "The wheel." },
    compute: ({ body, query }) => astrology.svg(body, query),
  });
}
