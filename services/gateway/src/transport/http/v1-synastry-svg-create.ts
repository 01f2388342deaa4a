import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, PARTNER_INPUT_EXAMPLE } from "./astro-examples.js";
import {
  BiWheelQuerySchema,
  ENGINE_FIELD_CODES,
  ENGINE_PROBLEMS,
  SynastryRequestSchema,
} from "./astro-schemas.js";
import { SVG_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";

/** POST /v1/synastry/svg: the synastry bi-wheel as a standalone SVG document. */
export function v1SynastrySvgCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/synastry/svg",
    operationId: "renderSynastrySvg",
    summary: "Draw a synastry bi-wheel (SVG)",
    description:
      "Chart a inside with its houses, chart b's bodies in a ring outside it, and the synastry aspects between them (the same body as POST /v1/synastry).",
    tags: ["readings"],
    scope: "charts:read",
    request: { body: SynastryRequestSchema, query: BiWheelQuerySchema },
    example: {
      body: { a: CHART_INPUT_EXAMPLE, b: PARTNER_INPUT_EXAMPLE },
      query: { theme: "light" },
    },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: { 200: { description: "The bi-wheel.", contentType: "image/svg+xml" } },
    handler: async ({ body, query }) => {
      const svg = await withEngineErrors(() =>
        astrology.synastrySvg(body.a, body.b, body.options, query),
      );
      return textResult(payloads, svg, SVG_CONTENT_TYPE);
    },
  });
}
