import {
  type ChartInput,
  computeChart,
  computeSynastry,
  computeTransits,
  generateReading,
  type ReadingSectionId,
} from "@orrery/astro";

/**
 * Examples of the astrology routes for the document and /docs: requests a client could send,
 * and what the engine answers to them, computed here (once, at start) so an example can never
 * disagree with the engine that serves it.
 */

export const CHART_INPUT_EXAMPLE = {
  datetime: "1990-06-15T12:30:00",
  timezone: "Europe/London",
  latitude: 51.5074,
  longitude: -0.1278,
} satisfies ChartInput;

export const PARTNER_INPUT_EXAMPLE = {
  datetime: "1992-03-02T08:15:00",
  timezone: "America/New_York",
  latitude: 40.7128,
  longitude: -74.006,
} satisfies ChartInput;

export const READING_SECTIONS_EXAMPLE: ReadingSectionId[] = ["overview", "sun", "moon"];
export const TRANSITS_AT_EXAMPLE = "2025-01-01T00:00:00Z";

const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const natal = computeChart(CHART_INPUT_EXAMPLE);
export const CHART_EXAMPLE = asJson(natal);
export const READING_EXAMPLE = asJson(
  generateReading(natal, { sections: READING_SECTIONS_EXAMPLE }),
);
export const SYNASTRY_EXAMPLE = asJson(computeSynastry(natal, computeChart(PARTNER_INPUT_EXAMPLE)));
export const TRANSITS_EXAMPLE = asJson(computeTransits(natal, TRANSITS_AT_EXAMPLE));
