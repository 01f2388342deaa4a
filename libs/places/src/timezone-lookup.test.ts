import { describe, expect, it } from "vitest";
import { type PlaceError, resolveLocation, searchPlaces, timezoneAt } from "./index.js";
import { codeOf } from "./place-error.test-support.js";

describe("timezoneAt", () => {
  // Zones of the IANA tz database for well-known places, including ones that have agreed with
  // a neighbour only since 1970 (Oslo, Berlin) and ones near a zone border (El Paso, Detroit).
  it.each([
    [38.7167, -9.1333, "Europe/Lisbon"],
    [-23.5475, -46.6361, "America/Sao_Paulo"],
    [22.5726, 88.3639, "Asia/Kolkata"],
    [59.9127, 10.7461, "Europe/Oslo"],
    [52.52, 13.405, "Europe/Berlin"],
    [31.7619, -106.485, "America/Denver"],
    [42.3314, -83.0458, "America/Detroit"],
    [21.3069, -157.8583, "Pacific/Honolulu"],
    [-33.8688, 151.2093, "Australia/Sydney"],
    [54.7104, 20.4522, "Europe/Kaliningrad"],
  ])("puts %s, %s in %s", (lat, lon, zone) => {
    expect(timezoneAt(lat, lon)).toEqual({ timezone: zone, nautical: false, warnings: [] });
  });

  it.each([
    [0, -30, "Etc/GMT+2"],
    [0, -150, "Etc/GMT+10"],
    [-40, 150.5, "Etc/GMT-10"],
    [30, -40, "Etc/GMT+3"],
  ])("gives the open sea at %s, %s the nautical zone %s, with a warning", (lat, lon, zone) => {
    const found = timezoneAt(lat, lon);
    expect(found.timezone).toBe(zone);
    expect(found.nautical).toBe(true);
    expect(found.warnings.map((w) => w.code)).toEqual(["NAUTICAL_TIMEZONE"]);
  });

  it("rejects coordinates off the globe", () => {
    expect(codeOf(() => timezoneAt(91, 0))).toBe("INVALID_LATITUDE");
    expect(codeOf(() => timezoneAt(0, -180.5))).toBe("INVALID_LONGITUDE");
    expect(codeOf(() => timezoneAt(Number.NaN, 0))).toBe("INVALID_LATITUDE");
  });
});

describe("resolveLocation", () => {
  const lisbon = searchPlaces({ query: "Lisbon", country: "PT", limit: 1 })[0]!;

  it("takes coordinates and zone from a placeId", () => {
    expect(resolveLocation({ placeId: lisbon.id })).toEqual({
      latitude: lisbon.latitude,
      longitude: lisbon.longitude,
      timezone: "Europe/Lisbon",
      timezoneSource: "place",
      place: lisbon,
      warnings: [],
    });
  });

  it("keeps a zone or offset given with a placeId", () => {
    const given = resolveLocation({ placeId: lisbon.id, timezone: "Europe/Madrid" });
    expect(given.timezone).toBe("Europe/Madrid");
    expect(given.timezoneSource).toBe("given");
    const offset = resolveLocation({ placeId: lisbon.id, utcOffset: "-00:36:45" });
    expect(offset.timezone).toBeUndefined();
    expect(offset.timezoneSource).toBeNull();
  });

  it('looks the zone up for timezone "auto", with the nautical warning at sea', () => {
    expect(resolveLocation({ latitude: 59.91, longitude: 10.75, timezone: "auto" })).toMatchObject({
      timezone: "Europe/Oslo",
      timezoneSource: "coordinates",
      warnings: [],
    });
    const sea = resolveLocation({ latitude: 0, longitude: -30, timezone: "auto" });
    expect(sea.timezone).toBe("Etc/GMT+2");
    expect(sea.warnings[0]!.code).toBe("NAUTICAL_TIMEZONE");
  });

  it("passes coordinates and a named zone through unchanged", () => {
    expect(resolveLocation({ latitude: 10, longitude: 20, timezone: "Africa/Ndjamena" })).toEqual({
      latitude: 10,
      longitude: 20,
      timezone: "Africa/Ndjamena",
      timezoneSource: "given",
      place: null,
      warnings: [],
    });
  });

  it("names the conflicting or missing field", () => {
    const fail = (input: Parameters<typeof resolveLocation>[0]) => {
      try {
        resolveLocation(input);
      } catch (error) {
        return `${(error as PlaceError).code}@${(error as PlaceError).field}`;
      }
      return "no error";
    };
    expect(fail({ placeId: lisbon.id, latitude: 1 })).toBe("LOCATION_CONFLICT@latitude");
    expect(fail({ latitude: 1 })).toBe("MISSING_LOCATION@longitude");
    expect(fail({})).toBe("MISSING_LOCATION@latitude");
    expect(fail({ latitude: 1, longitude: 2, timezone: "auto", utcOffset: "+01:00" })).toBe(
      "TIMEZONE_CONFLICT@utcOffset",
    );
    expect(fail({ placeId: "nope" })).toBe("INVALID_PLACE_ID@placeId");
    expect(fail({ latitude: 100, longitude: 0, timezone: "auto" })).toBe(
      "INVALID_LATITUDE@latitude",
    );
  });
});
