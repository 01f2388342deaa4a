import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { PROGRESSION_REQUEST_EXAMPLE, PROGRESSIONS_EXAMPLE } from "./astro-examples.js";
import { ENGINE_FIELD_CODES, ENGINE_PROBLEMS } from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { ProgressionRequestSchema, ProgressionsSchema } from "./return-schemas.js";
import { defineRoute } from "./route.js";

/** POST /v1/progressions: secondary progressions of a natal chart to a date. */
export function v1ProgressionsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/progressions",
    operationId: "createProgressions",
    summary: "Progress a natal chart (secondary progressions)",
    description:
      "The planets of the day as many days after birth as the native is years old at `date` (a day for a year of 365.24219 days); the angles by the solar-arc MC method: the natal midheaven advanced by the progressed Sun's arc, the ascendant and cusps drawn from it at the birth latitude. `method` states it.",
    tags: ["charts"],
    scope: "charts:read",
    request: { body: ProgressionRequestSchema },
    example: { body: PROGRESSION_REQUEST_EXAMPLE },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The progressions.",
        schema: ProgressionsSchema,
        example: PROGRESSIONS_EXAMPLE,
        headers: { "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." } },
      },
    },
    handler: async ({ body }) => {
      const result = await withEngineErrors(() =>
        astrology.progressionsJson(body.natal, body.date),
      );
      return textResult(payloads, result, JSON_CONTENT_TYPE);
    },
  });
}
