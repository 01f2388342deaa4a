import { createRequire } from "node:module";
import { PlaceError } from "./place-error.js";

type GeoTz = typeof import("geo-tz/all");

export type PlaceWarningCode = "NAUTICAL_TIMEZONE";

export interface PlaceWarning {
  code: PlaceWarningCode;
  message: string;
}

export interface TimezoneLookup {
  /** IANA zone name, e.g. "Europe/Lisbon"; a nautical "Etc/GMT±N" zone at sea. */
  timezone: string;
  /** True when no civil zone covers the coordinates (open sea, unclaimed land). */
  nautical: boolean;
  warnings: PlaceWarning[];
}

/** Boundary tiles kept decoded; each is read from disk again when it falls out. */
export const BOUNDARY_TILE_CACHE_SIZE = 64;

/** Least recently used first: a Map keeps insertion order, and a hit re-inserts its key. */
class TileCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }
}

let geoTz: GeoTz | undefined;

/**
 * geo-tz's full data set keeps zones apart that have agreed only since 1970 (e.g.
 * Europe/Oslo and Europe/Berlin), which matters for birth charts. It is loaded on first use;
 * its default cache keeps every tile it ever decoded (hundreds of MiB over the whole world),
 * so a bounded one replaces it.
 */
function zonesAt(latitude: number, longitude: number): string[] {
  if (geoTz === undefined) {
    geoTz = createRequire(import.meta.url)("geo-tz/all") as GeoTz;
    geoTz.setCache({ store: new TileCache(BOUNDARY_TILE_CACHE_SIZE) });
  }
  return geoTz.find(latitude, longitude);
}

export function checkCoordinates(latitude: unknown, longitude: unknown): void {
  if (typeof latitude !== "number" || !Number.isFinite(latitude) || Math.abs(latitude) > 90) {
    throw new PlaceError(
      "INVALID_LATITUDE",
      "latitude",
      "latitude must be a number of degrees from -90 to 90",
    );
  }
  if (typeof longitude !== "number" || !Number.isFinite(longitude) || Math.abs(longitude) > 180) {
    throw new PlaceError(
      "INVALID_LONGITUDE",
      "longitude",
      "longitude must be a number of degrees from -180 to 180",
    );
  }
}

/**
 * The time zone in force at a point, from the timezone-boundary-builder polygons (land and
 * territorial waters). Elsewhere the answer is the nautical zone of the longitude, with a
 * NAUTICAL_TIMEZONE warning.
 */
export function timezoneAt(latitude: number, longitude: number): TimezoneLookup {
  checkCoordinates(latitude, longitude);
  // Where zones overlap (disputed land) geo-tz lists each, and at sea it answers the nautical
  // zone of the longitude itself; the first is taken.
  const timezone = zonesAt(latitude, longitude)[0]!;
  const nautical = timezone.startsWith("Etc/");
  return {
    timezone,
    nautical,
    warnings: nautical
      ? [
          {
            code: "NAUTICAL_TIMEZONE",
            message: `no civil time zone covers ${latitude}, ${longitude} (open sea or unclaimed land); the nautical zone ${timezone} was used (POSIX sign: Etc/GMT+3 is UTC-3)`,
          },
        ]
      : [],
  };
}
