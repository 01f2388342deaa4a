import type { AstrologyService } from "@orrery/astro-service";
import { PROGRESSION_REQUEST_EXAMPLE, PROGRESSIONS_EXAMPLE } from "./astro-examples.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineJsonRoute } from "./engine-route.js";
import { ProgressionRequestSchema, ProgressionsSchema } from "./return-schemas.js";

/** POST /v1/progressions: secondary progressions of a natal chart to a date. */
export function v1ProgressionsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineJsonRoute(payloads, {
    path: "/v1/progressions",
    operationId: "createProgressions",
    summary: "Progress a natal chart (secondary progressions)",
    description:
      "The planets of the day as many days after birth as the native is years old at `date` (a day for a year of 365.24219 days); the angles by the solar-arc MC method: the natal midheaven advanced by the progressed Sun's arc, the ascendant and cusps drawn from it at the birth latitude. `method` states it.",
    body: ProgressionRequestSchema,
    example: { body: PROGRESSION_REQUEST_EXAMPLE },
    response: {
      description: "The progressions.",
      schema: ProgressionsSchema,
      example: PROGRESSIONS_EXAMPLE,
    },
    compute: ({ body }) => astrology.progressionsJson(body.natal, body.date),
  });
}
