import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, TRANSITS_AT_EXAMPLE } from "./astro-examples.js";
import {
  BiWheelQuerySchema,
  ENGINE_FIELD_CODES,
  ENGINE_PROBLEMS,
  TransitsRequestSchema,
} from "./astro-schemas.js";
import { SVG_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";

/** POST /v1/transits/svg: the transit bi-wheel as a standalone SVG document. */
export function v1TransitsSvgCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/transits/svg",
    operationId: "renderTransitsSvg",
    summary: "Draw a transit bi-wheel (SVG)",
    description:
      "The natal chart inside, the transiting bodies at `at` in a ring outside it, and their aspects to the natal bodies and angles (the same body as POST /v1/transits).",
    tags: ["readings"],
    scope: "charts:read",
    request: { body: TransitsRequestSchema, query: BiWheelQuerySchema },
    example: {
      body: { natal: CHART_INPUT_EXAMPLE, at: TRANSITS_AT_EXAMPLE },
      query: { theme: "dark" },
    },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: { 200: { description: "The bi-wheel.", contentType: "image/svg+xml" } },
    handler: async ({ body, query }) => {
      const svg = await withEngineErrors(() =>
        astrology.transitsSvg(body.natal, body.at, body.options, query),
      );
      return textResult(payloads, svg, SVG_CONTENT_TYPE);
    },
  });
}
