import { AYANAMSAS, MAX_MOON_PHASE_RANGE_DAYS, ZODIACS } from "@orrery/astro";
import { z } from "zod";
import { SignSchema } from "./astro-schemas.js";
import { instantSchema, utcSchema } from "./instant-schemas.js";

export const MoonPhasesQuerySchema = z.strictObject({
  from: instantSchema("Start of the range (in a query string, + of an offset as %2B)."),
  to: instantSchema(`End of the range, at most ${MAX_MOON_PHASE_RANGE_DAYS} days after from.`),
  zodiac: z.enum(ZODIACS).optional().describe("Zodiac of the Moon's longitudes; default tropical."),
  ayanamsa: z.enum(AYANAMSAS).optional().describe("Only with zodiac sidereal; default lahiri."),
});

const PhaseEventSchema = z.strictObject({
  type: z.literal("phase"),
  phase: z
    .enum(["new", "firstQuarter", "full", "lastQuarter"])
    .describe("Elongation of the Moon from the Sun: 0°, 90°, 180°, 270°."),
  utc: utcSchema("The instant, to the second."),
  longitude: z.number().min(0).max(360).describe("The Moon's longitude then, degrees."),
  sign: SignSchema,
});

const LunarEclipseSchema = z.strictObject({
  type: z.literal("lunarEclipse"),
  kind: z.enum(["penumbral", "partial", "total"]),
  utc: utcSchema("Greatest eclipse."),
});

const SolarEclipseSchema = z.strictObject({
  type: z.literal("solarEclipse"),
  kind: z.enum(["partial", "annular", "total"]),
  utc: utcSchema("Greatest eclipse."),
  latitude: z
    .number()
    .min(-90)
    .max(90)
    .optional()
    .describe("Where the central line is at greatest eclipse; absent for partial eclipses."),
  longitude: z.number().min(-180).max(180).optional(),
});

export const MoonEventSchema = z
  .discriminatedUnion("type", [PhaseEventSchema, LunarEclipseSchema, SolarEclipseSchema])
  .meta({ id: "MoonEvent" });

export const MoonPhasesSchema = z
  .strictObject({
    from: utcSchema("Start of the range."),
    to: utcSchema("End of the range."),
    events: z.array(MoonEventSchema).describe("Phases and eclipses, ordered by time."),
    meta: z.strictObject({
      engineVersion: z.string(),
      method: z.string().describe("How the instants are found."),
    }),
  })
  .meta({ id: "MoonPhases" });
