import { randomUUID } from "node:crypto";
import {
  REPORT_NAME_MAX_LENGTH,
  REPORT_WINDOWS,
  type ReportMetric,
  type ReportWindow,
} from "@orrery/analytics-contract";
import { type Cursor, decodePageToken, pageSize, toPage } from "@orrery/db";
import { DomainError } from "@orrery/errors";
import { type ResolvedUsageQuery, resolveUsageQuery, type UsageDimension } from "./usage-query.js";
import type { Granularity } from "./usage-rollups.js";

export interface ReportSchedule {
  readonly every: "hour" | "day";
  /** Minutes past the hour ("hour") or minutes past UTC midnight ("day"). */
  readonly atMinute: number;
}

export interface ReportDefinition {
  readonly name: string;
  /** Empty: every metric. */
  readonly metrics: readonly ReportMetric[];
  readonly groupBy: UsageDimension | undefined;
  readonly route: string;
  readonly keyId: string;
  /** Either a window, or a fixed from/to. */
  readonly window: ReportWindow | undefined;
  readonly from: Date | undefined;
  readonly to: Date | undefined;
  readonly granularity: Granularity;
  readonly schedule: ReportSchedule | undefined;
}

export interface SavedReport {
  readonly id: string;
  readonly accountId: string;
  readonly definition: ReportDefinition;
  readonly createdAt: Date;
  readonly nextRunAt: Date | undefined;
}

export interface SavedReportStore {
  /** Inserts unless the account already has `limit` reports; false when it has. */
  create(report: SavedReport, limit: number): Promise<boolean>;
  /** Newest first, after the cursor, at most `limit` rows. */
  list(accountId: string, limit: number, after: Cursor | undefined): Promise<SavedReport[]>;
  get(accountId: string, id: string): Promise<SavedReport | undefined>;
  delete(accountId: string, id: string): Promise<boolean>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(field: string, message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", message, {
    violations: [{ field, code: "INVALID", message }],
  });
}

/** Parses "HH:MM" (every day) or ":MM" / "" (every hour) into minutes. */
export function parseScheduleAt(every: "hour" | "day", at: string): number {
  if (every === "hour") {
    const match = /^:?([0-5]\d)$/.exec(at);
    if (at === "") return 0;
    if (match === null) throw invalid("schedule.at", 'For an hourly schedule, at is ":MM".');
    return Number(match[1]);
  }
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (match === null) throw invalid("schedule.at", 'For a daily schedule, at is "HH:MM" (UTC).');
  return Number(match[1]) * 60 + Number(match[2]);
}

export function formatScheduleAt(schedule: ReportSchedule): string {
  const two = (value: number) => String(value).padStart(2, "0");
  return schedule.every === "hour"
    ? `:${two(schedule.atMinute)}`
    : `${two(Math.floor(schedule.atMinute / 60))}:${two(schedule.atMinute % 60)}`;
}

/** The first instant of the schedule strictly after `after`. */
export function nextRunAfter(schedule: ReportSchedule, after: Date): Date {
  const period = schedule.every === "hour" ? 3_600_000 : 86_400_000;
  const offset = schedule.atMinute * 60_000;
  const time = after.getTime();
  const candidate = Math.floor((time - offset) / period) * period + offset;
  return new Date(candidate > time ? candidate : candidate + period);
}

/** The usage query a report runs at `now`: its window ending now, or its fixed range. */
export function reportQuery(
  accountId: string,
  definition: ReportDefinition,
  now: Date,
): ResolvedUsageQuery {
  const windowed = definition.window !== undefined;
  return resolveUsageQuery(
    {
      accountId,
      from: windowed
        ? new Date(now.getTime() - REPORT_WINDOWS[definition.window as ReportWindow])
        : definition.from,
      to: windowed ? now : definition.to,
      granularity: definition.granularity,
      groupBy: definition.groupBy,
      route: definition.route,
      keyId: definition.keyId,
    },
    now,
  );
}

/** Checks a definition as given; throws VALIDATION_FAILED, INVALID_RANGE or USAGE_QUERY_TOO_LARGE. */
export function validateDefinition(accountId: string, definition: ReportDefinition, now: Date) {
  const name = definition.name.trim();
  if (name === "" || name.length > REPORT_NAME_MAX_LENGTH) {
    throw invalid("name", `name is 1-${REPORT_NAME_MAX_LENGTH} characters.`);
  }
  if (new Set(definition.metrics).size !== definition.metrics.length) {
    throw invalid("metrics", "metrics lists a metric twice.");
  }
  if (definition.window === undefined) {
    if (definition.from === undefined || definition.to === undefined) {
      throw invalid("range", "A report has a window, or both from and to.");
    }
  } else if (definition.from !== undefined || definition.to !== undefined) {
    throw invalid("range", "A report has a window, or from and to, not both.");
  }
  // The same bounds as the query it will run (too many buckets, a range outside 1970-9998).
  reportQuery(accountId, definition, now);
}

/** An account's saved reports: create (within its limit), list, get, delete. */
export class SavedReports {
  constructor(
    private readonly store: SavedReportStore,
    private readonly now: () => Date,
  ) {}

  async create(accountId: string, definition: ReportDefinition, limit: number) {
    const now = this.now();
    validateDefinition(accountId, definition, now);
    const report: SavedReport = {
      id: randomUUID(),
      accountId,
      definition: { ...definition, name: definition.name.trim() },
      createdAt: now,
      nextRunAt:
        definition.schedule === undefined ? undefined : nextRunAfter(definition.schedule, now),
    };
    if (!(await this.store.create(report, limit))) {
      throw new DomainError(
        "SAVED_REPORT_LIMIT_REACHED",
        `The account has ${limit} saved reports, as many as its plan allows.`,
        { metadata: { limit: String(limit) } },
      );
    }
    return report;
  }

  async list(accountId: string, requestedSize: number, pageToken: string) {
    const size = pageSize(requestedSize);
    const after = decodePageToken(pageToken);
    if (after !== undefined && !UUID.test(after.id)) {
      throw new DomainError("INVALID_PAGE_TOKEN", "The page token is not one this API returned.");
    }
    const rows = await this.store.list(accountId, size + 1, after);
    return toPage(rows, size);
  }

  async get(accountId: string, id: string): Promise<SavedReport> {
    const report = UUID.test(id) ? await this.store.get(accountId, id) : undefined;
    if (report === undefined) throw notFound(id);
    return report;
  }

  async delete(accountId: string, id: string): Promise<void> {
    if (!UUID.test(id) || !(await this.store.delete(accountId, id))) throw notFound(id);
  }
}

function notFound(id: string): DomainError {
  return new DomainError("REPORT_NOT_FOUND", `No saved report ${id} in this account.`);
}
