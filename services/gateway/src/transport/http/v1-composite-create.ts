import type { AstrologyService } from "@orrery/astro-service";
import { COMPOSITE_EXAMPLE, COMPOSITE_REQUEST_EXAMPLE } from "./astro-examples.js";
import { CompositeRequestSchema, CompositeSchema } from "./composite-schemas.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineJsonRoute } from "./engine-route.js";

/** POST /v1/composite: the relationship chart of two natal charts. */
export function v1CompositeCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineJsonRoute(payloads, {
    path: "/v1/composite",
    operationId: "createComposite",
    summary: "Make a composite or Davison chart of two people",
    description:
      "midpoint: each body at the midpoint of its two natal longitudes on the shorter arc, the midheaven at the midpoint of the two, the ascendant and cusps drawn from it at the mean birth latitude. davison: the real chart of the instant halfway between the births at the mean latitude and the nearer midpoint of the longitudes. Both charts must use the same zodiac.",
    tag: "readings",
    body: CompositeRequestSchema,
    example: { body: COMPOSITE_REQUEST_EXAMPLE },
    response: {
      description: "The composite.",
      schema: CompositeSchema,
      example: COMPOSITE_EXAMPLE,
    },
    compute: ({ body }) => astrology.compositeJson(body.a, body.b, body.method, body.options),
  });
}
