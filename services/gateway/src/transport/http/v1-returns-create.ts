import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { RETURN_EXAMPLE, RETURN_REQUEST_EXAMPLE } from "./astro-examples.js";
import { ENGINE_FIELD_CODES, ENGINE_PROBLEMS } from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { ChartReturnSchema, ReturnRequestSchema } from "./return-schemas.js";
import { defineRoute } from "./route.js";

/** POST /v1/returns: the solar or lunar return nearest a date, and its chart. */
export function v1ReturnsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/returns",
    operationId: "createReturn",
    summary: "Find a solar or lunar return",
    description:
      "The instant nearest `near` at which the Sun (solar) or the Moon (lunar) is back at its natal longitude, found by root finding to under 1″ (in the natal zodiac), and the full chart of that instant at the place given (placeId, or latitude and longitude) or at the birth place.",
    tags: ["charts"],
    scope: "charts:read",
    request: { body: ReturnRequestSchema },
    example: { body: RETURN_REQUEST_EXAMPLE },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The return.",
        schema: ChartReturnSchema,
        example: RETURN_EXAMPLE,
        headers: { "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." } },
      },
    },
    handler: async ({ body }) => {
      const { natal, ...request } = body;
      const result = await withEngineErrors(() => astrology.returnJson(natal, request));
      return textResult(payloads, result, JSON_CONTENT_TYPE);
    },
  });
}
