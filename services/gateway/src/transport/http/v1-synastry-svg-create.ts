import type { AstrologyService } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, PARTNER_INPUT_EXAMPLE } from "./astro-examples.js";
import { BiWheelQuerySchema, SynastryRequestSchema } from "./astro-schemas.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineSvgRoute } from "./engine-route.js";

/** POST /v1/synastry/svg: the synastry bi-wheel as a standalone SVG document. */
export function v1SynastrySvgCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineSvgRoute(payloads, {
    path: "/v1/synastry/svg",
    operationId: "renderSynastrySvg",
    summary: "Draw a synastry bi-wheel (SVG)",
    description:
      "Chart a inside with its houses, chart b's bodies in a ring outside it, and the synastry aspects between them (the same body as POST /v1/synastry).",
    tag: "readings",
    body: SynastryRequestSchema,
    query: BiWheelQuerySchema,
    example: {
      body: { a: CHART_INPUT_EXAMPLE, b: PARTNER_INPUT_EXAMPLE },
      query: { theme: "light" },
    },
    response: { description: "The bi-wheel." },
    compute: ({ body, query }) => astrology.synastrySvg(body.a, body.b, body.options, query),
  });
}
