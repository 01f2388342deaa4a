import {
  ASPECT_TYPES,
  AYANAMSAS,
  BODY_IDS,
  type ChartInput,
  ELEMENTS,
  HOUSE_SYSTEMS,
  MAX_ORB,
  MODALITIES,
  MOON_PHASE_NAMES,
  READING_SECTIONS,
  SIGNS,
  ZODIACS,
} from "@orrery/astro";
import { z } from "zod";

/**
 * The public JSON shapes of the astrology routes. Request schemas validate every request
 * (unknown fields rejected); response schemas document the engine's output, and the
 * integration tests parse real responses with them, so the OpenAPI document cannot drift
 * from what the API sends.
 */

const degrees = (description: string) => z.number().describe(description);
const AspectTypeSchema = z.enum(ASPECT_TYPES).meta({ id: "AspectType" });
const BodyIdSchema = z.enum(BODY_IDS).meta({ id: "BodyId" });
const SignSchema = z.enum(SIGNS).meta({ id: "Sign" });
const OrbsSchema = z
  .partialRecord(AspectTypeSchema, z.number().gt(0).max(MAX_ORB))
  .describe(`Orb per aspect type, degrees (0 < orb ≤ ${MAX_ORB}).`);
const LuminaryOrbBonusSchema = z
  .number()
  .min(0)
  .max(5)
  .describe("Extra orb when the Sun or Moon takes part, degrees.");

export const ChartInputSchema = z
  .strictObject({
    datetime: z
      .string()
      .min(10)
      .max(40)
      .describe(
        'ISO 8601 local wall time ("1990-06-15T12:30:00") read in timezone or utcOffset, or with "Z" or an offset. A date alone is accepted when timeUnknown is true.',
      ),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .optional()
      .describe('IANA zone name, e.g. "Europe/London".'),
    utcOffset: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}(:\d{2})?$/, "must look like +05:30")
      .nullable()
      .optional()
      .describe('Fixed offset from UTC, "+05:30" or "+00:39:56".'),
    disambiguation: z
      .enum(["compatible", "earlier", "later", "reject"])
      .optional()
      .describe(
        "How to read a wall time that a zone skips or repeats (Temporal's meaning). Default compatible.",
      ),
    latitude: z.number().min(-90).max(90).describe("Geographic latitude, degrees north."),
    longitude: z.number().min(-180).max(180).describe("Geographic longitude, degrees east."),
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
  // null means "the default", as in a chart's normalized input, which may be sent back as is.
  .transform(
    (input) =>
      Object.fromEntries(
        Object.entries(input).filter(([, value]) => value !== null),
      ) as unknown as ChartInput,
  )
  .meta({
    id: "ChartInput",
    description: "Birth data and options; only datetime, latitude and longitude are required.",
  });

const NormalizedChartInputSchema = z
  .strictObject({
    datetime: z.string(),
    timezone: z.string().nullable(),
    utcOffset: z.string().nullable(),
    disambiguation: z.enum(["compatible", "earlier", "later"]),
    latitude: z.number(),
    longitude: z.number(),
    houseSystem: z.enum(HOUSE_SYSTEMS).nullable(),
    zodiac: z.enum(ZODIACS),
    ayanamsa: z.enum(AYANAMSAS).nullable(),
    timeUnknown: z.boolean(),
    bodies: z.array(BodyIdSchema),
    aspectTypes: z.array(AspectTypeSchema),
    orbs: OrbsSchema,
    luminaryOrbBonus: z.number(),
  })
  .meta({
    id: "NormalizedChartInput",
    description: "The input with every default filled in, in canonical form.",
  });

const ChartBodyShape = {
  id: BodyIdSchema,
  longitude: degrees("Apparent geocentric ecliptic longitude in the chart's zodiac, [0, 360)."),
  latitude: degrees("Ecliptic latitude."),
  speed: z.number().describe("Degrees per day."),
  retrograde: z.boolean(),
  sign: SignSchema,
  degreeInSign: z.number(),
  house: z.number().int().min(1).max(12).nullable().describe("null when the time is unknown."),
};
const ChartBodySchema = z.strictObject(ChartBodyShape).meta({ id: "ChartBody" });

const ChartPointSchema = z
  .strictObject({ longitude: z.number(), sign: SignSchema, degreeInSign: z.number() })
  .meta({ id: "ChartPoint" });

const AspectSchema = z
  .strictObject({
    a: z.string(),
    b: z.string(),
    type: AspectTypeSchema,
    exactAngle: z.number(),
    orb: z.number().describe("|separation − exactAngle|, degrees."),
    applying: z.boolean(),
  })
  .meta({ id: "Aspect" });

