import { isBodyId } from "./body-ids.js";
import { isPlainObject } from "./chart-input.js";
import type { Chart } from "./chart-types.js";
import { AstroError } from "./errors.js";
import { isZodiac } from "./zodiac.js";

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Checks that a value has the shape of a Chart from computeChart (it may have come back from
 * a cache or over the wire), so that the functions taking charts fail with INVALID_CHART
 * rather than with a TypeError deep inside.
 */
export function assertChart(value: unknown, field: string): asserts value is Chart {
  const fail = (what: string): never => {
    throw new AstroError(
      "INVALID_CHART",
      field,
      `${field} is not a chart from computeChart: ${what}`,
    );
  };
  if (!isPlainObject(value)) fail("not an object");
  const chart = value as Record<string, unknown>;
  if (!isPlainObject(chart.input) || !isZodiac(chart.input.zodiac)) fail("input.zodiac missing");
  if (!isPlainObject(chart.meta) || typeof chart.meta.engineVersion !== "string") {
    fail("meta.engineVersion missing");
  }
  if (!Array.isArray(chart.bodies)) fail("bodies is not an array");
  if (!Array.isArray(chart.aspects)) fail("aspects is not an array");
  if (!isPlainObject(chart.balance) || !isPlainObject(chart.balance.elements)) {
    fail("balance is missing");
  }
  for (const [i, b] of (chart.bodies as unknown[]).entries()) {
    if (
      !isPlainObject(b) ||
      !isBodyId(b.id) ||
      !finite(b.longitude) ||
      !finite(b.speed) ||
      !finite(b.latitude)
    ) {
      fail(`bodies[${i}] is malformed`);
    }
  }
  if (chart.houses !== null) {
    const h = chart.houses;
    if (
      !isPlainObject(h) ||
      !Array.isArray(h.cusps) ||
      h.cusps.length !== 12 ||
      !h.cusps.every(finite)
    ) {
      fail("houses.cusps must be 12 longitudes");
    }
    const a = chart.angles;
    const angleOk = (name: string) =>
      isPlainObject(a) &&
      isPlainObject(a[name]) &&
      finite((a[name] as Record<string, unknown>).longitude);
    if (!angleOk("ascendant") || !angleOk("midheaven")) {
      fail("angles are missing although houses are present");
    }
  }
}

/** Checks two charts for a relationship computation: each a chart, both in one zodiac. */
export function assertChartPair(a: Chart, b: Chart): void {
  assertChart(a, "a");
  assertChart(b, "b");
  if (a.input.zodiac !== b.input.zodiac || a.input.ayanamsa !== b.input.ayanamsa) {
    throw new AstroError("INVALID_CHART", "b", "both charts must use the same zodiac and ayanamsa");
  }
}
