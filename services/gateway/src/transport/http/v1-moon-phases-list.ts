import type { AstrologyService } from "@orrery/astro-service";
import { withEngineErrors } from "@orrery/astro-service";
import { MOON_PHASES_EXAMPLE, MOON_PHASES_QUERY_EXAMPLE } from "./astro-examples.js";
import { JSON_CONTENT_TYPE, textResult } from "./computed-results.js";
import type { EncodedPayloads } from "./encoded-payloads.js";
import { CACHE_STATUS_HEADER } from "./engine-route.js";
import { MoonPhasesQuerySchema, MoonPhasesSchema } from "./moon-phase-schemas.js";
import { defineRoute } from "./route.js";

/** GET /v1/moon-phases: the lunation's four phases and the eclipses in a range. */
export function v1MoonPhasesList(astrology: AstrologyService, payloads: EncodedPayloads) {
  return defineRoute({
    method: "GET",
    path: "/v1/moon-phases",
    operationId: "listMoonPhases",
    summary: "List moon phases and eclipses",
    description:
      "New, first-quarter, full and last-quarter Moons (the instants the Moon's elongation from the Sun is 0°, 90°, 180° and 270°, to the second, with the Moon's longitude and sign) and the lunar and solar eclipses (greatest eclipse), in a range of at most 366 days, ordered by time.",
    tags: ["charts"],
    scope: "charts:read",
    cacheControl: "private, max-age=86400",
    request: { query: MoonPhasesQuerySchema },
    example: { query: MOON_PHASES_QUERY_EXAMPLE },
    problems: ["INVALID_RANGE", "RANGE_TOO_LONG", "DATE_OUT_OF_RANGE", "INVALID_OPTION"],
    responses: {
      200: {
        description: "The phases and eclipses.",
        schema: MoonPhasesSchema,
        example: MOON_PHASES_EXAMPLE,
        headers: CACHE_STATUS_HEADER,
      },
    },
    handler: async ({ query }) => {
      const phases = await withEngineErrors(() =>
        astrology.moonPhasesJson({
          from: query.from,
          to: query.to,
          ...(query.zodiac === undefined ? {} : { zodiac: query.zodiac }),
          ...(query.ayanamsa === undefined ? {} : { ayanamsa: query.ayanamsa }),
        }),
      );
      return textResult(payloads, phases, JSON_CONTENT_TYPE);
    },
  });
}
