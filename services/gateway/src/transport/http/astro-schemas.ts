import {
  ASPECT_TYPES,
  AYANAMSAS,
  BODY_IDS,
  COMPATIBILITY_THEMES,
  ELEMENTS,
  HOUSE_SYSTEMS,
  MAX_ORB,
  MODALITIES,
  MOON_PHASE_NAMES,
  PLANET_IDS,
  SIGNS,
  ZODIACS,
} from "@orrery/astro";
import type { ChartRequestInput } from "@orrery/astro-service";
import type { ErrorCode } from "@orrery/errors";
import { z } from "zod";
import { PlaceIdSchema, PlaceSchema } from "./place-schemas.js";

/** JSON Schema for "exactly one of these members": zod refines it, the document states it. */
export function exactlyOneOf(...members: string[]) {
  return ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
    jsonSchema.oneOf = members.map((member) => ({ required: [member] }));
  };
}

/**
 * The public JSON shapes of the astrology routes. Request schemas validate every request
 * (unknown fields rejected); response schemas document the engine's output, and the
 * integration tests parse real responses with them, so the OpenAPI document cannot drift
 * from what the API sends.
 */

/**
 * The engine's output is given back to it (a reading of a chart), so its numbers carry their
 * real ranges too: what the document promises a chart holds, and what a chart sent back may hold.
 */
const longitude = () => z.number().min(0).max(360);
const degrees = (description: string) => longitude().describe(description);
const signDegrees = () => z.number().min(0).max(30);
const eclipticLatitude = () => z.number().min(-90).max(90);
/** The Moon moves about 15° a day; nothing the engine places moves faster than 20. */
const dailySpeed = () => z.number().min(-20).max(20);
/** Element and modality weights: a sum of per-body weights, 0 up to a few dozen. */
const weight = () => z.number().min(0).max(1_000);

/**
 * ISO 8601 as the engine reads it: a date, then optionally a time, then optionally Z or an offset
 * (ASCII digits only: [0-9], not \d, which other regex dialects read as any Unicode digit). What a
 * pattern cannot say (Feb 30, a local time a zone skips, the 1800-2200 range in UTC) the engine
 * answers with a 422 and its code.
 */
const DATETIME_PATTERN =
  "^(1[89][0-9]{2}|2[0-2][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.,][0-9]{1,9})?)?(Z|z|[+-](0[0-9]|1[0-8]):[0-5][0-9](:[0-5][0-9])?)?)?$";
const UTC_OFFSET_PATTERN = "^[+-](0[0-9]|1[0-8]):[0-5][0-9](:[0-5][0-9])?$";
/** An IANA zone name's shape ("Europe/London", "America/Argentina/Buenos_Aires", "UTC"). */
const TIMEZONE_PATTERN = "^[A-Za-z][A-Za-z0-9_+-]{0,29}(/[A-Za-z0-9_+-]{1,30}){0,2}$";

/**
 * The engine's code for a bad value of each chart-input field: a value the schema already
 * refuses carries it in errors[] too, as one only the engine can refuse does.
 */
export const ENGINE_FIELD_CODES: Readonly<Record<string, ErrorCode>> = {
  datetime: "INVALID_DATETIME",
  timezone: "UNKNOWN_TIMEZONE",
  utcOffset: "INVALID_UTC_OFFSET",
  latitude: "INVALID_LATITUDE",
  longitude: "INVALID_LONGITUDE",
  houseSystem: "UNKNOWN_HOUSE_SYSTEM",
  zodiac: "UNKNOWN_ZODIAC",
  ayanamsa: "UNKNOWN_AYANAMSA",
  bodies: "UNKNOWN_BODY",
  aspectTypes: "UNKNOWN_ASPECT",
  orbs: "INVALID_ORB",
  luminaryOrbBonus: "INVALID_ORB",
};

/**
 * What the engine may refuse in a well-formed chart input (422, with its code), beyond what the
 * schema says; and a placeId that names no place (404).
 */
export const ENGINE_PROBLEMS: readonly ErrorCode[] = [
  "PLACE_NOT_FOUND",
  "INVALID_DATETIME",
  "UNKNOWN_TIMEZONE",
  "INVALID_UTC_OFFSET",
  "TIMEZONE_CONFLICT",
  "MISSING_TIMEZONE",
  "NONEXISTENT_LOCAL_TIME",
  "AMBIGUOUS_LOCAL_TIME",
  "DATE_OUT_OF_RANGE",
  "INVALID_OPTION",
];
export const AspectTypeSchema = z.enum(ASPECT_TYPES).meta({ id: "AspectType" });
export const BodyIdSchema = z.enum(BODY_IDS).meta({ id: "BodyId" });
export const PlanetIdSchema = z.enum(PLANET_IDS).meta({ id: "PlanetId" });
export const SignSchema = z.enum(SIGNS).meta({ id: "Sign" });
export const OrbsSchema = z
  .partialRecord(AspectTypeSchema, z.number().gt(0).max(MAX_ORB))
  .describe(`Orb per aspect type, degrees (0 < orb ≤ ${MAX_ORB}).`);
