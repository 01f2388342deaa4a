import { z } from "zod";

/**
 * An instant: an RFC 3339 date-time with Z or an offset, or a date alone (midnight UTC). It is
 * read to the millisecond and handed on in one canonical form ("2025-06-01T00:00:00.000Z"), so
 * that inputs naming the same instant share one cached result and the engine computes from
 * exactly the instant the cache key names.
 */
export function instantSchema(description: string) {
  return z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .transform((value) => canonicalInstant(value))
    .describe(`${description} An RFC 3339 date-time, or a date alone for midnight UTC.`);
}

/**
 * The canonical form of a date or date-time the schema accepted (both forms are ones Date.parse
 * reads exactly, fractions beyond the millisecond dropped). Years the engine does not take
 * (before 1800, after 2200) keep their canonical form: the engine answers DATE_OUT_OF_RANGE.
 */
export function canonicalInstant(value: string): string {
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return new Date(ms).toISOString();
}

/** An instant the engine found or computed, in UTC ("2025-03-01T12:34:56Z"). */
export function utcSchema(description: string) {
  return z.iso.datetime().describe(description);
}
