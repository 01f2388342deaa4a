import { PlaceError } from "./place-error.js";
import { getPlace, type Place } from "./place-index.js";
import { checkCoordinates, type PlaceWarning, timezoneAt } from "./timezone-lookup.js";

/** The location fields of a chart input, before the place or zone is looked up. */
export interface LocationInput {
  /** A GeoNames id from searchPlaces, instead of latitude and longitude. */
  placeId?: string;
  latitude?: number;
  longitude?: number;
  /** An IANA zone, or "auto" for the zone at the coordinates. */
  timezone?: string;
  utcOffset?: string;
}

export type TimezoneSource = "given" | "place" | "coordinates";

export interface ResolvedLocation {
  latitude: number;
  longitude: number;
  /** The zone to compute with; absent when the input reads time by utcOffset or in its datetime. */
  timezone?: string;
  /** Where `timezone` came from; null when there is none. */
  timezoneSource: TimezoneSource | null;
  /** The place named by placeId, or null. */
  place: Place | null;
  warnings: PlaceWarning[];
}

/**
 * Turns `placeId` or `timezone: "auto"` into the coordinates and zone a chart needs, so that a
 * route can spread the result into the engine's input. A zone given by name is kept as given,
 * even with a placeId (a caller may know better, e.g. for historical dates).
 */
export function resolveLocation(input: LocationInput): ResolvedLocation {
  const { placeId, latitude, longitude, timezone, utcOffset } = input;
  if (timezone !== undefined && typeof timezone !== "string") {
    throw new PlaceError(
      "INVALID_TIMEZONE",
      "timezone",
      'timezone must be an IANA zone name or "auto"',
    );
  }
  const auto = timezone === "auto";
  if (auto && utcOffset !== undefined) {
    throw new PlaceError(
      "TIMEZONE_CONFLICT",
      "utcOffset",
      'give either timezone "auto" or utcOffset, not both',
    );
  }
  const given = timezone !== undefined && !auto ? timezone : undefined;
  const explicit = (lat: number, lon: number, place: Place | null): ResolvedLocation => ({
    latitude: lat,
    longitude: lon,
    ...(given === undefined ? {} : { timezone: given }),
    timezoneSource: given === undefined ? null : "given",
    place,
    warnings: [],
  });

  if (placeId !== undefined) {
    if (latitude !== undefined || longitude !== undefined) {
      throw new PlaceError(
        "LOCATION_CONFLICT",
        latitude !== undefined ? "latitude" : "longitude",
        "give either placeId or latitude and longitude, not both",
      );
    }
    const place = getPlace(placeId);
    if (given !== undefined || (utcOffset !== undefined && !auto)) {
      return explicit(place.latitude, place.longitude, place);
    }
    return {
      latitude: place.latitude,
      longitude: place.longitude,
      timezone: place.timezone,
      timezoneSource: "place",
      place,
      warnings: [],
    };
  }

  if (latitude === undefined || longitude === undefined) {
    throw new PlaceError(
      "MISSING_LOCATION",
      latitude === undefined ? "latitude" : "longitude",
      "give latitude and longitude, or a placeId",
    );
  }
  checkCoordinates(latitude, longitude);
  if (!auto) return explicit(latitude, longitude, null);
  const zone = timezoneAt(latitude, longitude);
  return {
    latitude,
    longitude,
    timezone: zone.timezone,
    timezoneSource: "coordinates",
    place: null,
    warnings: zone.warnings,
  };
}
