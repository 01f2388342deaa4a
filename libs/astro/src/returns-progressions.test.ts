import { describe, expect, it } from "vitest";
import { LONDON_1990 as NATAL } from "./births.test-support.js";
import {
  type AstroError,
  type Chart,
  type ChartInput,
  computeChart,
  computeProgressions,
  computeReturn,
  PROGRESSION_YEAR_DAYS,
} from "./index.js";

const arcsec = (a: number, b: number) => Math.abs(((b - a + 540) % 360) - 180) * 3600;
const body = (chart: Chart, id: string) => chart.bodies.find((b) => b.id === id)!;
const fail = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    return `${(e as AstroError).code}@${(e as AstroError).field}`;
  }
  return "none";
};

// Births spread over two centuries, to check the invariants away from one convenient date.
const BIRTHS: ChartInput[] = Array.from({ length: 8 }, (_, i) => ({
  datetime: `${1911 + i * 13}-${String(1 + ((i * 5) % 12)).padStart(2, "0")}-${String(3 + i * 3).padStart(2, "0")}T${String((i * 7) % 24).padStart(2, "0")}:20`,
  utcOffset: "+00:00",
  latitude: -40 + i * 11,
  longitude: -120 + i * 31,
}));

describe("computeReturn", () => {
  it.each(BIRTHS)("puts the Sun back on its natal longitude within 1″ ($datetime)", (input) => {
    const natal = computeChart(input);
    const near = `${Number(input.datetime.slice(0, 4)) + 30}-07-01`;
    const r = computeReturn(natal, { type: "solar", near });
    expect(arcsec(body(r.chart, "sun").longitude, body(natal, "sun").longitude)).toBeLessThan(1);
    expect(r.natalLongitude).toBe(body(natal, "sun").longitude);
    // The nearest return lies within half a year of `near`.
    expect(Math.abs(Date.parse(r.utc) - Date.parse(near)) / 86_400_000).toBeLessThan(183);
    expect(r.chart.meta.utc).toBe(r.utc.replace(/\.\d+Z$/, (m) => (m === ".000Z" ? "Z" : m)));
  });

  it.each(BIRTHS.slice(0, 4))(
    "puts the Moon back on its natal longitude within 1″ ($datetime)",
    (input) => {
      const natal = computeChart(input);
      const r = computeReturn(natal, { type: "lunar", near: "2030-03-10" });
      expect(arcsec(body(r.chart, "moon").longitude, body(natal, "moon").longitude)).toBeLessThan(
        1,
      );
      expect(Math.abs(Date.parse(r.utc) - Date.parse("2030-03-10")) / 86_400_000).toBeLessThan(14);
    },
  );

  // A birth at the March equinox of 2024 (USNO: 2024-03-20 03:06 UT) returns at the next one
  // (USNO: 2025-03-20 09:01 UT).
  it("returns a birth at one equinox at the next", () => {
    const natal = computeChart({ datetime: "2024-03-20T03:06:00Z", latitude: 0, longitude: 0 });
    expect(arcsec(body(natal, "sun").longitude, 0)).toBeLessThan(40);
    const r = computeReturn(natal, { type: "solar", near: "2025-03-01" });
    expect(Math.abs(Date.parse(r.utc) - Date.parse("2025-03-20T09:01:00Z")) / 60_000).toBeLessThan(
      2,
    );
  });

  it("casts the return for the place asked for, in its zone, or at the birth place", () => {
    const natal = computeChart(NATAL);
    const there = computeReturn(natal, {
      type: "solar",
      near: "2026-06-01",
      latitude: 40.7128,
      longitude: -74.006,
      timezone: "America/New_York",
    });
    expect(there.chart.input).toMatchObject({
      latitude: 40.7128,
      longitude: -74.006,
      timezone: "America/New_York",
    });
    const home = computeReturn(natal, { type: "solar", near: "2026-06-01" });
    expect(home.utc).toBe(there.utc);
    expect(home.chart.input).toMatchObject({ latitude: 51.5074, timezone: "Europe/London" });
    expect(home.chart.angles!.ascendant.longitude).not.toBeCloseTo(
      there.chart.angles!.ascendant.longitude,
      0,
    );
  });

  it("returns in the natal zodiac: a sidereal return falls later as precession carries the zodiac on", () => {
    const tropical = computeReturn(computeChart(NATAL), { type: "solar", near: "2040-06-01" });
    const sidereal = computeReturn(computeChart({ ...NATAL, zodiac: "sidereal" }), {
      type: "solar",
      near: "2040-06-01",
    });
    const minutes = (Date.parse(sidereal.utc) - Date.parse(tropical.utc)) / 60_000;
    // 50 years of precession at 50.3″ a year is 0.70°, which the Sun covers at its 0.954° a day
    // of June in about 17.6 hours.
    expect(minutes / 60).toBeGreaterThan(17);
    expect(minutes / 60).toBeLessThan(18.2);
  });

  it("warns that an unknown birth time makes the return uncertain", () => {
    const natal = computeChart({ ...NATAL, datetime: "1990-06-15", timeUnknown: true });
    const r = computeReturn(natal, { type: "solar", near: "2026-06-01" });
    expect(r.meta.warnings.map((w) => w.code)).toEqual(["NATAL_TIME_UNKNOWN"]);
    expect(r.chart.houses).not.toBeNull();
  });

  it("names the bad field", () => {
    const natal = computeChart(NATAL);
    expect(fail(() => computeReturn(natal, { type: "venus" as never, near: "2026-01-01" }))).toBe(
      "INVALID_OPTION@type",
    );
    expect(fail(() => computeReturn(natal, { type: "solar" } as never))).toBe(
      "INVALID_DATETIME@near",
    );
    expect(fail(() => computeReturn(natal, { type: "solar", near: "2200-12-01" }))).toBe(
      "DATE_OUT_OF_RANGE@near",
    );
    expect(
      fail(() => computeReturn(natal, { type: "solar", near: "2026-01-01", latitude: 10 })),
    ).toBe("INVALID_LONGITUDE@longitude");
    expect(
      fail(() =>
        computeReturn(natal, { type: "solar", near: "2026-01-01", latitude: 95, longitude: 0 }),
      ),
    ).toBe("INVALID_LATITUDE@latitude");
    expect(
      fail(() => computeReturn({ bodies: [] } as never, { type: "solar", near: "2026-01-01" })),
    ).toBe("INVALID_CHART@natal");
  });
});

