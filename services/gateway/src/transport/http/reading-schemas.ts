import {
  READING_LANGUAGES,
  READING_SECTIONS,
  SYNASTRY_READING_SECTIONS,
  TRANSIT_READING_SECTIONS,
} from "@orrery/astro";
import { z } from "zod";
import {
  ChartInputSchema,
  ChartSchema,
  CompatibilitySchema,
  exactlyOneOf,
} from "./astro-schemas.js";
import { TimelineOptionsShape } from "./timeline-schemas.js";

const ReadingSectionIdSchema = z.enum(READING_SECTIONS).meta({ id: "ReadingSectionId" });

export const ReadingLanguageSchema = z
  .enum(READING_LANGUAGES)
  .describe("en, es (Spanish) or pt (Brazilian Portuguese).")
  .meta({ id: "ReadingLanguage" });

const LANGUAGE_FIELD = ReadingLanguageSchema.optional().describe(
  "The reading's language; default the best match of Accept-Language, else en. Content-Language names the one served.",
);

/** Most characters of a name in a synastry reading (the engine's limit). */
const MAX_NAME_LENGTH = 40;
// Printable and not blank: no C0/C1 control characters, at least one that is not white space.
const NAME_PATTERN =
  "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$";

const PersonNameSchema = z
  .string()
  .regex(new RegExp(NAME_PATTERN, "u"), "must be printable text")
  .refine((value) => [...value].length <= MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`)
  .meta({ minLength: 1, maxLength: MAX_NAME_LENGTH });

const NatalReadingRequestSchema = z
  .strictObject({
    kind: z.literal("natal").optional().describe("Default natal."),
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
    language: LANGUAGE_FIELD,
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
  .meta({
    id: "NatalReadingRequest",
    description: "A natal reading: exactly one of input or chart.",
    override: exactlyOneOf("input", "chart"),
  });

const SynastryReadingRequestSchema = z
  .strictObject({
    kind: z.literal("synastry"),
    a: ChartInputSchema,
    b: ChartInputSchema,
    names: z
      .strictObject({ a: PersonNameSchema.optional(), b: PersonNameSchema.optional() })
      .optional()
      .describe("How the text names the two people; default A and B (or their translation)."),
    language: LANGUAGE_FIELD,
  })
  .meta({
    id: "SynastryReadingRequest",
    description:
      "A reading of two charts together: their compatibility, strongest contacts and house overlays.",
  });

const TransitReadingRequestSchema = z
  .strictObject({
    kind: z.literal("transits"),
    natal: ChartInputSchema,
    ...TimelineOptionsShape,
    language: LANGUAGE_FIELD,
  })
  .meta({
    id: "TransitReadingRequest",
    description:
      "A reading of the transit timeline over a range (as POST /v1/transits/timeline takes it): the weightiest transits with their dates, then stations and ingresses.",
  });

export const ReadingRequestSchema = z
  .discriminatedUnion(
    "kind",
    [NatalReadingRequestSchema, SynastryReadingRequestSchema, TransitReadingRequestSchema],
    { error: "kind must be natal (the default), synastry or transits" },
  )
  .meta({
    id: "ReadingRequest",
    description: "kind natal (the default), synastry or transits.",
    // A natal request may leave kind out, which an OpenAPI discriminator does not allow; the
    // members tell themselves apart anyway (each requires what the others forbid).
    override: ({ jsonSchema }: { jsonSchema: Record<string, unknown> }) => {
      delete jsonSchema.discriminator;
    },
  });

function sectionsSchema<const Ids extends readonly [string, ...string[]]>(ids: Ids) {
  return z.array(
    z.strictObject({
      id: z.enum(ids),
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
  );
}

export const ReadingSchema = z
  .strictObject({
    kind: z.literal("natal"),
    language: ReadingLanguageSchema,
    sections: sectionsSchema(READING_SECTIONS),
    meta: z.strictObject({ engineVersion: z.string(), timeUnknown: z.boolean() }),
  })
  .meta({ id: "Reading" });

export const SynastryReadingSchema = z
  .strictObject({
    kind: z.literal("synastry"),
    language: ReadingLanguageSchema,
    sections: sectionsSchema(SYNASTRY_READING_SECTIONS),
    compatibility: CompatibilitySchema,
    meta: z.strictObject({ engineVersion: z.string() }),
  })
  .meta({ id: "SynastryReading" });

export const TransitReadingSchema = z
  .strictObject({
    kind: z.literal("transits"),
    language: ReadingLanguageSchema,
    sections: sectionsSchema(TRANSIT_READING_SECTIONS),
    meta: z.strictObject({ engineVersion: z.string() }),
  })
  .meta({ id: "TransitReading" });

export const ReadingResultSchema = z
  .discriminatedUnion("kind", [ReadingSchema, SynastryReadingSchema, TransitReadingSchema])
  .meta({ id: "ReadingResult" });
