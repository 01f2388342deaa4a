import { describe, expect, it } from "vitest";
import {
  AstroError,
  type AstroErrorCode,
  type ChartInput,
  computeChart,
  computeSynastry,
  computeTransits,
  generateReading,
  normalizeChartInput,
  renderChartSvg,
} from "./index.js";

const BASE: ChartInput = {
  datetime: "1990-06-15T12:30:00",
  timezone: "Europe/London",
  latitude: 51.5,
  longitude: -0.12,
};

function errorOf(run: () => unknown): AstroError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AstroError);
    return error as AstroError;
  }
  throw new Error("expected an AstroError");
}

const bad = (patch: Record<string, unknown>) => ({ ...BASE, ...patch }) as unknown as ChartInput;

const CASES: [AstroErrorCode, string, ChartInput][] = [
  ["INVALID_DATETIME", "datetime", bad({ datetime: "15/06/1990 12:30" })],
  ["INVALID_DATETIME", "datetime", bad({ datetime: "1990-02-30T12:00" })],
  ["INVALID_DATETIME", "datetime", bad({ datetime: "1990-06-15T24:00" })],
  ["INVALID_DATETIME", "datetime", bad({ datetime: "1990-06-15" })],
  ["INVALID_DATETIME", "datetime", bad({ datetime: 19900615 })],
  ["INVALID_LATITUDE", "latitude", bad({ latitude: 91 })],
  ["INVALID_LATITUDE", "latitude", bad({ latitude: "51.5" })],
  ["INVALID_LATITUDE", "latitude", bad({ latitude: Number.NaN })],
  ["INVALID_LONGITUDE", "longitude", bad({ longitude: -180.5 })],
  ["INVALID_LONGITUDE", "longitude", bad({ longitude: undefined })],
  ["UNKNOWN_TIMEZONE", "timezone", bad({ timezone: "Mars/Olympus_Mons" })],
  ["UNKNOWN_TIMEZONE", "timezone", bad({ timezone: "+02:00" })],
  ["INVALID_UTC_OFFSET", "utcOffset", bad({ timezone: undefined, utcOffset: "+5:30" })],
  ["INVALID_UTC_OFFSET", "utcOffset", bad({ timezone: undefined, utcOffset: "+19:00" })],
  ["TIMEZONE_CONFLICT", "utcOffset", bad({ utcOffset: "+01:00" })],
  ["TIMEZONE_CONFLICT", "datetime", bad({ datetime: "1990-06-15T12:30:00+02:00" })],
  [
    "TIMEZONE_CONFLICT",
    "datetime",
    bad({ timezone: undefined, utcOffset: "+01:00", datetime: "1990-06-15T12:30+02:00" }),
  ],
  ["MISSING_TIMEZONE", "timezone", bad({ timezone: undefined })],
  [
    "NONEXISTENT_LOCAL_TIME",
    "datetime",
    bad({ datetime: "2021-03-28T01:30", disambiguation: "reject" }),
  ],
  [
    "AMBIGUOUS_LOCAL_TIME",
    "datetime",
    bad({ datetime: "2021-10-31T01:30", disambiguation: "reject" }),
  ],
  ["DATE_OUT_OF_RANGE", "datetime", bad({ datetime: "1799-12-31T12:00" })],
  ["DATE_OUT_OF_RANGE", "datetime", bad({ datetime: "2201-01-01T12:00" })],
  ["UNKNOWN_HOUSE_SYSTEM", "houseSystem", bad({ houseSystem: "topocentric" })],
  ["UNKNOWN_ZODIAC", "zodiac", bad({ zodiac: "draconic" })],
  ["UNKNOWN_AYANAMSA", "ayanamsa", bad({ zodiac: "sidereal", ayanamsa: "yukteshwar" })],
  ["UNKNOWN_BODY", "bodies[1]", bad({ bodies: ["sun", "chiron"] })],
  ["UNKNOWN_ASPECT", "aspectTypes[0]", bad({ aspectTypes: ["novile"] })],
  ["UNKNOWN_ASPECT", "orbs.novile", bad({ orbs: { novile: 1 } })],
  ["INVALID_ORB", "orbs.trine", bad({ orbs: { trine: 16 } })],
  ["INVALID_ORB", "orbs.square", bad({ orbs: { square: -1 } })],
  ["INVALID_ORB", "luminaryOrbBonus", bad({ luminaryOrbBonus: 9 })],
  ["INVALID_OPTION", "timeZone", bad({ timeZone: "Europe/London" })],
  ["INVALID_OPTION", "disambiguation", bad({ disambiguation: "nearest" })],
  ["INVALID_OPTION", "ayanamsa", bad({ ayanamsa: "lahiri" })],
  ["INVALID_OPTION", "bodies", bad({ bodies: [] })],
  ["INVALID_OPTION", "timeUnknown", bad({ timeUnknown: "yes" })],
  ["INVALID_OPTION", "orbs.quincunx", bad({ aspectTypes: ["trine"], orbs: { quincunx: 3 } })],
];