export const LuminaryOrbBonusSchema = z
  .number()
  .min(0)
  .max(5)
  .describe("Extra orb when the Sun or Moon takes part, degrees.");

export const ChartInputSchema = z
  .strictObject({
    datetime: z
      .string()
      .regex(new RegExp(DATETIME_PATTERN))
      .describe(
        'ISO 8601 local wall time ("1990-06-15T12:30:00") read in timezone or utcOffset, or with "Z" or an offset. A date alone is accepted when timeUnknown is true.',
      ),
    timezone: z
      .string()
      .regex(new RegExp(TIMEZONE_PATTERN), "must be an IANA zone name")
      .nullable()
      .optional()
      .describe(
        'IANA zone name, e.g. "Europe/London"; or "auto" for the zone at the coordinates (a nautical Etc/GMT±N zone at sea, with a NAUTICAL_TIMEZONE warning). With a placeId, default the place\'s zone.',
      ),
    utcOffset: z
      .string()
      .regex(new RegExp(UTC_OFFSET_PATTERN), "must look like +05:30")
      .nullable()
      .optional()
      .describe('Fixed offset from UTC, "+05:30" or "+00:39:56".'),
    disambiguation: z
      .enum(["compatible", "earlier", "later", "reject"])
      .optional()
      .describe(
        "How to read a wall time that a zone skips or repeats (Temporal's meaning). Default compatible.",
      ),
    placeId: PlaceIdSchema.optional().describe(
      "A place from GET /v1/places instead of latitude and longitude: its coordinates, and its zone unless timezone or utcOffset is given.",
    ),
    latitude: z
      .number()
      .min(-90)
      .max(90)
      .optional()
      .describe("Geographic latitude, degrees north; required without a placeId."),
    longitude: z
      .number()
      .min(-180)
      .max(180)
      .optional()
      .describe("Geographic longitude, degrees east; required without a placeId."),
    houseSystem: z.enum(HOUSE_SYSTEMS).nullable().optional().describe("Default placidus."),
    zodiac: z.enum(ZODIACS).optional().describe("Default tropical."),
    ayanamsa: z
      .enum(AYANAMSAS)
      .nullable()
      .optional()
      .describe("Only with zodiac sidereal; default lahiri."),
    timeUnknown: z
      .boolean()
      .optional()
      .describe("Birth time unknown: no houses, angles or house placements."),
    bodies: z
      .array(BodyIdSchema)
      .min(1)
      .max(BODY_IDS.length)
      .optional()
      .describe("Default: every body."),
    aspectTypes: z
      .array(AspectTypeSchema)
      .max(ASPECT_TYPES.length)
      .optional()
      .describe("Default: the five major aspects."),
    orbs: OrbsSchema.optional(),
    luminaryOrbBonus: LuminaryOrbBonusSchema.optional().describe("Default 2."),
  })
  .superRefine(
    (input, context) => {
      if (input.placeId !== undefined) return;
      for (const field of ["latitude", "longitude"] as const) {
        if (input[field] === undefined) {
          context.addIssue({
            code: "invalid_type",
            expected: "number",
            // The value is missing, not the object: errors[] says REQUIRED.
            input: undefined,
            path: [field],
            message: "Required.",
          });
        }
      }
    },
    // Also when other fields are bad, so that one answer lists every missing field.
    { when: ({ value }) => typeof value === "object" && value !== null && !Array.isArray(value) },
  )
  // null means "the default", as in a chart's normalized input, which may be sent back as is.
  .transform(
    (input) =>
      Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== null),
      ) as unknown as ChartRequestInput,
  )
  .meta({
    id: "ChartInput",
    description:
      "Birth data and options: datetime, and latitude and longitude or a placeId, are required.",
    override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
      jsonSchema.oneOf = [{ required: ["latitude", "longitude"] }, { required: ["placeId"] }];
    },
  });

const NormalizedChartInputSchema = z
  .strictObject({
    datetime: z.string(),
    timezone: z.string().nullable(),
    utcOffset: z.string().nullable(),
    disambiguation: z.enum(["compatible", "earlier", "later"]),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    houseSystem: z.enum(HOUSE_SYSTEMS).nullable(),
    zodiac: z.enum(ZODIACS),
    ayanamsa: z.enum(AYANAMSAS).nullable(),
    timeUnknown: z.boolean(),
    bodies: z.array(BodyIdSchema),
    aspectTypes: z.array(AspectTypeSchema),
    orbs: OrbsSchema,
    luminaryOrbBonus: z.number().min(0).max(5),
  })
  .meta({
    id: "NormalizedChartInput",
    description: "The input with every default filled in, in canonical form.",
  });

