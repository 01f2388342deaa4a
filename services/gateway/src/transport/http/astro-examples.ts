import {
  type Chart,
  type ChartInput,
  computeChart,
  computeCompatibility,
  computeComposite,
  computeProgressions,
  computeReturn,
  computeSynastry,
  computeTransits,
  computeTransitTimeline,
  generateReading,
  listMoonPhases,
  type ReadingSectionId,
} from "@orrery/astro";
import { chartLocation, locateChartInput, withLocation } from "@orrery/astro-service";
import { getPlace, PLACES_ATTRIBUTION, searchPlaces } from "@orrery/places";

/**
 * Examples of the astrology routes for the document and /docs: requests a client could send,
 * and what the API answers to them, computed here (once, at start) with the engine that serves
 * them, so an example cannot disagree with it (the end-to-end tests send each request and
 * compare the answer with its example).
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

/** GeoNames id of Lisbon. */
export const PLACE_ID_EXAMPLE = "2267057";

/** A birth by place: Lisbon's coordinates and zone. */
export const PLACE_INPUT_EXAMPLE = { datetime: "1985-03-21T09:15:00", placeId: PLACE_ID_EXAMPLE };

export const READING_SECTIONS_EXAMPLE: ReadingSectionId[] = ["overview", "sun", "moon"];
export const TRANSITS_AT_EXAMPLE = "2025-01-01T00:00:00Z";

const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The chart of an API chart input as the API sends it (with meta.location). */
function apiChart(input: Parameters<typeof locateChartInput>[0]) {
  const { input: engineInput, lookup } = locateChartInput(input);
  const chart = computeChart(engineInput);
  return withLocation(chart, chartLocation(chart.input, lookup), lookup?.warnings);
}

const natal = computeChart(CHART_INPUT_EXAMPLE);
const partner = computeChart(PARTNER_INPUT_EXAMPLE);
const natalLocation = chartLocation(natal.input, undefined);

export const CHART_EXAMPLE = asJson(apiChart(CHART_INPUT_EXAMPLE));
export const PLACE_CHART_EXAMPLE = asJson(apiChart(PLACE_INPUT_EXAMPLE));

export const READING_EXAMPLE = asJson({
  kind: "natal" as const,
  ...generateReading(natal, { sections: READING_SECTIONS_EXAMPLE }),
});

const { meta: synastryMeta, ...synastry } = computeSynastry(natal, partner);
export const SYNASTRY_EXAMPLE = asJson({
  ...synastry,
  compatibility: computeCompatibility(natal, partner),
  meta: synastryMeta,
});
export const TRANSITS_EXAMPLE = asJson(computeTransits(natal, TRANSITS_AT_EXAMPLE));

export const PLACE_SEARCH_EXAMPLE = { q: "Lisb", country: "PT", limit: 3 };
export const PLACE_LIST_EXAMPLE = asJson({
  places: searchPlaces({ query: "Lisb", country: "PT", limit: 3 }),
  attribution: PLACES_ATTRIBUTION,
});
export const PLACE_RESULT_EXAMPLE = asJson({
  place: getPlace(PLACE_ID_EXAMPLE),
  attribution: PLACES_ATTRIBUTION,
});

export const MOON_PHASES_QUERY_EXAMPLE = { from: "2025-01-01", to: "2025-02-01" };
export const MOON_PHASES_EXAMPLE = asJson(
  listMoonPhases({ from: "2025-01-01T00:00:00.000Z", to: "2025-02-01T00:00:00.000Z" }),
);

export const RETURN_REQUEST_EXAMPLE = {
  natal: CHART_INPUT_EXAMPLE,
  type: "solar" as const,
  near: "2025-06-01",
  placeId: PLACE_ID_EXAMPLE,
};
const lisbon = locateChartInput({ datetime: "2025-06-01", placeId: PLACE_ID_EXAMPLE });
const solarReturn = computeReturn(natal, {
  type: "solar",
  near: "2025-06-01T00:00:00.000Z",
  latitude: lisbon.input.latitude,
  longitude: lisbon.input.longitude,
  ...(lisbon.input.timezone === undefined ? {} : { timezone: lisbon.input.timezone }),
});
export const RETURN_EXAMPLE = asJson({
  ...solarReturn,
  chart: withLocation(solarReturn.chart, chartLocation(solarReturn.chart.input, lisbon.lookup)),
});

export const PROGRESSION_REQUEST_EXAMPLE = { natal: CHART_INPUT_EXAMPLE, date: "2025-06-15" };
const progressions = computeProgressions(natal, { date: "2025-06-15T00:00:00.000Z" });
export const PROGRESSIONS_EXAMPLE = asJson({
  ...progressions,
  chart: withLocation(progressions.chart, natalLocation),
});

export const COMPOSITE_REQUEST_EXAMPLE = {
  a: CHART_INPUT_EXAMPLE,
  b: PARTNER_INPUT_EXAMPLE,
  method: "midpoint" as const,
};
export const COMPOSITE_EXAMPLE = asJson(computeComposite(natal, partner, { method: "midpoint" }));

const TIMELINE_RANGE = { from: "2025-01-01", to: "2025-03-01" };
const TIMELINE_BODIES: Chart["input"]["bodies"] = ["mars", "jupiter", "saturn"];
export const TIMELINE_REQUEST_EXAMPLE = {
  natal: CHART_INPUT_EXAMPLE,
  ...TIMELINE_RANGE,
  bodies: TIMELINE_BODIES,
};
const timeline = computeTransitTimeline(natal, {
  from: "2025-01-01T00:00:00.000Z",
  to: "2025-03-01T00:00:00.000Z",
  bodies: TIMELINE_BODIES,
});
export const TIMELINE_EXAMPLE = asJson(timeline);
