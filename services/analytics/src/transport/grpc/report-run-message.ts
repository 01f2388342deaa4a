import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { dimensionToProto } from "@orrery/analytics-contract";
import type { ReportRun } from "../../domain/report-runs.js";
import type { SavedReport } from "../../domain/saved-reports.js";
import { usageResponse } from "./query-usage.js";

export function reportRunMessage(report: SavedReport, run: ReportRun) {
  return {
    id: run.id,
    reportId: run.reportId,
    startedAt: timestampFromDate(run.createdAt),
    trigger: run.trigger,
    metrics: [...report.definition.metrics],
    groupBy: dimensionToProto(report.definition.groupBy),
    output: usageResponse(run.output),
    truncated: run.truncated,
    points: run.points,
  };
}