const ChartBodyShape = {
  id: BodyIdSchema,
  longitude: degrees("Apparent geocentric ecliptic longitude in the chart's zodiac, [0, 360)."),
  latitude: eclipticLatitude().describe("Ecliptic latitude."),
  speed: dailySpeed().describe("Degrees per day."),
  retrograde: z.boolean(),
  sign: SignSchema,
  degreeInSign: signDegrees(),
  house: z.number().int().min(1).max(12).nullable().describe("null when the time is unknown."),
};
export const ChartBodySchema = z.strictObject(ChartBodyShape).meta({ id: "ChartBody" });

export const ChartPointSchema = z
  .strictObject({ longitude: longitude(), sign: SignSchema, degreeInSign: signDegrees() })
  .meta({ id: "ChartPoint" });

export const AspectSchema = z
  .strictObject({
    a: z.string(),
    b: z.string(),
    type: AspectTypeSchema,
    exactAngle: z.number().min(0).max(180),
    orb: z
      .number()
      .min(0)
      .max(MAX_ORB + 5)
      .describe("|separation − exactAngle|, degrees (the luminary bonus included)."),
    applying: z.boolean(),
  })
  .meta({ id: "Aspect" });

export const WarningSchema = z
  .strictObject({
    code: z.enum([
      "HOUSE_SYSTEM_FALLBACK",
      "PRE_1970_TZ_UNCERTAIN",
      "LOCAL_TIME_SKIPPED",
      "LOCAL_TIME_REPEATED",
      "NATAL_TIME_UNKNOWN",
      "NAUTICAL_TIMEZONE",
    ]),
    message: z.string(),
  })
  .meta({ id: "Warning" });

export const ChartLocationSchema = z
  .strictObject({
    timezone: z
      .string()
      .nullable()
      .describe("The zone the wall time was read in; null when read by an offset."),
    timezoneSource: z
      .enum(["given", "place", "coordinates"])
      .nullable()
      .describe(
        'given: the input named it; place: the placeId\'s zone; coordinates: timezone "auto"; null: no zone.',
      ),
    place: PlaceSchema.nullable().describe("The place named by placeId, or null."),
  })
  .meta({ id: "ChartLocation" });

export const AnglesSchema = z
  .strictObject({
    ascendant: ChartPointSchema,
    midheaven: ChartPointSchema,
    descendant: ChartPointSchema,
    imumCoeli: ChartPointSchema,
    vertex: ChartPointSchema,
  })
  .meta({ id: "Angles" });

export const HousesSchema = z
  .strictObject({
    system: z.enum(HOUSE_SYSTEMS),
    systemUsed: z.enum(HOUSE_SYSTEMS),
    cusps: z.array(longitude()).length(12),
  })
  .meta({ id: "Houses" });

export const BalanceSchema = z
  .strictObject({
    elements: z.strictObject(
      Object.fromEntries(ELEMENTS.map((e) => [e, weight()])) as Record<
        (typeof ELEMENTS)[number],
        z.ZodNumber
      >,
    ),
    modalities: z.strictObject(
      Object.fromEntries(MODALITIES.map((m) => [m, weight()])) as Record<
        (typeof MODALITIES)[number],
        z.ZodNumber
      >,
    ),
    points: z.array(z.string()),
  })
  .meta({ id: "Balance" });

export const ChartSchema = z
  .strictObject({
    input: NormalizedChartInputSchema,
    bodies: z.array(ChartBodySchema),
    angles: AnglesSchema.nullable(),
    houses: HousesSchema.nullable(),
    aspects: z.array(AspectSchema),
    balance: BalanceSchema,
    moonPhase: z
      .strictObject({
        name: z.enum(MOON_PHASE_NAMES),
        angle: degrees("The Moon's longitude minus the Sun's, [0, 360)."),
        illumination: z.number().min(0).max(1).describe("Illuminated fraction of the disc, 0–1."),
      })
      .meta({ id: "MoonPhase" }),
    meta: z.strictObject({
      utc: z.string(),
      offsetUsed: z.string(),
      tzdbVersion: z.string().nullable(),
      deltaTSeconds: z.number().min(-100_000).max(100_000),
      ayanamsaDegrees: longitude().nullable(),
      engineVersion: z.string(),
      warnings: z.array(WarningSchema),
      location: ChartLocationSchema.optional().describe(
        "How the place and zone were found: on every chart computed from a chart input (natal, return and progressed charts); not on a Davison chart, whose place is a midpoint.",
      ),
    }),
  })
  .meta({ id: "Chart", description: "A chart, as computed by the engine." });

