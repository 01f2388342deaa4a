import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, TRANSITS_AT_EXAMPLE, TRANSITS_EXAMPLE } from "./astro-examples.js";
import {
  ENGINE_FIELD_CODES,
  ENGINE_PROBLEMS,
  TransitsRequestSchema,
  TransitsSchema,
} from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";

/** POST /v1/transits: where the planets are at a moment, relative to a natal chart. */
export function v1TransitsCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/transits",
    operationId: "createTransits",
    summary: "Transits to a natal chart",
    description:
      "The transiting bodies at `at`, the natal house each passes through, and their aspects to natal bodies and angles.",
    tags: ["readings"],
    scope: "charts:read",
    request: { body: TransitsRequestSchema },
    example: { body: { natal: CHART_INPUT_EXAMPLE, at: TRANSITS_AT_EXAMPLE } },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The transits.",
        schema: TransitsSchema,
        example: TRANSITS_EXAMPLE,
        headers: { "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." } },
      },
    },
    handler: async ({ body }) => {
      const transits = await withEngineErrors(() =>
        astrology.transitsJson(body.natal, body.at, body.options),
      );
      return textResult(payloads, transits, JSON_CONTENT_TYPE);
    },
  });
}
