import { formatUtc, MAX_EPOCH_MS, MIN_EPOCH_MS, parseDatetime } from "./civil-time.js";
import { AstroError } from "./errors.js";

/**
 * Reads an instant given as "2025-03-01" (midnight UTC), "2025-03-01T12:00Z" or with an offset
 * ("…T12:00+01:00"). A wall time without an offset is refused: it names no instant.
 */
export function parseInstant(value: unknown, field: string): number {
  if (typeof value !== "string") {
    throw new AstroError("INVALID_DATETIME", field, `${field} must be an ISO 8601 date or instant`);
  }
  let parsed: ReturnType<typeof parseDatetime>;
  try {
    parsed = parseDatetime(value);
  } catch (error) {
    if (error instanceof AstroError) throw new AstroError(error.code, field, error.message);
    throw error;
  }
  if (parsed.hasTime && parsed.offset === null) {
    throw new AstroError(
      "INVALID_DATETIME",
      field,
      `${field} ${JSON.stringify(value)} needs Z or an offset (or give a date alone for midnight UTC)`,
    );
  }
  const { year, month, day, hour, minute, second, fraction } = parsed.wall;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(parsed.hasTime ? hour : 0, parsed.hasTime ? minute : 0, second, 0);
  const offsetSeconds = typeof parsed.offset === "number" ? parsed.offset : 0;
  const ms =
    d.getTime() + (fraction === "" ? 0 : Number(`0.${fraction}`) * 1000) - offsetSeconds * 1000;
  checkInstantRange(ms, field);
  return ms;
}

export function checkInstantRange(ms: number, field: string): void {
  if (!(ms >= MIN_EPOCH_MS && ms < MAX_EPOCH_MS)) {
    throw new AstroError(
      "DATE_OUT_OF_RANGE",
      field,
      `${field} must fall between 1800-01-01T00:00Z and 2200-12-31T23:59:59Z (UTC)`,
    );
  }
}

/** "2025-03-01T12:34:56Z": instants the engine finds, to the second. */
export function formatInstant(ms: number): string {
  return formatUtc(Math.round(ms / 1000) * 1000);
}

/** The range [from, to] of a search, at most `maxDays` long. */
export function parseRange(
  from: unknown,
  to: unknown,
  maxDays: number,
  prefix = "",
): { fromMs: number; toMs: number } {
  const fromMs = parseInstant(from, `${prefix}from`);
  const toMs = parseInstant(to, `${prefix}to`);
  if (!(toMs > fromMs)) {
    throw new AstroError("INVALID_RANGE", `${prefix}to`, "to must be later than from");
  }
  if (toMs - fromMs > maxDays * 86_400_000) {
    throw new AstroError(
      "RANGE_TOO_LONG",
      `${prefix}to`,
      `the range from from to to may span at most ${maxDays} days`,
    );
  }
  return { fromMs, toMs };
}