const WarningSchema = z
  .strictObject({
    code: z.enum([
      "HOUSE_SYSTEM_FALLBACK",
      "PRE_1970_TZ_UNCERTAIN",
      "LOCAL_TIME_SKIPPED",
      "LOCAL_TIME_REPEATED",
    ]),
    message: z.string(),
  })
  .meta({ id: "Warning" });

export const ChartSchema = z
  .strictObject({
    input: NormalizedChartInputSchema,
    bodies: z.array(ChartBodySchema),
    angles: z
      .strictObject({
        ascendant: ChartPointSchema,
        midheaven: ChartPointSchema,
        descendant: ChartPointSchema,
        imumCoeli: ChartPointSchema,
        vertex: ChartPointSchema,
      })
      .nullable(),
    houses: z
      .strictObject({
        system: z.enum(HOUSE_SYSTEMS),
        systemUsed: z.enum(HOUSE_SYSTEMS),
        cusps: z.array(z.number()).length(12),
      })
      .nullable(),
    aspects: z.array(AspectSchema),
    balance: z.strictObject({
      elements: z.strictObject(
        Object.fromEntries(ELEMENTS.map((e) => [e, z.number()])) as Record<
          (typeof ELEMENTS)[number],
          z.ZodNumber
        >,
      ),
      modalities: z.strictObject(
        Object.fromEntries(MODALITIES.map((m) => [m, z.number()])) as Record<
          (typeof MODALITIES)[number],
          z.ZodNumber
        >,
      ),
      points: z.array(z.string()),
    }),
    moonPhase: z
      .strictObject({
        name: z.enum(MOON_PHASE_NAMES),
        angle: degrees("The Moon's longitude minus the Sun's, [0, 360)."),
        illumination: z.number().describe("Illuminated fraction of the disc, 0–1."),
      })
      .meta({ id: "MoonPhase" }),
    meta: z.strictObject({
      utc: z.string(),
      offsetUsed: z.string(),
      tzdbVersion: z.string().nullable(),
      deltaTSeconds: z.number(),
      ayanamsaDegrees: z.number().nullable(),
      engineVersion: z.string(),
      warnings: z.array(WarningSchema),
    }),
  })
  .meta({ id: "Chart", description: "A natal chart, as computed by the engine." });

export const SvgQuerySchema = z.strictObject({
  theme: z.enum(["light", "dark"]).optional().describe("Default light."),
  size: z.coerce
    .number()
    .int()
    .min(100)
    .max(4000)
    .optional()
    .describe("Width and height in pixels; default 600."),
});

const ReadingSectionIdSchema = z.enum(READING_SECTIONS).meta({ id: "ReadingSectionId" });

export const ReadingRequestSchema = z
  .strictObject({
    input: ChartInputSchema.optional().describe(
      "Birth data: the chart is computed (and cached) first.",
    ),
    chart: ChartSchema.optional().describe("A chart from POST /v1/charts."),
    sections: z
      .array(ReadingSectionIdSchema)
      .min(1)
      .max(READING_SECTIONS.length)
      .optional()
      .describe("Sections to include; default all."),
  })
  .superRefine((value, context) => {
    if ((value.input === undefined) === (value.chart === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["input"],
        message: "Give exactly one of input or chart.",
      });
    }
  })
  .meta({ id: "ReadingRequest", description: "Exactly one of input or chart." });

export const ReadingSchema = z
  .strictObject({
    language: z.literal("en"),
    sections: z.array(
      z.strictObject({
        id: ReadingSectionIdSchema,
        title: z.string(),
        paragraphs: z.array(
          z.strictObject({
            text: z.string(),
            basis: z
              .array(z.string())
              .describe('Placements the paragraph was drawn from, e.g. "sun:sign:leo".'),
          }),
        ),
      }),
    ),
    meta: z.strictObject({ engineVersion: z.string(), timeUnknown: z.boolean() }),
  })
  .meta({ id: "Reading" });

const AspectOptionsShape = {
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
    meta: z.strictObject({ engineVersion: z.string() }),
  })
  .meta({ id: "Synastry" });

export const TransitsRequestSchema = z
  .strictObject({
    natal: ChartInputSchema,
    at: z
      .union([z.string().min(10).max(40), ChartInputSchema])
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
        exactAngle: z.number(),
        orb: z.number(),
        applying: z.boolean(),
      }),
    ),
    meta: z.strictObject({ engineVersion: z.string(), warnings: z.array(WarningSchema) }),
  })
  .meta({ id: "Transits" });
