import { PROGRESSION_YEAR_DAYS, RETURN_TYPES } from "@orrery/astro";
import { z } from "zod";
import { ChartInputSchema, ChartSchema, WarningSchema } from "./astro-schemas.js";
import { instantSchema, utcSchema } from "./instant-schemas.js";
import { PlaceIdSchema } from "./place-schemas.js";

export const ReturnRequestSchema = z
  .strictObject({
    natal: ChartInputSchema,
    type: z
      .enum(RETURN_TYPES)
      .describe("solar: the Sun back at its natal longitude; lunar: the Moon."),
    near: instantSchema("The return nearest this instant is found."),
    placeId: PlaceIdSchema.optional().describe(
      "Cast the return chart at this place (its zone unless timezone or utcOffset is given).",
    ),
    latitude: z
      .number()
      .min(-90)
      .max(90)
      .optional()
      .describe("Cast the return chart here (with longitude); default the birth place."),
    longitude: z.number().min(-180).max(180).optional(),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe(
        "Zone the return chart's wall time is shown in, or \"auto\" for the zone at the coordinates; default the place's (or the birth) zone, else UTC.",
      ),
    utcOffset: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}(:\d{2})?$/, "must look like +05:30")
      .optional()
      .describe("A fixed offset instead of a zone."),
  })
  .meta({
    id: "ReturnRequest",
    description:
      'A place for the return chart is optional: placeId, or latitude and longitude (with timezone, "auto" or utcOffset); without one the chart is cast at the birth place and zone.',
  });

export const ChartReturnSchema = z
  .strictObject({
    type: z.enum(RETURN_TYPES),
    utc: utcSchema("The exact instant of the return, to the millisecond."),
    natalLongitude: z
      .number()
      .min(0)
      .max(360)
      .describe("The natal longitude the Sun or Moon returns to, in the natal zodiac."),
    chart: ChartSchema.describe("The chart of the return instant at the place asked for."),
    meta: z.strictObject({
      engineVersion: z.string(),
      method: z.string(),
      warnings: z.array(WarningSchema),
    }),
  })
  .meta({ id: "ChartReturn" });

export const ProgressionRequestSchema = z
  .strictObject({
    natal: ChartInputSchema,
    date: instantSchema("The date (or instant) the chart is progressed to."),
  })
  .meta({ id: "ProgressionRequest" });

export const ProgressionsSchema = z
  .strictObject({
    date: utcSchema("The date progressed to, as an instant."),
    progressedUtc: utcSchema(
      "The instant whose planets are the progressed planets: birth plus one day per year of age.",
    ),
    ageYears: z.number().describe("Years from birth to date (negative before birth)."),
    solarArc: z
      .number()
      .min(0)
      .max(360)
      .nullable()
      .describe(
        "Progressed Sun minus natal Sun, degrees: the arc the angles are advanced by; null without a birth time.",
      ),
    method: z.strictObject({
      positions: z.literal("secondary"),
      yearDays: z
        .literal(PROGRESSION_YEAR_DAYS)
        .describe("Days of the year that one day after birth stands for."),
      angles: z
        .literal("solarArcMc")
        .nullable()
        .describe(
          "solarArcMc: the natal midheaven advanced by the solar arc; null without a birth time.",
        ),
      description: z.string(),
    }),
    chart: ChartSchema.describe(
      "The progressed planets; angles and houses (when the birth time is known) by solar arc.",
    ),
    meta: z.strictObject({ engineVersion: z.string() }),
  })
  .meta({ id: "Progressions" });
