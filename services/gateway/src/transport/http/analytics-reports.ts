import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  dimensionFromProto,
  dimensionToProto,
  GRANULARITIES,
  granularityFromProto,
  granularityToProto,
  REPORT_METRICS,
  REPORT_NAME_MAX_LENGTH,
  REPORT_WINDOW_NAMES,
  USAGE_DIMENSIONS,
} from "@orrery/analytics-contract";
import { DomainError } from "@orrery/errors";
import type { Policy } from "@orrery/policy";
import type {
  ReportRun,
  SavedReport,
  SavedReportDefinition,
} from "@orrery/proto/analytics/v1/analytics";
import { z } from "zod";
import { type Identity, limitsOf } from "../../domain/authentication.js";
import { requireCaller } from "./caller.js";
import { boundedText, displayName, nameSchema } from "./text-schemas.js";
import { instant, MetricsShape, type metricsJson, usageJson } from "./v1-analytics-usage-get.js";

const ScheduleSchema = z
  .discriminatedUnion("every", [
    z.strictObject({
      every: z.literal("day"),
      at: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
        .max(5)
        .describe('UTC time of day, "HH:MM".'),
    }),
    z.strictObject({
      every: z.literal("hour"),
      at: z
        .string()
        .regex(/^:[0-5]\d$/)
        .max(3)
        .optional()
        .describe('Minutes past the hour, ":MM" (default ":00").'),
    }),
  ])
  .meta({ id: "AnalyticsReportSchedule" });

const RangeSchema = z
  .union([
    z.enum(REPORT_WINDOW_NAMES).describe("The window ending when the report runs."),
    z
      .strictObject({
        from: instant.describe("Inclusive, rounded down to the granularity."),
        to: instant.describe("Exclusive, rounded up to the granularity."),
      })
      .describe("A fixed range."),
  ])
  .meta({ id: "AnalyticsReportRange" });

export const CreateReportBodySchema = z
  .strictObject({
    name: nameSchema(REPORT_NAME_MAX_LENGTH),
    metrics: z
      .array(z.enum(REPORT_METRICS))
      .max(REPORT_METRICS.length)
      .optional()
      .describe("The metrics a run keeps; every metric when left out."),
    groupBy: z.enum(USAGE_DIMENSIONS).optional(),
    route: boundedText(100).optional().describe('Only this route, e.g. "POST /v1/charts".'),
    key: boundedText(64).optional().describe("Only this API key (its id)."),
    range: RangeSchema,
    granularity: z.enum(GRANULARITIES).optional().describe("Default hour."),
    schedule: ScheduleSchema.optional().describe("Runs by itself (UTC); only when asked without."),
  })
  .meta({ id: "CreateAnalyticsReportRequest" });