describe("invalid chart input", () => {
  it.each(CASES)("throws %s naming %s", (code, field, input) => {
    const error = errorOf(() => computeChart(input));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(10);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code, field, message: error.message });
    // normalizeChartInput validates the same way.
    expect(errorOf(() => normalizeChartInput(input)).code).toBe(code);
  });

  it("rejects a non-object input with INVALID_INPUT", () => {
    for (const input of [null, undefined, "1990-06-15", [BASE]]) {
      expect(errorOf(() => computeChart(input as unknown as ChartInput)).code).toBe(
        "INVALID_INPUT",
      );
    }
  });

  it("rejects things that are not charts with INVALID_CHART", () => {
    const chart = computeChart(BASE);
    const junk = { bodies: "none" } as unknown as typeof chart;
    expect(errorOf(() => computeSynastry(chart, junk)).code).toBe("INVALID_CHART");
    expect(errorOf(() => computeTransits(junk, "2020-01-01T00:00Z")).code).toBe("INVALID_CHART");
    expect(errorOf(() => generateReading(junk)).code).toBe("INVALID_CHART");
    expect(
      errorOf(() => renderChartSvg({ ...chart, houses: { ...chart.houses!, cusps: [1] } })).code,
    ).toBe("INVALID_CHART");
  });
});

describe("civil time", () => {
  it("reads a wall time in its IANA zone and echoes UTC, offset and tz database", () => {
    const chart = computeChart(BASE);
    expect(chart.meta.utc).toBe("1990-06-15T11:30:00Z");
    expect(chart.meta.offsetUsed).toBe("+01:00");
    expect(chart.meta.tzdbVersion).toBe(process.versions.tz);
    expect(chart.meta.warnings).toEqual([]);
  });

  it("accepts local mean time as a fixed offset with seconds", () => {
    const chart = computeChart({
      datetime: "1879-03-14T11:30:00",
      utcOffset: "+00:39:56",
      latitude: 48.4,
      longitude: 9.9833,
    });
    expect(chart.meta.utc).toBe("1879-03-14T10:50:04Z");
    expect(chart.meta.offsetUsed).toBe("+00:39:56");
    expect(chart.meta.tzdbVersion).toBeNull();
    // A fixed offset is taken at its word: no pre-1970 warning.
    expect(chart.meta.warnings).toEqual([]);
  });

  it("warns that zone history before 1970 is uncertain", () => {
    const chart = computeChart({ ...BASE, datetime: "1940-10-09T18:30" });
    expect(chart.meta.warnings.map((w) => w.code)).toEqual(["PRE_1970_TZ_UNCERTAIN"]);
    expect(
      computeChart({ ...BASE, datetime: "1940-10-09T18:30", timezone: "UTC" }).meta.warnings,
    ).toEqual([]);
  });

  it("follows Temporal's disambiguation for skipped wall times", () => {
    const gap = { ...BASE, datetime: "2021-03-28T01:30" };
    // 01:30 is skipped in London; "later" reads it with the old offset (02:30 BST), "earlier"
    // with the new one (00:30 GMT), and "compatible" means "later" here.
    expect(computeChart(gap).meta.utc).toBe("2021-03-28T01:30:00Z");
    expect(computeChart({ ...gap, disambiguation: "later" }).meta.utc).toBe("2021-03-28T01:30:00Z");
    expect(computeChart({ ...gap, disambiguation: "earlier" }).meta.utc).toBe(
      "2021-03-28T00:30:00Z",
    );
    expect(computeChart(gap).meta.warnings.map((w) => w.code)).toEqual(["LOCAL_TIME_SKIPPED"]);
  });

  it("follows Temporal's disambiguation for repeated wall times, or an explicit offset", () => {
    const overlap = { ...BASE, datetime: "2021-10-31T01:30" };
    expect(computeChart(overlap).meta.utc).toBe("2021-10-31T00:30:00Z");
    expect(computeChart({ ...overlap, disambiguation: "earlier" }).meta.offsetUsed).toBe("+01:00");
    expect(computeChart({ ...overlap, disambiguation: "later" }).meta.utc).toBe(
      "2021-10-31T01:30:00Z",
    );
    const withOffset = computeChart({
      ...overlap,
      datetime: "2021-10-31T01:30+00:00",
      disambiguation: "reject",
    });
    expect(withOffset.meta.utc).toBe("2021-10-31T01:30:00Z");
    expect(computeChart(overlap).meta.warnings.map((w) => w.code)).toEqual(["LOCAL_TIME_REPEATED"]);
  });

  it("treats Z as an instant, shown in the zone or offset given", () => {
    const chart = computeChart({ ...BASE, datetime: "1990-06-15T11:30:00Z" });
    expect(chart.meta.utc).toBe("1990-06-15T11:30:00Z");
    expect(chart.input.datetime).toBe("1990-06-15T12:30:00");
    const offset = computeChart({
      ...BASE,
      timezone: undefined,
      utcOffset: "+05:30",
      datetime: "1990-06-15T11:30Z",
    });
    expect(offset.input.datetime).toBe("1990-06-15T17:00:00");
  });

  it("accepts the edges of the supported range, 1800 to 2200", () => {
    expect(computeChart({ ...BASE, timezone: "UTC", datetime: "1800-01-01T00:00" }).meta.utc).toBe(
      "1800-01-01T00:00:00Z",
    );
    expect(
      computeChart({ ...BASE, timezone: "UTC", datetime: "2200-12-31T23:59:59" }).bodies,
    ).toHaveLength(13);
  });
});

