import { withEngineErrors } from "@orrery/astro-service";
import { PLACES_ATTRIBUTION, searchPlaces } from "@orrery/places";
import { PLACE_LIST_EXAMPLE, PLACE_SEARCH_EXAMPLE } from "./astro-examples.js";
import { PlaceListSchema, PlaceSearchQuerySchema } from "./place-schemas.js";
import { defineRoute } from "./route.js";

/**
 * GET /v1/places: cities by the start of their name. Not through the result cache: the
 * in-memory index answers in microseconds, faster than a cache's Redis round trip.
 */
export function v1PlacesList() {
  return defineRoute({
    method: "GET",
    path: "/v1/places",
    operationId: "searchPlaces",
    summary: "Search cities and towns",
    description:
      "Every populated place of at least 1,000 inhabitants (GeoNames), by the start of its name or of a later word of it, accents and case ignored (Sao Paulo finds São Paulo; St and Saint are alike), ranked by population. Give a result's id as the placeId of any chart input. The data is © GeoNames (CC BY 4.0) and the time zone boundaries © timezone-boundary-builder (ODbL): show `attribution` with the results.",
    tags: ["places"],
    scope: "charts:read",
    cacheControl: "private, max-age=86400",
    request: { query: PlaceSearchQuerySchema },
    example: { query: PLACE_SEARCH_EXAMPLE },
    problems: ["INVALID_QUERY", "UNKNOWN_COUNTRY"],
    responses: {
      200: {
        description: "The places found.",
        schema: PlaceListSchema,
        example: PLACE_LIST_EXAMPLE,
      },
    },
    handler: async ({ query }) => {
      const places = await withEngineErrors(async () =>
        searchPlaces({
          query: query.q,
          ...(query.country === undefined ? {} : { country: query.country.toUpperCase() }),
          ...(query.limit === undefined ? {} : { limit: query.limit }),
        }),
      );
      return { json: { places, attribution: PLACES_ATTRIBUTION } };
    },
  });
}