export const SavedReportSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    metrics: z.array(z.enum(REPORT_METRICS)),
    groupBy: z.enum(USAGE_DIMENSIONS).optional(),
    route: z.string().optional(),
    key: z.string().optional(),
    range: RangeSchema,
    granularity: z.enum(GRANULARITIES),
    schedule: ScheduleSchema.optional(),
    nextRunAt: z.iso.datetime().optional().describe("When the schedule next runs it."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AnalyticsReport" });

export const ReportIdParamsSchema = z.strictObject({
  reportId: z.string().min(1).max(100).describe("The report's id (a UUID)."),
});

export const REPORT_ID_EXAMPLE = "0b9f6a52-6d1e-4f3a-9c2e-5a4f1d3b7e90";
export const REPORT_REQUEST_EXAMPLE: z.input<typeof CreateReportBodySchema> = {
  name: "Daily errors by route",
  metrics: ["requests", "errors", "p95"],
  groupBy: "route",
  range: "last_24h",
  granularity: "hour",
  schedule: { every: "day", at: "06:00" },
};
export const REPORT_EXAMPLE = {
  id: REPORT_ID_EXAMPLE,
  ...REPORT_REQUEST_EXAMPLE,
  nextRunAt: "2026-12-03T06:00:00.000Z",
  createdAt: "2026-12-02T14:00:00.000Z",
};

const iso = (value: SavedReportDefinition["from"]) =>
  (value === undefined ? new Date(0) : timestampDate(value)).toISOString();

export function reportJson(report: SavedReport | undefined) {
  if (report?.definition === undefined) {
    throw new DomainError("INTERNAL_ERROR", "analytics answered without a report");
  }
  const definition = report.definition;
  const groupBy = dimensionFromProto(definition.groupBy);
  const schedule = definition.schedule;
  return {
    id: report.id,
    name: definition.name,
    metrics: (definition.metrics.length === 0 ? REPORT_METRICS : definition.metrics) as string[],
    ...(groupBy === undefined ? {} : { groupBy }),
    ...(definition.route === "" ? {} : { route: definition.route }),
    ...(definition.keyId === "" ? {} : { key: definition.keyId }),
    range:
      definition.window === ""
        ? { from: iso(definition.from), to: iso(definition.to) }
        : definition.window,
    granularity: granularityFromProto(definition.granularity) ?? "hour",
    ...(schedule === undefined ? {} : { schedule: { every: schedule.every, at: schedule.at } }),
    ...(report.nextRunAt === undefined ? {} : { nextRunAt: iso(report.nextRunAt) }),
    createdAt: iso(report.createdAt),
  };
}

export function definitionMessage(
  body: z.infer<typeof CreateReportBodySchema>,
): Omit<SavedReportDefinition, "$typeName"> {
  const range = body.range;
  return {
    name: displayName(body.name, "name", REPORT_NAME_MAX_LENGTH),
    metrics: [...new Set(body.metrics ?? [])],
    groupBy: dimensionToProto(body.groupBy),
    route: body.route ?? "",
    keyId: body.key ?? "",
    window: typeof range === "string" ? range : "",
    ...(typeof range === "string"
      ? {}
      : {
          from: timestampFromDate(new Date(range.from)),
          to: timestampFromDate(new Date(range.to)),
        }),
    granularity: granularityToProto(body.granularity ?? "hour"),
    ...(body.schedule === undefined
      ? {}
      : {
          schedule: {
            $typeName: "orrery.analytics.v1.ReportSchedule",
            every: body.schedule.every,
            at: body.schedule.at ?? ":00",
          },
        }),
  };
}

/** The savedReports limit of the caller's plan, with its account's and key's overrides. */
export function savedReportLimit(caller: Identity | undefined, policy: Policy): number {
  return limitsOf(requireCaller(caller), policy).savedReports;
}

export const RunIdParamsSchema = z.strictObject({
  reportId: z.string().min(1).max(100).describe("The report's id (a UUID)."),
  runId: z.string().min(1).max(100).describe("The run's id (a UUID)."),
});

const RunMetricsSchema = z.object(MetricsShape).partial().describe("The report's metrics only.");

export const ReportRunSchema = z
  .object({
    id: z.string(),
    reportId: z.string(),
    startedAt: z.iso.datetime(),
    trigger: z.enum(["manual", "schedule"]),
    from: z.iso.datetime().describe("The range the run covered, after rounding."),
    to: z.iso.datetime(),
    granularity: z.enum(GRANULARITIES),
    groupBy: z.enum(USAGE_DIMENSIONS).optional(),
    points: z.number().int().describe("Buckets × groups the query answered."),
    truncated: z
      .boolean()
      .describe(
        "More points than a run keeps (10,000): the first ones are kept; totals are whole.",
      ),
    series: z
      .array(
        z.object({ start: z.iso.datetime(), group: z.string().optional() }).catchall(z.number()),
      )
      .optional()
      .describe("Absent in lists."),
    totals: RunMetricsSchema,
  })
  .meta({ id: "AnalyticsReportRun" });

export const RUN_ID_EXAMPLE = "5d0c7f3e-2b41-4a8e-9d6c-1f2e3a4b5c6d";
export const RUN_EXAMPLE = {
  id: RUN_ID_EXAMPLE,
  reportId: REPORT_ID_EXAMPLE,
  startedAt: "2026-12-03T06:00:00.120Z",
  trigger: "schedule",
  from: "2026-12-02T06:00:00.000Z",
  to: "2026-12-03T06:00:00.000Z",
  granularity: "hour",
  groupBy: "route",
  points: 1,
  truncated: false,
  series: [
    {
      start: "2026-12-02T09:00:00.000Z",
      group: "POST /v1/charts",
      requests: 1200,
      errors: 14,
      p95: 6.4,
    },
  ],
  totals: { requests: 1200, errors: 14, p95: 6.4 },
};

function pick(metrics: ReturnType<typeof metricsJson>, names: readonly string[]) {
  const all = metrics as Record<string, number | undefined>;
  return Object.fromEntries(
    names.filter((name) => all[name] !== undefined).map((name) => [name, all[name] as number]),
  );
}

export function runMetricNames(run: ReportRun): readonly string[] {
  return run.metrics.length === 0 ? REPORT_METRICS : run.metrics;
}

/** A run as the API shows it: its report's metrics only; the series unless `summary`. */
export function runJson(run: ReportRun | undefined, summary = false) {
  if (run?.output === undefined) {
    throw new DomainError("INTERNAL_ERROR", "analytics answered without a run");
  }
  const groupBy = dimensionFromProto(run.groupBy);
  const usage = usageJson(run.output, groupBy);
  const names = runMetricNames(run);
  return {
    id: run.id,
    reportId: run.reportId,
    startedAt: iso(run.startedAt),
    trigger: run.trigger as "manual" | "schedule",
    from: usage.from,
    to: usage.to,
    granularity: usage.granularity,
    ...(groupBy === undefined ? {} : { groupBy }),
    points: run.points,
    truncated: run.truncated,
    ...(summary
      ? {}
      : {
          series: usage.series.map((point) => ({
            start: point.start,
            ...("group" in point ? { group: point.group } : {}),
            ...pick(point, names),
          })),
        }),
    totals: pick(usage.totals, names),
  };
}
