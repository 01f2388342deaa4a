import type { AstrologyService } from "@orrery/astro-service";
import { RETURN_EXAMPLE, RETURN_REQUEST_EXAMPLE } from "./astro-examples.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineJsonRoute } from "./engine-route.js";
import { ChartReturnSchema, ReturnRequestSchema } from "./return-schemas.js";

/** POST /v1/returns: the solar or lunar return nearest a date, and its chart. */
export function v1ReturnsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineJsonRoute(payloads, {
    path: "/v1/returns",
    operationId: "createReturn",
    summary: "Find a solar or lunar return",
    description:
      "The instant nearest `near` at which the Sun (solar) or the Moon (lunar) is back at its natal longitude, found by root finding to under 1″ (in the natal zodiac), and the full chart of that instant at the place given (placeId, or latitude and longitude) or at the birth place.",
    body: ReturnRequestSchema,
    example: { body: RETURN_REQUEST_EXAMPLE },
    response: { description: "The return.", schema: ChartReturnSchema, example: RETURN_EXAMPLE },
    compute: ({ body: { natal, ...request } }) => astrology.returnJson(natal, request),
  });
}
