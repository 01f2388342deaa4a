import type { AstrologyService } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, PARTNER_INPUT_EXAMPLE, SYNASTRY_EXAMPLE } from "./astro-examples.js";
import { SynastryRequestSchema, SynastrySchema } from "./astro-schemas.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineJsonRoute } from "./engine-route.js";

/** POST /v1/synastry: aspects between two people's charts, house overlays and compatibility. */
export function v1SynastryCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineJsonRoute(payloads, {
    path: "/v1/synastry",
    operationId: "createSynastry",
    summary: "Compare two natal charts (synastry)",
    description:
      "Every aspect from a body of a to a body of b, each chart's bodies in the other's houses, and a compatibility score (0–100) with the factors it was computed from and its method.",
    tag: "readings",
    body: SynastryRequestSchema,
    example: { body: { a: CHART_INPUT_EXAMPLE, b: PARTNER_INPUT_EXAMPLE } },
    response: { description: "The synastry.", schema: SynastrySchema, example: SYNASTRY_EXAMPLE },
    compute: ({ body }) => astrology.synastryJson(body.a, body.b, body.options),
  });
}