describe("computeProgressions", () => {
  const natal = computeChart(NATAL);

  it("takes the planets of one day after birth for each year of age", () => {
    const p = computeProgressions(natal, { date: "2025-06-15" });
    const ageDays = (Date.parse("2025-06-15T00:00:00Z") - Date.parse(natal.meta.utc)) / 86_400_000;
    expect(p.ageYears).toBeCloseTo(ageDays / PROGRESSION_YEAR_DAYS, 5);
    const expectedMs = Date.parse(natal.meta.utc) + (ageDays / PROGRESSION_YEAR_DAYS) * 86_400_000;
    expect(Math.abs(Date.parse(p.progressedUtc) - expectedMs)).toBeLessThan(1);
    const plain = computeChart({
      datetime: p.progressedUtc,
      latitude: NATAL.latitude,
      longitude: NATAL.longitude,
    });
    for (const b of p.chart.bodies)
      expect(arcsec(b.longitude, body(plain, b.id).longitude)).toBeLessThan(0.01);
  });

  it("advances the midheaven by the solar arc and states the method", () => {
    const p = computeProgressions(natal, { date: "2025-06-15" });
    const arc = body(p.chart, "sun").longitude - body(natal, "sun").longitude;
    expect(p.solarArc).toBeCloseTo(arc, 5);
    // About a degree a year: 35 years in June–July give some 33°.
    expect(p.solarArc!).toBeGreaterThan(32);
    expect(p.solarArc!).toBeLessThan(35);
    expect(
      arcsec(p.chart.angles!.midheaven.longitude, natal.angles!.midheaven.longitude + arc),
    ).toBeLessThan(0.05);
    expect(p.method).toMatchObject({
      positions: "secondary",
      angles: "solarArcMc",
      yearDays: PROGRESSION_YEAR_DAYS,
    });
    expect(p.chart.houses!.cusps[9]).toBeCloseTo(p.chart.angles!.midheaven.longitude, 5);
  });

  it("at the birth itself gives back the natal chart's angles", () => {
    const p = computeProgressions(natal, { date: natal.meta.utc });
    expect(p.ageYears).toBe(0);
    expect(
      arcsec(p.chart.angles!.ascendant.longitude, natal.angles!.ascendant.longitude),
    ).toBeLessThan(0.05);
    expect(
      arcsec(p.chart.angles!.midheaven.longitude, natal.angles!.midheaven.longitude),
    ).toBeLessThan(0.05);
  });

  it("has no angles when the birth time is unknown", () => {
    const untimed = computeChart({ ...NATAL, datetime: "1990-06-15", timeUnknown: true });
    const p = computeProgressions(untimed, { date: "2025-06-15" });
    expect(p.chart.angles).toBeNull();
    expect(p.chart.houses).toBeNull();
    expect(p.solarArc).toBeNull();
    expect(p.method.angles).toBeNull();
  });

  it("names a bad date", () => {
    expect(fail(() => computeProgressions(natal, { date: "soon" }))).toBe("INVALID_DATETIME@date");
    expect(fail(() => computeProgressions(natal, { date: "2025-01-01", years: 3 } as never))).toBe(
      "INVALID_OPTION@years",
    );
  });
});
