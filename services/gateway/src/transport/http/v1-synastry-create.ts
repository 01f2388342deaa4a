import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { CHART_INPUT_EXAMPLE, PARTNER_INPUT_EXAMPLE, SYNASTRY_EXAMPLE } from "./astro-examples.js";
import {
  ENGINE_FIELD_CODES,
  ENGINE_PROBLEMS,
  SynastryRequestSchema,
  SynastrySchema,
} from "./astro-schemas.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";

/** POST /v1/synastry: aspects between two people's charts, house overlays and compatibility. */
export function v1SynastryCreate(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "POST",
    path: "/v1/synastry",
    operationId: "createSynastry",
    summary: "Compare two natal charts (synastry)",
    description:
      "Every aspect from a body of a to a body of b, each chart's bodies in the other's houses, and a compatibility score (0–100) with the factors it was computed from and its method.",
    tags: ["readings"],
    scope: "charts:read",
    request: { body: SynastryRequestSchema },
    example: { body: { a: CHART_INPUT_EXAMPLE, b: PARTNER_INPUT_EXAMPLE } },
    problems: ENGINE_PROBLEMS,
    fieldCodes: ENGINE_FIELD_CODES,
    responses: {
      200: {
        description: "The synastry.",
        schema: SynastrySchema,
        example: SYNASTRY_EXAMPLE,
        headers: { "Cache-Status": { description: "RFC 9211: hit, or fwd=miss; stored." } },
      },
    },
    handler: async ({ body }) => {
      const synastry = await withEngineErrors(() =>
        astrology.synastryJson(body.a, body.b, body.options),
      );
      return textResult(payloads, synastry, JSON_CONTENT_TYPE);
    },
  });
}
