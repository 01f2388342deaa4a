import { getPlace, loadPlaces, PlaceError } from "@orrery/places";
import { beforeAll, describe, expect, it } from "vitest";
import { locateChartInput, locatePlace } from "./chart-location.js";

const LISBON = "2267057";

// Building the city index reads every city once (seconds on a busy machine): done here, so that
// no test's own time limit includes it.
beforeAll(() => {
  loadPlaces();
}, 120_000);

describe("locateChartInput", () => {
  it("leaves an input that names its coordinates and zone as it is", () => {
    const input = {
      datetime: "1990-01-01T12:00:00",
      timezone: "Europe/Paris",
      latitude: 48.85,
      longitude: 2.35,
    };
    expect(locateChartInput(input)).toEqual({ input, lookup: undefined });
  });

  it("turns a placeId into the place's coordinates and zone", () => {
    const place = getPlace(LISBON);
    const located = locateChartInput({
      datetime: "1990-01-01T12:00:00",
      placeId: LISBON,
      zodiac: "sidereal",
    });
    expect(located.input).toEqual({
      datetime: "1990-01-01T12:00:00",
      zodiac: "sidereal",
      latitude: place.latitude,
      longitude: place.longitude,
      timezone: "Europe/Lisbon",
    });
    expect(located.lookup).toEqual({ timezoneSource: "place", place, warnings: [] });
  });

  it("keeps a zone or an offset given beside a placeId", () => {
    const zone = locateChartInput({
      datetime: "1990-01-01T12:00:00",
      placeId: LISBON,
      timezone: "UTC",
    });
    expect(zone.input.timezone).toBe("UTC");
    expect(zone.lookup?.timezoneSource).toBe("given");
    const offset = locateChartInput({
      datetime: "1990-01-01T12:00:00",
      placeId: LISBON,
      utcOffset: "-01:00",
    });
    expect(offset.input).not.toHaveProperty("timezone");
    expect(offset.input.utcOffset).toBe("-01:00");
    expect(offset.lookup?.timezoneSource).toBeNull();
  });

  it('takes the zone at the coordinates for "auto", a nautical one at sea with a warning', () => {
    const land = locateChartInput({
      datetime: "1990-01-01T12:00:00",
      latitude: 35.68,
      longitude: 139.69,
      timezone: "auto",
    });
    expect(land.input.timezone).toBe("Asia/Tokyo");
    expect(land.lookup).toMatchObject({ timezoneSource: "coordinates", place: null, warnings: [] });
    const sea = locatePlace({ latitude: -40, longitude: -150, timezone: "auto" });
    expect(sea.place.timezone).toBe("Etc/GMT+10");
    expect(sea.lookup.warnings.map((warning) => warning.code)).toEqual(["NAUTICAL_TIMEZONE"]);
  });

  it("refuses a place with coordinates, and a place that does not exist", () => {
    const code = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof PlaceError ? error.code : "other";
      }
      return "none";
    };
    expect(code(() => locatePlace({ placeId: LISBON, latitude: 1 }))).toBe("LOCATION_CONFLICT");
    expect(code(() => locatePlace({ placeId: "999999999" }))).toBe("PLACE_NOT_FOUND");
    expect(
      code(() => locatePlace({ latitude: 1, longitude: 1, timezone: "auto", utcOffset: "+01:00" })),
    ).toBe("TIMEZONE_CONFLICT");
  });
});