describe("normalizeChartInput", () => {
  it("fills every default, in a key order that does not depend on the input's", () => {
    const n = normalizeChartInput(BASE);
    for (const [field, value] of Object.entries(n)) expect(value, field).not.toBeUndefined();
    // Normalizing again changes nothing: the result is itself a complete, valid input…
    expect(JSON.stringify(normalizeChartInput(n as unknown as ChartInput))).toBe(JSON.stringify(n));
    // …and the same fields given in reverse order serialize to the same bytes (a cache key).
    const reversed = Object.fromEntries(Object.entries(n).reverse()) as ChartInput;
    expect(JSON.stringify(normalizeChartInput(reversed))).toBe(JSON.stringify(n));
    expect(n).toMatchObject({
      houseSystem: "placidus",
      zodiac: "tropical",
      ayanamsa: null,
      timeUnknown: false,
    });
    expect(n.orbs).toEqual({ conjunction: 8, sextile: 5, square: 7, trine: 7, opposition: 8 });
  });

  it("maps inputs that mean the same to identical objects", () => {
    const variants: ChartInput[] = [
      BASE,
      { ...BASE, datetime: "1990-06-15T12:30", timezone: "europe/london" },
      { ...BASE, datetime: "1990-06-15T12:30:00.000", disambiguation: "reject" },
      { ...BASE, datetime: "1990-06-15T12:30:00+01:00" },
      { ...BASE, datetime: "1990-06-15T11:30:00Z" },
      {
        ...BASE,
        orbs: { trine: 7 },
        aspectTypes: ["trine", "square", "opposition", "conjunction", "sextile"],
      },
      { ...BASE, bodies: [...normalizeChartInput(BASE).bodies].reverse(), houseSystem: "placidus" },
    ];
    const canonical = JSON.stringify(normalizeChartInput(BASE));
    for (const v of variants) expect(JSON.stringify(normalizeChartInput(v))).toBe(canonical);
  });

  it("is idempotent and its output computes the same chart", () => {
    const inputs: ChartInput[] = [
      BASE,
      { ...BASE, datetime: "2021-03-28T01:30", disambiguation: "earlier", zodiac: "sidereal" },
      {
        datetime: "1940-10-09",
        timezone: "Europe/London",
        latitude: 53.4,
        longitude: -2.9,
        timeUnknown: true,
      },
      { datetime: "2000-01-01T12:00Z", latitude: 0, longitude: -180, orbs: { quincunx: 2.5 } },
    ];
    for (const input of inputs) {
      const once = normalizeChartInput(input);
      const twice = normalizeChartInput(once as unknown as ChartInput);
      expect(twice).toEqual(once);
      expect(JSON.stringify(computeChart(once as unknown as ChartInput))).toBe(
        JSON.stringify(computeChart(input)),
      );
    }
  });

  it("keeps meanings apart: different offsets, zones or options give different objects", () => {
    const a = JSON.stringify(
      normalizeChartInput({ ...BASE, datetime: "2021-10-31T01:30", disambiguation: "earlier" }),
    );
    const b = JSON.stringify(
      normalizeChartInput({ ...BASE, datetime: "2021-10-31T01:30", disambiguation: "later" }),
    );
    expect(a).not.toBe(b);
  });
});
