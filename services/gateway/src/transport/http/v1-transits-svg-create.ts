import type { AstrologyService } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, TRANSITS_AT_EXAMPLE } from "./astro-examples.js";
import { BiWheelQuerySchema, TransitsRequestSchema } from "./astro-schemas.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineSvgRoute } from "./engine-route.js";

/** POST /v1/transits/svg: the transit bi-wheel as a standalone SVG document. */
export function v1TransitsSvgCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineSvgRoute(payloads, {
    path: "/v1/transits/svg",
    operationId: "renderTransitsSvg",
    summary: "Draw a transit bi-wheel (SVG)",
    description:
      "The natal chart inside, the transiting bodies at `at` in a ring outside it, and their aspects to the natal bodies and angles (the same body as POST /v1/transits).",
    tag: "readings",
    body: TransitsRequestSchema,
    query: BiWheelQuerySchema,
    example: {
      body: { natal: CHART_INPUT_EXAMPLE, at: TRANSITS_AT_EXAMPLE },
      query: { theme: "dark" },
    },
    response: { description: "The bi-wheel." },
    compute: ({ body, query }) => astrology.transitsSvg(body.natal, body.at, body.options, query),
  });
}
