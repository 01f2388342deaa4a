import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { COMPOSITE_EXAMPLE, COMPOSITE_REQUEST_EXAMPLE } from "./astro-examples.js";
import { ENGINE_FIELD_CODES, ENGINE_PROBLEMS } from "./astro-schemas.js";
import { CompositeRequestSchema, CompositeSchema } from "./composite-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";

/** POST /v1/composite: the relationship chart of two natal charts. */
export function v1CompositeCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/composite",
    operationId: "createComposite",
    summary: "Make a composite or Davison chart of two people",
    description:
      "midpoint: each body at the midpoint of its two natal longitudes on the shorter arc, the midheaven at the midpoint of the two, the ascendant and cusps drawn from it at the mean birth latitude. davison: the real chart of the instant halfway between the births at the mean latitude and the nearer midpoint of the longitudes. Both charts must use the same zodiac.",
    tags: ["readings"],
    scope: "charts:read",
    request: { body: CompositeRequestSchema },
    example: { body: COMPOSITE_REQUEST_EXAMPLE },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The composite.",
        schema: CompositeSchema,
        example: COMPOSITE_EXAMPLE,
        headers: { "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." } },
      },
    },
    handler: async ({ body }) => {
      const result = await withEngineErrors(() =>
        astrology.compositeJson(body.a, body.b, body.method, body.options),
      );
      return textResult(payloads, result, JSON_CONTENT_TYPE);
    },
  });
}
