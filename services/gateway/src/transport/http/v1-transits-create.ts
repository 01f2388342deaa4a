import type { AstrologyService } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, TRANSITS_AT_EXAMPLE, TRANSITS_EXAMPLE } from "./astro-examples.js";
import { TransitsRequestSchema, TransitsSchema } from "./astro-schemas.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineEngineJsonRoute } from "./engine-route.js";

/** POST /v1/transits: where the planets are at a moment, relative to a natal chart. */
export function v1TransitsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineEngineJsonRoute(payloads, {
    path: "/v1/transits",
    operationId: "createTransits",
    summary: "Transits to a natal chart",
    description:
      "The transiting bodies at `at`, the natal house each passes through, and their aspects to natal bodies and angles.",
    tag: "readings",
    body: TransitsRequestSchema,
    example: { body: { natal: CHART_INPUT_EXAMPLE, at: TRANSITS_AT_EXAMPLE } },
    response: { description: "The transits.", schema: TransitsSchema, example: TRANSITS_EXAMPLE },
    compute: ({ body }) => astrology.transitsJson(body.natal, body.at, body.options),
  });
}
