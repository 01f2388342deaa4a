import { AYANAMSAS, COMPOSITE_METHODS, ZODIACS } from "@orrery/astro";
import { z } from "zod";
import {
  AnglesSchema,
  AspectOptionsShape,
  AspectSchema,
  BalanceSchema,
  ChartBodySchema,
  ChartInputSchema,
  ChartSchema,
  HousesSchema,
  WarningSchema,
} from "./astro-schemas.js";
import { utcSchema } from "./instant-schemas.js";

export const CompositeRequestSchema = z
  .strictObject({
    a: ChartInputSchema,
    b: ChartInputSchema,
    method: z
      .enum(COMPOSITE_METHODS)
      .describe(
        "midpoint: each body at the nearer midpoint of its two longitudes; davison: the real chart of the moment and place halfway between the births.",
      ),
    options: z
      .strictObject(AspectOptionsShape)
      .optional()
      .describe("Aspects among the composite's bodies; defaults as for natal charts."),
  })
  .meta({ id: "CompositeRequest" });

const CompositeMetaSchema = z.strictObject({
  engineVersion: z.string(),
  description: z.string().describe("How the composite was made."),
  warnings: z.array(WarningSchema),
});

const MidpointChartSchema = z
  .strictObject({
    zodiac: z.enum(ZODIACS),
    ayanamsa: z.enum(AYANAMSAS).nullable(),
    bodies: z.array(ChartBodySchema),
    angles: AnglesSchema.nullable().describe(
      "Midheaven at the midpoint of the two; ascendant from it at the mean latitude. null when a birth time is unknown.",
    ),
    houses: HousesSchema.nullable(),
    aspects: z.array(AspectSchema),
    balance: BalanceSchema,
  })
  .meta({
    id: "MidpointChart",
    description: "A midpoint composite: no instant or place of its own, so no input or time meta.",
  });

export const CompositeSchema = z
  .discriminatedUnion("method", [
    z.strictObject({
      method: z.literal("midpoint"),
      chart: MidpointChartSchema,
      meta: CompositeMetaSchema,
    }),
    z.strictObject({
      method: z.literal("davison"),
      chart: ChartSchema.describe("The chart of the midpoint in time and space."),
      midpoint: z.strictObject({
        utc: utcSchema("Halfway between the two births."),
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
      }),
      meta: CompositeMetaSchema,
    }),
  ])
  .meta({ id: "Composite" });
