import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  dimensionFromProto,
  dimensionToProto,
  granularityFromProto,
  granularityToProto,
  REPORT_METRICS,
  REPORT_WINDOWS,
  type ReportMetric,
  type ReportWindow,
} from "@orrery/analytics-contract";
import { DomainError } from "@orrery/errors";
import type {
  SavedReportDefinition as SavedReportDefinitionMessage,
  SavedReport as SavedReportMessage,
} from "@orrery/proto/analytics/v1/analytics";
import {
  formatScheduleAt,
  parseScheduleAt,
  type ReportDefinition,
  type SavedReport,
} from "../../domain/saved-reports.js";

function invalid(field: string, message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", message, {
    violations: [{ field, code: "INVALID", message }],
  });
}

/** A definition from the wire, checked for names the domain knows. */
export function definitionFrom(
  message: SavedReportDefinitionMessage | undefined,
): ReportDefinition {
  if (message === undefined) throw invalid("definition", "definition is required.");
  for (const metric of message.metrics) {
    if (!(REPORT_METRICS as readonly string[]).includes(metric)) {
      throw invalid("metrics", `Unknown metric ${metric}.`);
    }
  }
  if (message.window !== "" && !Object.hasOwn(REPORT_WINDOWS, message.window)) {
    throw invalid("window", `Unknown window ${message.window}.`);
  }
  const every = message.schedule?.every;
  if (every !== undefined && every !== "hour" && every !== "day") {
    throw invalid("schedule.every", 'schedule.every is "hour" or "day".');
  }
  return {
    name: message.name,
    metrics: message.metrics as ReportMetric[],
    groupBy: dimensionFromProto(message.groupBy),
    route: message.route,
    keyId: message.keyId,
    window: message.window === "" ? undefined : (message.window as ReportWindow),
    from: message.from === undefined ? undefined : timestampDate(message.from),
    to: message.to === undefined ? undefined : timestampDate(message.to),
    granularity: granularityFromProto(message.granularity) ?? "hour",
    schedule:
      every === undefined
        ? undefined
        : { every, atMinute: parseScheduleAt(every, message.schedule?.at ?? "") },
  };
}

export function savedReportMessage(report: SavedReport): SavedReportMessage {
  const definition = report.definition;
  return {
    $typeName: "orrery.analytics.v1.SavedReport",
    id: report.id,
    definition: {
      $typeName: "orrery.analytics.v1.SavedReportDefinition",
      name: definition.name,
      metrics: [...definition.metrics],
      groupBy: dimensionToProto(definition.groupBy),
      route: definition.route,
      keyId: definition.keyId,
      window: definition.window ?? "",
      ...(definition.from === undefined ? {} : { from: timestampFromDate(definition.from) }),
      ...(definition.to === undefined ? {} : { to: timestampFromDate(definition.to) }),
      granularity: granularityToProto(definition.granularity),
      ...(definition.schedule === undefined
        ? {}
        : {
            schedule: {
              $typeName: "orrery.analytics.v1.ReportSchedule",
              every: definition.schedule.every,
              at: formatScheduleAt(definition.schedule),
            },
          }),
    },
    createdAt: timestampFromDate(report.createdAt),
    ...(report.nextRunAt === undefined ? {} : { nextRunAt: timestampFromDate(report.nextRunAt) }),
  };
}