function svgQuerySchema(defaultSize: number) {
  return z.strictObject({
    theme: z.enum(["light", "dark"]).optional().describe("Default light."),
    size: z.coerce
      .number()
      .int()
      .min(100)
      .max(4000)
      .optional()
      .describe(`Width and height in pixels; default ${defaultSize}.`),
  });
}

export const SvgQuerySchema = svgQuerySchema(600);
/** A bi-wheel's second ring needs more room: its default is larger. */
export const BiWheelQuerySchema = svgQuerySchema(800);

export const AspectOptionsShape = {
  aspectTypes: z.array(AspectTypeSchema).max(ASPECT_TYPES.length).optional(),
  orbs: OrbsSchema.optional(),
  luminaryOrbBonus: LuminaryOrbBonusSchema.optional(),
};

export const SynastryRequestSchema = z
  .strictObject({
    a: ChartInputSchema,
    b: ChartInputSchema,
    options: z.strictObject(AspectOptionsShape).optional(),
  })
  .meta({ id: "SynastryRequest" });

const HouseOverlaySchema = z.strictObject({
  body: BodyIdSchema,
  house: z.number().int().min(1).max(12),
});

const ThemeScoresSchema = z.strictObject(
  Object.fromEntries(
    COMPATIBILITY_THEMES.map((theme) => [theme, z.number().int().min(0).max(100)]),
  ) as Record<(typeof COMPATIBILITY_THEMES)[number], z.ZodNumber>,
);

export const CompatibilitySchema = z
  .strictObject({
    score: z.number().int().min(0).max(100).describe("0–100; 50 when harmony and tension balance."),
    harmony: z.number().min(0).describe("Sum of the weights of the harmonious factors."),
    tension: z.number().min(0).describe("Sum of the weights of the challenging factors."),
    themes: ThemeScoresSchema.describe("The same score over the factors of each theme."),
    factors: z
      .array(
        z.strictObject({
          a: PlanetIdSchema.describe("A planet of chart a."),
          b: PlanetIdSchema.describe("A planet of chart b."),
          type: AspectTypeSchema,
          orb: z.number().min(0),
          nature: z.enum(["harmonious", "challenging"]),
          weight: z.number().min(0).describe("The pair's weight times the aspect's closeness."),
        }),
      )
      .describe("Every factor, heaviest first."),
    method: z.string().describe("How the score is computed, in full."),
    meta: z.strictObject({ engineVersion: z.string() }),
  })
  .meta({
    id: "Compatibility",
    description:
      "A deterministic score of two charts with the factors it was computed from; it does not depend on the order of the charts or on the synastry's orbs.",
  });

export const SynastrySchema = z
  .strictObject({
    aspects: z.array(AspectSchema).describe("From a body of a (`a`) to a body of b (`b`)."),
    aInB: z
      .array(HouseOverlaySchema)
      .nullable()
      .describe("a's bodies in b's houses; null when b's time is unknown."),
    bInA: z
      .array(HouseOverlaySchema)
      .nullable()
      .describe("b's bodies in a's houses; null when a's time is unknown."),
    compatibility: CompatibilitySchema,
    meta: z.strictObject({ engineVersion: z.string() }),
  })
  .meta({ id: "Synastry" });

export const TransitsRequestSchema = z
  .strictObject({
    natal: ChartInputSchema,
    at: z
      .union([
        z
          .string()
          .regex(new RegExp(DATETIME_PATTERN))
          .describe("An instant: a datetime with Z or an offset."),
        ChartInputSchema,
      ])
      .describe('The moment: an ISO instant ("2025-01-01T00:00Z") or a chart input.'),
    options: z
      .strictObject({
        bodies: z
          .array(BodyIdSchema)
          .min(1)
          .max(BODY_IDS.length)
          .optional()
          .describe("Default: the ten planets."),
        ...AspectOptionsShape,
      })
      .optional(),
  })
  .meta({ id: "TransitsRequest" });

export const TransitsSchema = z
  .strictObject({
    utc: z.string(),
    natalUtc: z.string(),
    bodies: z.array(
      z.strictObject({
        ...ChartBodyShape,
        natalHouse: z.number().int().min(1).max(12).nullable(),
      }),
    ),
    aspects: z.array(
      z.strictObject({
        transit: BodyIdSchema,
        natal: z.string().describe("A natal body id, ascendant or midheaven."),
        type: AspectTypeSchema,
        exactAngle: z.number().min(0).max(180),
        orb: z
          .number()
          .min(0)
          .max(MAX_ORB + 5),
        applying: z.boolean(),
      }),
    ),
    meta: z.strictObject({ engineVersion: z.string(), warnings: z.array(WarningSchema) }),
  })
  .meta({ id: "Transits" });
