import { describe, expect, it } from "vitest";
import { LONDON_1990 as NATAL } from "./births.test-support.js";
import {
  type AstroError,
  computeChart,
  computeTransitTimeline,
  type TimelineEvent,
} from "./index.js";

const arcsec = (a: number, b: number) => Math.abs(((b - a + 540) % 360) - 180) * 3600;
const minutes = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 60_000;
type AspectEvent = Extract<TimelineEvent, { type: "aspect" }>;

/** Where a body is at an instant, in the natal chart's zodiac. */
function longitudeOf(id: string, utc: string, zodiac: "tropical" | "sidereal" = "tropical") {
  const chart = computeChart({
    datetime: utc,
    latitude: 0,
    longitude: 0,
    bodies: [id as never],
    zodiac,
  });
  return chart.bodies[0]!.longitude;
}

function natalLongitude(natal: ReturnType<typeof computeChart>, id: string): number {
  if (id === "ascendant") return natal.angles!.ascendant.longitude;
  if (id === "midheaven") return natal.angles!.midheaven.longitude;
  return natal.bodies.find((b) => b.id === id)!.longitude;
}

/** |separation − aspect angle| at an instant, arcseconds. */
function offAspect(natal: ReturnType<typeof computeChart>, e: AspectEvent, utc: string) {
  const t = longitudeOf(e.transit, utc, natal.input.zodiac);
  const separation = arcsec(t, natalLongitude(natal, e.natal)) / 3600;
  return Math.abs(separation - e.exactAngle) * 3600;
}

