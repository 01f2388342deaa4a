import type { AstrologyService } from "../../domain/astrology.js";
import { SynastryRequestSchema, SynastrySchema } from "./astro-schemas.js";
import { withEngineErrors } from "./engine-errors.js";
import { defineRoute } from "./route.js";

/** POST /v1/synastry: aspects between two people's charts and their house overlays. */
export function v1SynastryCreate(astrology: AstrologyService) {
  return defineRoute({
    method: "POST",
    path: "/v1/synastry",
    operationId: "createSynastry",
    summary: "Compare two natal charts (synastry)",
    description:
      "Every aspect from a body of a to a body of b, and each chart's bodies in the other's houses.",
    tags: ["readings"],
    scope: "charts:read",
    cost: 2,
    request: { body: SynastryRequestSchema },
    responses: { 200: { description: "The synastry.", schema: SynastrySchema } },
    handler: async ({ body }) => {
      const synastry = await withEngineErrors(() =>
        astrology.synastryJson(body.a, body.b, body.options),
      );
      return { contentType: "application/json; charset=utf-8", payload: synastry.value };
    },
  });
}
