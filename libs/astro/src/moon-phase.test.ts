import { Body, Illumination, MoonPhase } from "astronomy-engine";
import { describe, expect, it } from "vitest";
import { type AstroError, computeChart, listMoonPhases, type MoonEvent } from "./index.js";

const minutes = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 60_000;
const arcsec = (a: number, b: number) => Math.abs(((b - a + 540) % 360) - 180) * 3600;

describe("listMoonPhases", () => {
  const year = listMoonPhases({ from: "2024-01-01", to: "2024-12-31T23:59:59Z" });
  const phases = year.events.filter((e) => e.type === "phase");

  // US Naval Observatory, "Phases of the Moon 2024" (UT, to the minute).
  it.each([
    ["new", "2024-01-11T11:57Z"],
    ["firstQuarter", "2024-01-18T03:53Z"],
    ["full", "2024-01-25T17:54Z"],
    ["lastQuarter", "2024-02-02T23:18Z"],
    ["full", "2024-03-25T07:00Z"],
    ["new", "2024-04-08T18:21Z"],
    ["full", "2024-09-18T02:34Z"],
    ["new", "2024-10-02T18:49Z"],
    ["full", "2024-12-15T09:02Z"],
  ])("puts the %s moon of %s within a minute of the published time", (phase, utc) => {
    const found = phases.find((e) => e.phase === phase && minutes(e.utc, utc) < 60 * 24);
    expect(found).toBeDefined();
    expect(minutes(found!.utc, utc)).toBeLessThanOrEqual(1);
  });

  it("lists the lunation's four phases in turn, about 7.4 days apart", () => {
    expect(phases.length).toBeGreaterThanOrEqual(49);
    const order = ["new", "firstQuarter", "full", "lastQuarter"];
    for (let i = 1; i < phases.length; i++) {
      const prev = order.indexOf(phases[i - 1]!.phase);
      expect(phases[i]!.phase).toBe(order[(prev + 1) % 4]);
      const days = minutes(phases[i - 1]!.utc, phases[i]!.utc) / 1440;
      expect(days).toBeGreaterThan(6.4);
      expect(days).toBeLessThan(8.4);
    }
  });

  it("puts the Moon at the phase's elongation from the Sun within 1″ (the engine's own charts)", () => {
    const angle = { new: 0, firstQuarter: 90, full: 180, lastQuarter: 270 } as const;
    for (const e of phases) {
      const chart = computeChart({
        datetime: e.utc,
        latitude: 0,
        longitude: 0,
        bodies: ["sun", "moon"],
      });
      const [sun, moon] = chart.bodies;
      expect(arcsec(sun!.longitude + angle[e.phase], moon!.longitude)).toBeLessThan(1);
      expect(arcsec(e.longitude, moon!.longitude)).toBeLessThan(1);
    }
  });

  // NASA Eclipse Web Site (Espenak): greatest eclipse, UT.
  it.each([
    ["lunarEclipse", "penumbral", "2024-03-25T07:12:51Z"],
    ["solarEclipse", "total", "2024-04-08T18:17:16Z"],
    ["lunarEclipse", "partial", "2024-09-18T02:44:17Z"],
    ["solarEclipse", "annular", "2024-10-02T18:44:59Z"],
  ])("finds the %s (%s) of %s within two minutes", (type, kind, utc) => {
    const found = year.events.filter((e) => e.type === type);
    const match = found.find((e) => minutes(e.utc, utc) < 2) as Extract<
      MoonEvent,
      { kind: string }
    >;
    expect(match).toBeDefined();
    expect(match.kind).toBe(kind);
  });

  it("orders every event by time and keeps it inside the range", () => {
    const times = year.events.map((e) => Date.parse(e.utc));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(Date.parse("2024-01-01T00:00:00Z"));
    expect(times.at(-1)).toBeLessThanOrEqual(Date.parse("2024-12-31T23:59:59Z"));
  });

  it("gives sidereal longitudes when asked", () => {
    const range = { from: "2024-01-20", to: "2024-01-30" };
    const tropical = listMoonPhases(range).events[0] as Extract<MoonEvent, { type: "phase" }>;
    const sidereal = listMoonPhases({ ...range, zodiac: "sidereal" }).events[0] as typeof tropical;
    expect(tropical.utc).toBe(sidereal.utc);
    expect(tropical.longitude - sidereal.longitude).toBeCloseTo(24.19, 1);
  });

  it("refuses ranges that are reversed, too long or not instants", () => {
    const code = (options: object) => {
      try {
        listMoonPhases(options as never);
      } catch (e) {
        return `${(e as AstroError).code}@${(e as AstroError).field}`;
      }
      return "none";
    };
    expect(code({ from: "2024-02-01", to: "2024-01-01" })).toBe("INVALID_RANGE@to");
    expect(code({ from: "2024-01-01", to: "2025-01-02T00:00:01Z" })).toBe("RANGE_TOO_LONG@to");
    expect(code({ from: "2024-01-01T12:00", to: "2024-02-01" })).toBe("INVALID_DATETIME@from");
    expect(code({ from: "1700-01-01", to: "1700-02-01" })).toBe("DATE_OUT_OF_RANGE@from");
    expect(code({ from: "2024-01-01", to: "2024-02-01", colour: 1 })).toBe("INVALID_OPTION@colour");
  });
});

describe("chart.moonPhase", () => {
  it("agrees with astronomy-engine's phase angle and illuminated fraction", () => {
    for (let day = 0; day < 60; day += 1.7) {
      const ms = Date.UTC(2024, 0, 1) + day * 86_400_000;
      const chart = computeChart({
        datetime: new Date(ms).toISOString(),
        latitude: 10,
        longitude: 20,
      });
      const date = new Date(ms);
      expect(arcsec(chart.moonPhase.angle, MoonPhase(date))).toBeLessThan(30);
      expect(
        Math.abs(chart.moonPhase.illumination - Illumination(Body.Moon, date).phase_fraction),
      ).toBeLessThan(0.003);
    }
  });

  it.each([
    ["2024-01-11T11:57:00Z", "new"],
    ["2024-01-14T12:00:00Z", "waxingCrescent"],
    ["2024-01-18T03:53:00Z", "firstQuarter"],
    ["2024-01-21T12:00:00Z", "waxingGibbous"],
    ["2024-01-25T17:54:00Z", "full"],
    ["2024-01-29T12:00:00Z", "waningGibbous"],
    ["2024-02-02T23:18:00Z", "lastQuarter"],
    ["2024-02-06T12:00:00Z", "waningCrescent"],
  ])("names the phase at %s %s", (datetime, name) => {
    expect(computeChart({ datetime, latitude: 0, longitude: 0 }).moonPhase.name).toBe(name);
  });

  it("is there even when neither luminary is placed", () => {
    const chart = computeChart({
      datetime: "2024-01-25T17:54:00Z",
      latitude: 0,
      longitude: 0,
      bodies: ["mars"],
    });
    expect(chart.moonPhase.name).toBe("full");
    expect(chart.moonPhase.illumination).toBeGreaterThan(0.99);
  });
});