describe("computeTransitTimeline", () => {
  const natal = computeChart(NATAL);
  const year = computeTransitTimeline(natal, { from: "2025-01-01", to: "2026-01-01" });
  const aspects = year.events.filter((e): e is AspectEvent => e.type === "aspect");

  it("puts the transiting body at the aspect angle within 30″ at every exact instant", () => {
    const exacts = aspects.flatMap((e) => e.exact.map((utc) => ({ e, utc })));
    expect(exacts.length).toBeGreaterThan(100);
    for (const { e, utc } of exacts) expect(offAspect(natal, e, utc)).toBeLessThan(30);
  });

  it("enters and leaves each orb at its edge, within 30″", () => {
    for (const e of aspects) {
      for (const utc of [e.enters, e.leaves]) {
        if (utc !== null)
          expect(Math.abs(offAspect(natal, e, utc) - e.orb * 3600)).toBeLessThan(30);
      }
    }
  });

  it("lists a retrograde pass as one period with several exact instants", () => {
    const passes = aspects.filter((e) => e.exact.length >= 2);
    expect(passes.length).toBeGreaterThan(0);
    for (const e of passes) {
      const times = e.exact.map(Date.parse);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // A body stations between two exact passes.
      const stations = year.events.filter(
        (s) =>
          s.type === "station" &&
          s.body === e.transit &&
          Date.parse(s.utc) > times[0]! &&
          Date.parse(s.utc) < times.at(-1)!,
      );
      expect(stations.length).toBeGreaterThan(0);
    }
  });

  it("orders events by their first instant and keeps them in range", () => {
    const first = (e: TimelineEvent) =>
      Date.parse(e.type === "aspect" ? (e.enters ?? year.from) : e.utc);
    const times = year.events.map(first);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const e of aspects) {
      for (const utc of [e.enters, ...e.exact, e.leaves]) {
        if (utc === null) continue;
        expect(Date.parse(utc)).toBeGreaterThanOrEqual(Date.parse(year.from));
        expect(Date.parse(utc)).toBeLessThanOrEqual(Date.parse(year.to));
      }
    }
  });

  // USNO, "Earth's Seasons" 2025 (UT, to the minute): the Sun's ingresses into the cardinal signs.
  it.each([
    ["aries", "2025-03-20T09:01Z"],
    ["cancer", "2025-06-21T02:42Z"],
    ["libra", "2025-09-22T18:19Z"],
    ["capricorn", "2025-12-21T15:03Z"],
  ])("has the Sun enter %s at the published equinox or solstice (%s)", (sign, utc) => {
    const ingress = year.events.find(
      (e) => e.type === "ingress" && e.body === "sun" && e.sign === sign,
    );
    expect(ingress).toBeDefined();
    expect(minutes((ingress as { utc: string }).utc, utc)).toBeLessThanOrEqual(1);
  });

  // Mercury's stations of 2025 as ephemerides publish them (2025-03-15 06:46 UT retrograde,
  // 2025-04-07 11:08 UT direct). A station is ill-conditioned (the speed crosses zero slowly),
  // so published times differ by minutes; they are held to ten.
  it.each([
    ["retrograde", "2025-03-15T06:46Z"],
    ["direct", "2025-04-07T11:08Z"],
  ])("finds Mercury's %s station of %s", (direction, utc) => {
    const station = year.events.find(
      (e) =>
        e.type === "station" &&
        e.body === "mercury" &&
        e.direction === direction &&
        minutes(e.utc, utc) < 1440,
    );
    expect(station).toBeDefined();
    expect(minutes((station as { utc: string }).utc, utc)).toBeLessThanOrEqual(10);
  });

  it("marks backward ingresses as retrograde and enters the sign below", () => {
    // Mercury went back from Aries into Pisces at the end of March 2025.
    const back = year.events.find(
      (e) => e.type === "ingress" && e.body === "mercury" && e.retrograde,
    );
    expect(back).toMatchObject({ sign: "pisces" });
  });

  it("follows the options: bodies, aspects and orb", () => {
    const narrow = computeTransitTimeline(natal, {
      from: "2025-01-01",
      to: "2025-07-01",
      bodies: ["moon"],
      aspectTypes: ["conjunction"],
      orb: 1,
    });
    const moonAspects = narrow.events.filter((e): e is AspectEvent => e.type === "aspect");
    // The Moon meets each natal point about once a month.
    expect(moonAspects.length).toBeGreaterThan(6 * 13);
    expect(new Set(moonAspects.map((e) => `${e.transit}:${e.aspect}:${e.orb}`))).toEqual(
      new Set(["moon:conjunction:1"]),
    );
    expect(narrow.events.some((e) => e.type === "station")).toBe(false);
  });

  it("works in the sidereal zodiac of a sidereal chart", () => {
    const sidereal = computeChart({ ...NATAL, zodiac: "sidereal" });
    const timeline = computeTransitTimeline(sidereal, {
      from: "2025-01-01",
      to: "2025-04-01",
      bodies: ["sun", "mars"],
    });
    const found = timeline.events.filter(
      (e): e is AspectEvent => e.type === "aspect" && e.exact.length > 0,
    );
    expect(found.length).toBeGreaterThan(0);
    for (const e of found)
      for (const utc of e.exact) expect(offAspect(sidereal, e, utc)).toBeLessThan(30);
  });

  it("refuses ranges over a year and bad options", () => {
    const code = (options: object) => {
      try {
        computeTransitTimeline(natal, options as never);
      } catch (e) {
        return `${(e as AstroError).code}@${(e as AstroError).field}`;
      }
      return "none";
    };
    expect(code({ from: "2025-01-01", to: "2026-01-03" })).toBe("RANGE_TOO_LONG@to");
    expect(code({ from: "2025-01-01", to: "2024-01-01" })).toBe("INVALID_RANGE@to");
    expect(code({ from: "2025-01-01", to: "2025-02-01", orb: 0 })).toBe("INVALID_ORB@orb");
    expect(code({ from: "2025-01-01", to: "2025-02-01", bodies: ["vulcan"] })).toBe(
      "UNKNOWN_BODY@bodies[0]",
    );
    expect(code({ from: "2025-01-01", to: "2025-02-01", aspectTypes: ["grand-cross"] })).toBe(
      "UNKNOWN_ASPECT@aspectTypes[0]",
    );
  });
});
