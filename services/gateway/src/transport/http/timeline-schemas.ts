import { ASPECT_TYPES, BODY_IDS, MAX_ORB, MAX_TIMELINE_DAYS } from "@orrery/astro";
import { z } from "zod";
import {
  AspectTypeSchema,
  BodyIdSchema,
  ChartInputSchema,
  OrbsSchema,
  SignSchema,
} from "./astro-schemas.js";
import { instantSchema, utcSchema } from "./instant-schemas.js";

/** The range and filters of a transit timeline (also of a transit reading). */
export const TimelineOptionsShape = {
  from: instantSchema("Start of the range."),
  to: instantSchema(`End of the range, at most ${MAX_TIMELINE_DAYS} days after from.`),
  bodies: z
    .array(BodyIdSchema)
    .min(1)
    .max(BODY_IDS.length)
    .optional()
    .describe("Transiting bodies; default the planets from the Sun to Pluto without the Moon."),
  aspectTypes: z
    .array(AspectTypeSchema)
    .min(1)
    .max(ASPECT_TYPES.length)
    .optional()
    .describe("Default the five major aspects."),
  orb: z
    .number()
    .gt(0)
    .max(MAX_ORB)
    .optional()
    .describe("One orb for every aspect type, degrees; default 2 (sextile 1.5, minor aspects 1)."),
  orbs: OrbsSchema.optional().describe("Orbs per aspect type, degrees, over orb."),
};

export const TimelineRequestSchema = z
  .strictObject({ natal: ChartInputSchema, ...TimelineOptionsShape })
  .meta({ id: "TransitTimelineRequest" });

const NatalTargetSchema = z
  .string()
  .describe("A natal body id, ascendant or midheaven.")
  .meta({ id: "NatalTarget" });

const TimelineAspectSchema = z.strictObject({
  type: z.literal("aspect"),
  transit: BodyIdSchema,
  natal: NatalTargetSchema,
  aspect: AspectTypeSchema,
  exactAngle: z.number().min(0).max(180),
  orb: z.number().gt(0).max(MAX_ORB).describe("The orb the period is measured with, degrees."),
  enters: utcSchema("When the orb is entered.")
    .nullable()
    .describe("When the orb is entered; null when already in orb at from."),
  exact: z
    .array(utcSchema("An exact instant."))
    .describe(
      "Each instant the aspect is exact (to the second) while in orb: several when a station brings the body back.",
    ),
  leaves: utcSchema("When the orb is left.")
    .nullable()
    .describe("When the orb is left; null when still in orb at to."),
});

const TimelineIngressSchema = z.strictObject({
  type: z.literal("ingress"),
  body: BodyIdSchema,
  sign: SignSchema.describe("The sign entered."),
  utc: utcSchema("The instant of the ingress."),
  retrograde: z.boolean().describe("Entered moving backwards."),
});

const TimelineStationSchema = z.strictObject({
  type: z.literal("station"),
  body: BodyIdSchema,
  direction: z
    .enum(["retrograde", "direct"])
    .describe("retrograde: the body stops and turns back; direct: it resumes forward motion."),
  utc: utcSchema("The instant of the station."),
  longitude: z.number().min(0).max(360),
  sign: SignSchema,
});

export const TimelineEventSchema = z
  .discriminatedUnion("type", [TimelineAspectSchema, TimelineIngressSchema, TimelineStationSchema])
  .meta({ id: "TimelineEvent" });

export const TransitTimelineSchema = z
  .strictObject({
    from: utcSchema("Start of the range."),
    to: utcSchema("End of the range."),
    natalUtc: utcSchema("The natal chart's instant."),
    events: z
      .array(TimelineEventSchema)
      .describe(
        "Ordered by each event's first instant (an aspect's enters, or from when it was already in orb).",
      ),
    meta: z.strictObject({
      engineVersion: z.string(),
      bodies: z.array(BodyIdSchema),
      aspectTypes: z.array(AspectTypeSchema),
      orbs: OrbsSchema,
      method: z.string().describe("How the instants are found."),
    }),
  })
  .meta({ id: "TransitTimeline" });
