import type { AstrologyService } from "../../domain/astrology.js";
import { TransitsRequestSchema, TransitsSchema } from "./astro-schemas.js";
import { withEngineErrors } from "./engine-errors.js";
import { defineRoute } from "./route.js";

/** POST /v1/transits: where the planets are at a moment, relative to a natal chart. */
export function v1TransitsCreate(astrology: AstrologyService) {
  return defineRoute({
    method: "POST",
    path: "/v1/transits",
    operationId: "createTransits",
    summary: "Transits to a natal chart",
    description:
      "The transiting bodies at `at`, the natal house each passes through, and their aspects to natal bodies and angles.",
    tags: ["readings"],
    scope: "charts:read",
    cost: 2,
    request: { body: TransitsRequestSchema },
    responses: { 200: { description: "The transits.", schema: TransitsSchema } },
    handler: async ({ body }) => {
      const transits = await withEngineErrors(() =>
        astrology.transitsJson(body.natal, body.at, body.options),
      );
      return { contentType: "application/json; charset=utf-8", payload: transits.value };
    },
  });
}
