import { withEngineErrors } from "@orrery/astro-service";
import { getPlace, PLACES_ATTRIBUTION } from "@orrery/places";
import { PLACE_ID_EXAMPLE, PLACE_RESULT_EXAMPLE } from "./astro-examples.js";
import { PlaceParamsSchema, PlaceResultSchema } from "./place-schemas.js";
import { defineRoute } from "./route.js";

/** GET /v1/places/{placeId}: one place by its id (as search results and chart inputs name it). */
export function v1PlacesGet() {
  return defineRoute({
    method: "GET",
    path: "/v1/places/{placeId}",
    operationId: "getPlace",
    summary: "Get a place",
    description:
      "A place by its GeoNames id: name, country, first-level division, coordinates, time zone and population, with the data's attribution.",
    tags: ["places"],
    scope: "charts:read",
    cacheControl: "private, max-age=86400",
    request: { params: PlaceParamsSchema },
    example: { params: { placeId: PLACE_ID_EXAMPLE } },
    problems: ["PLACE_NOT_FOUND"],
    responses: {
      200: { description: "The place.", schema: PlaceResultSchema, example: PLACE_RESULT_EXAMPLE },
    },
    handler: async ({ params }) => {
      const place = await withEngineErrors(async () => getPlace(params.placeId));
      return { json: { place, attribution: PLACES_ATTRIBUTION } };
    },
  });
}
