import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH } from "@orrery/places";
import { z } from "zod";

/** A GeoNames id as the place routes give it out (and chart inputs take it back). */
export const PLACE_ID_PATTERN = /^[1-9][0-9]{0,9}$/;

export const PlaceIdSchema = z
  .string()
  .regex(PLACE_ID_PATTERN, "must be a place id from GET /v1/places (digits)")
  .describe('A place id from GET /v1/places (its GeoNames id), e.g. "2267057" for Lisbon.');

export const PlaceSchema = z
  .strictObject({
    id: PlaceIdSchema,
    name: z.string(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe("ISO 3166-1 alpha-2 code."),
    admin1: z
      .string()
      .nullable()
      .describe('GeoNames first-level division code ("27" for São Paulo state, "NY"), or null.'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    timezone: z.string().describe("The place's IANA zone."),
    population: z.number().int().min(0),
  })
  .meta({ id: "Place", description: "A city or town (GeoNames, population ≥ 1,000)." });

const AttributionSchema = z
  .string()
  .describe("Credit the data's licences ask for: show it wherever the results appear.");

export const PlaceSearchQuerySchema = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(MAX_QUERY_LENGTH)
    .describe(
      "The start of a city's name or of any later word of it, any case, accents optional (Sao Paulo finds São Paulo).",
    ),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be two letters")
    .optional()
    .describe("Only cities of this country (ISO 3166-1 alpha-2, e.g. PT)."),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .optional()
    .describe(`Most results to return; default ${DEFAULT_LIMIT}.`),
});

export const PlaceListSchema = z
  .strictObject({
    places: z
      .array(PlaceSchema)
      .describe("Ranked by population; an exact name counts ten times its population."),
    attribution: AttributionSchema,
  })
  .meta({ id: "PlaceList" });

export const PlaceParamsSchema = z.strictObject({ placeId: PlaceIdSchema });

export const PlaceResultSchema = z
  .strictObject({ place: PlaceSchema, attribution: AttributionSchema })
  .meta({ id: "PlaceResult" });
