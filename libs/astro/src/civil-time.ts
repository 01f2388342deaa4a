import { Temporal } from "temporal-polyfill";
import { AstroError } from "./errors.js";

export type Disambiguation = "compatible" | "earlier" | "later" | "reject";
export const DISAMBIGUATIONS: readonly Disambiguation[] = [
  "compatible",
  "earlier",
  "later",
  "reject",
];

/** A wall-clock date and time as written, without zone. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Fraction of a second, as its decimal digits ("" when none, never trailing zeros). */
  readonly fraction: string;
}

export interface ParsedDatetime {
  readonly wall: WallTime;
  readonly hasTime: boolean;
  /** "Z", an offset in seconds east of UTC, or null when the string had none. */
  readonly offset: "Z" | number | null;
}

const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|z|[+-]\d{2}:\d{2}(?::\d{2})?)?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The supported span of UTC instants: 1800-01-01T00:00Z up to, not including, 2201-01-01T00:00Z. */
export const MIN_EPOCH_MS = Date.UTC(1800, 0, 1);
export const MAX_EPOCH_MS = Date.UTC(2201, 0, 1);
// Local mean time offsets reach about ±12:xx; real zone offsets never exceed ±14:00.
const MAX_OFFSET_SECONDS = 18 * 3600;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseOffset(text: string, field: string): number {
  const m = OFFSET.exec(text);
  if (m === null) {
    throw new AstroError(
      "INVALID_UTC_OFFSET",
      field,
      `${field} must look like +05:30 or -03:00 (seconds allowed: +00:39:56), got ${JSON.stringify(text)}`,
    );
  }
  const minutes = Number(m[3]);
  const seconds = m[4] === undefined ? 0 : Number(m[4]);
  const total = Number(m[2]) * 3600 + minutes * 60 + seconds;
  if (minutes > 59 || seconds > 59 || total > MAX_OFFSET_SECONDS) {
    throw new AstroError("INVALID_UTC_OFFSET", field, `${field} ${text} is out of range (±18:00)`);
  }
  return m[1] === "-" ? -total : total;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "+05:30", "-00:39:56"; zero is "+00:00". */
export function formatOffset(seconds: number): string {
  const sign = seconds < 0 ? "-" : "+";
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${pad(h)}:${pad(m)}${s === 0 ? "" : `:${pad(s)}`}`;
}

export function parseDatetime(text: string): ParsedDatetime {
  const m = DATETIME.exec(text);
  const invalid = (why: string) =>
    new AstroError("INVALID_DATETIME", "datetime", `datetime ${JSON.stringify(text)} ${why}`);
  if (m === null) {
    throw invalid("is not an ISO 8601 date-time such as 1990-06-15T12:30:00 or 1990-06-15T12:30Z");
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hasTime = m[4] !== undefined;
  const hour = hasTime ? Number(m[4]) : 12;
  const minute = hasTime ? Number(m[5]) : 0;
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid("is not a calendar date");
  }
  if (hour > 23 || minute > 59 || second > 59) {
    throw invalid("has an hour, minute or second out of range (leap seconds are not accepted)");
  }
  if (!hasTime && m[8] !== undefined) throw invalid("has an offset but no time");
  const fraction = (m[7] ?? "").replace(/0+$/, "");
  let offset: ParsedDatetime["offset"] = null;
  if (m[8] === "Z" || m[8] === "z") offset = "Z";
  else if (m[8] !== undefined) offset = parseOffset(m[8], "datetime");
  return { wall: { year, month, day, hour, minute, second, fraction }, hasTime, offset };
}

/** Canonical "YYYY-MM-DDTHH:MM:SS[.f]" form of a wall time. */
export function formatWall(w: WallTime): string {
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  return w.fraction === "" ? base : `${base}.${w.fraction}`;
}

/** Milliseconds (fractional) since 1970 of a wall time read as UTC. */
function wallAsUtcMs(w: WallTime): number {
  const frac = w.fraction === "" ? 0 : Number(`0.${w.fraction}`) * 1000;
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime() + frac;
}

function wallFromEpochMs(ms: number, fraction: string): WallTime {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    fraction,
  };
}

/** "1879-03-14T10:50:04Z", with milliseconds only when there are any. */
export function formatUtc(epochMs: number): string {
  const whole = Math.round(epochMs);
  const iso = new Date(whole).toISOString();
  return whole % 1000 === 0 ? `${iso.slice(0, 19)}Z` : iso;
}

export type TimeWarningCode =
  | "PRE_1970_TZ_UNCERTAIN"
  | "LOCAL_TIME_SKIPPED"
  | "LOCAL_TIME_REPEATED";

export interface ResolvedTime {
  /** Canonical wall time in the zone or offset. */
  readonly wall: WallTime;
  readonly timezone: string | null;
  readonly utcOffsetSeconds: number | null;
  /** Canonical disambiguation: "compatible" unless the wall time is skipped or repeated. */
  readonly disambiguation: "compatible" | "earlier" | "later";
  readonly epochMs: number;
  readonly offsetSeconds: number;
  readonly warnings: { code: TimeWarningCode; message: string }[];
}

// Zones without daylight saving or history, whose offsets before 1970 are certain.
const FIXED_ZONE = /^(?:UTC|UCT|GMT|Zulu|Universal|Greenwich|Etc\/.+)$/i;

function canonicalZone(name: string): string {
  if (OFFSET.test(name) || name.trim() === "") {
    throw new AstroError(
      "UNKNOWN_TIMEZONE",
      "timezone",
      `timezone must be an IANA zone name such as Europe/London; use utcOffset for ${JSON.stringify(name)}`,
    );
  }
  try {
    return new Temporal.ZonedDateTime(0n, name).timeZoneId;
  } catch {
    throw new AstroError(
      "UNKNOWN_TIMEZONE",
      "timezone",
      `timezone ${JSON.stringify(name)} is not in the IANA time zone database (tzdb ${process.versions.tz ?? "unknown"})`,
    );
  }
}

function checkRange(epochMs: number): void {
  if (!(epochMs >= MIN_EPOCH_MS && epochMs < MAX_EPOCH_MS)) {
    throw new AstroError(
      "DATE_OUT_OF_RANGE",
      "datetime",
      "datetime must fall between 1800-01-01T00:00Z and 2200-12-31T23:59:59Z (UTC)",
    );
  }
}

function toPlain(w: WallTime): Temporal.PlainDateTime {
  const f = w.fraction.padEnd(9, "0");
  return new Temporal.PlainDateTime(
    w.year,
    w.month,
    w.day,
    w.hour,
    w.minute,
    w.second,
    Number(f.slice(0, 3)),
    Number(f.slice(3, 6)),
    Number(f.slice(6, 9)),
  );
}

function wallParts(z: Temporal.ZonedDateTime) {
  return {
    year: z.year,
    month: z.month,
    day: z.day,
    hour: z.hour,
    minute: z.minute,
    second: z.second,
  };
}

function zdtEpochMs(z: Temporal.ZonedDateTime): number {
  return Number(z.epochNanoseconds) / 1e6;
}

/**
 * Resolves a datetime with a zone or a fixed offset to a UTC instant, following Temporal's
 * disambiguation for skipped (spring-forward) and repeated (fall-back) wall times.
 */
export function resolveTime(
  parsed: ParsedDatetime,
  timezone: string | undefined,
  utcOffset: string | undefined,
  disambiguation: Disambiguation,
): ResolvedTime {
  if (timezone !== undefined && utcOffset !== undefined) {
    throw new AstroError(
      "TIMEZONE_CONFLICT",
      "utcOffset",
      "give either timezone or utcOffset, not both",
    );
  }
  const { wall, offset } = parsed;

  if (timezone === undefined) {
    let offsetSeconds: number;
    if (utcOffset !== undefined) {
      offsetSeconds = parseOffset(utcOffset, "utcOffset");
      if (typeof offset === "number" && offset !== offsetSeconds) {
        throw new AstroError(
          "TIMEZONE_CONFLICT",
          "datetime",
          `datetime's offset ${formatOffset(offset)} disagrees with utcOffset ${formatOffset(offsetSeconds)}`,
        );
      }
    } else if (offset === null) {
      throw new AstroError(
        "MISSING_TIMEZONE",
        "timezone",
        "a local datetime needs a timezone (IANA name) or a utcOffset, or an offset or Z in datetime",
      );
    } else {
      offsetSeconds = offset === "Z" ? 0 : offset;
    }
    // "Z" names an instant; the wall time is then read in the given offset.
    const epochMs = offset === "Z" ? wallAsUtcMs(wall) : wallAsUtcMs(wall) - offsetSeconds * 1000;
    checkRange(epochMs);
    return {
      wall: offset === "Z" ? wallFromEpochMs(epochMs + offsetSeconds * 1000, wall.fraction) : wall,
      timezone: null,
      utcOffsetSeconds: offsetSeconds,
      disambiguation: "compatible",
      epochMs,
      offsetSeconds,
      warnings: [],
    };
  }

  const zone = canonicalZone(timezone);
  let local = wall;
  let plain: Temporal.PlainDateTime;
  if (offset === "Z") {
    const instant = Temporal.Instant.fromEpochMilliseconds(Math.floor(wallAsUtcMs(wall)));
    plain = instant.toZonedDateTimeISO(zone).toPlainDateTime();
    local = {
      year: plain.year,
      month: plain.month,
      day: plain.day,
      hour: plain.hour,
      minute: plain.minute,
      second: plain.second,
      fraction: wall.fraction,
    };
  }
  plain = toPlain(local);
  const earlier = plain.toZonedDateTime(zone, { disambiguation: "earlier" });
  const later = plain.toZonedDateTime(zone, { disambiguation: "later" });
  const warnings: ResolvedTime["warnings"] = [];
  let chosen = earlier;
  let canonical: ResolvedTime["disambiguation"] = "compatible";

  if (earlier.epochNanoseconds !== later.epochNanoseconds) {
    const repeated = earlier.toPlainDateTime().equals(plain);
    const text = formatWall(local);
    if (offset !== null) {
      // An explicit offset picks one of the two readings of a repeated wall time.
      const want =
        offset === "Z" ? wallAsUtcMs(wall) : wallAsUtcMs(local) - (offset as number) * 1000;
      chosen = Math.abs(zdtEpochMs(earlier) - want) < 1 ? earlier : later;
      canonical = chosen === earlier ? "earlier" : "later";
    } else if (disambiguation === "reject") {
      throw repeated
        ? new AstroError(
            "AMBIGUOUS_LOCAL_TIME",
            "datetime",
            `${text} occurs twice in ${zone} (clocks go back); choose disambiguation earlier or later, or give an offset`,
          )
        : new AstroError(
            "NONEXISTENT_LOCAL_TIME",
            "datetime",
            `${text} does not exist in ${zone} (clocks go forward); choose disambiguation earlier or later`,
          );
    } else {
      const pickLater =
        disambiguation === "later" || (disambiguation === "compatible" && !repeated);
      chosen = pickLater ? later : earlier;
      canonical = pickLater ? "later" : "earlier";
    }
    warnings.push(
      repeated
        ? {
            code: "LOCAL_TIME_REPEATED",
            message: `${text} occurs twice in ${zone}; the ${canonical} one (UTC${chosen.offset}) was used`,
          }
        : {
            code: "LOCAL_TIME_SKIPPED",
            message: `${text} does not exist in ${zone} (clocks went forward); it was taken as ${formatWall({ ...local, ...wallParts(chosen) })} (UTC${chosen.offset})`,
          },
    );
  }

  const offsetSeconds = Math.round(chosen.offsetNanoseconds / 1e9);
  if (typeof offset === "number" && offset !== offsetSeconds) {
    throw new AstroError(
      "TIMEZONE_CONFLICT",
      "datetime",
      `datetime's offset ${formatOffset(offset)} is not the offset of ${zone} at that time (${formatOffset(offsetSeconds)})`,
    );
  }
  const epochMs = zdtEpochMs(chosen);
  checkRange(epochMs);
  if (epochMs < 0 && !FIXED_ZONE.test(zone)) {
    warnings.push({
      code: "PRE_1970_TZ_UNCERTAIN",
      message: `the time zone database's history for ${zone} before 1970 is not authoritative; check the offset (${formatOffset(offsetSeconds)}) against a historical source, or give utcOffset`,
    });
  }
  return {
    wall: local,
    timezone: zone,
    utcOffsetSeconds: null,
    disambiguation: canonical,
    epochMs,
    offsetSeconds,
    warnings,
  };
}
