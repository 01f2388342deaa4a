import { isPlainObject } from "./chart-input.js";
import type { Chart, ChartInput } from "./chart-types.js";
import { AstroError } from "./errors.js";

/** Where a chart derived from a natal one is cast. */
export interface ChartPlace {
  latitude: number;
  longitude: number;
  timezone?: string;
  utcOffset?: string;
}

/**
 * The input of a chart for an exact instant, with the natal chart's settings (house system,
 * zodiac, bodies, aspects). The wall time is shown in the place's zone or offset when it has one,
 * else in UTC.
 */
export function inputAt(
  natal: Chart,
  epochMs: number,
  place: ChartPlace,
  options: { timeUnknown?: boolean } = {},
): ChartInput {
  const n = natal.input;
  const timeUnknown = options.timeUnknown ?? false;
  return {
    datetime: new Date(Math.round(epochMs)).toISOString(),
    ...(place.timezone === undefined ? {} : { timezone: place.timezone }),
    ...(place.utcOffset === undefined ? {} : { utcOffset: place.utcOffset }),
    latitude: place.latitude,
    longitude: place.longitude,
    ...(timeUnknown ? { timeUnknown } : { houseSystem: n.houseSystem ?? "placidus" }),
    zodiac: n.zodiac,
    ...(n.ayanamsa === null ? {} : { ayanamsa: n.ayanamsa }),
    bodies: [...n.bodies],
    aspectTypes: [...n.aspectTypes],
    orbs: { ...n.orbs },
    luminaryOrbBonus: n.luminaryOrbBonus,
  };
}

/** The natal chart's own place and zone. */
export function natalPlace(natal: Chart): ChartPlace {
  const n = natal.input;
  return {
    latitude: n.latitude,
    longitude: n.longitude,
    ...(n.timezone === null ? {} : { timezone: n.timezone }),
    ...(n.utcOffset === null ? {} : { utcOffset: n.utcOffset }),
  };
}

/**
 * A place given in options (`latitude`, `longitude` and optionally `timezone` or `utcOffset`),
 * or the natal one when none is given.
 */
export function placeFrom(options: Record<string, unknown>, natal: Chart): ChartPlace {
  const { latitude, longitude, timezone, utcOffset } = options;
  if (latitude === undefined && longitude === undefined) {
    if (timezone !== undefined || utcOffset !== undefined) {
      throw new AstroError(
        "INVALID_OPTION",
        timezone !== undefined ? "timezone" : "utcOffset",
        "a timezone or utcOffset needs latitude and longitude with it",
      );
    }
    return natalPlace(natal);
  }
  if (latitude === undefined || longitude === undefined) {
    const missing = latitude === undefined ? "latitude" : "longitude";
    throw new AstroError(
      missing === "latitude" ? "INVALID_LATITUDE" : "INVALID_LONGITUDE",
      missing,
      "give latitude and longitude together",
    );
  }
  return {
    latitude: latitude as number,
    longitude: longitude as number,
    ...(timezone === undefined ? {} : { timezone: timezone as string }),
    ...(utcOffset === undefined ? {} : { utcOffset: utcOffset as string }),
  };
}

/** Rejects keys an options object does not know, naming the first. */
export function knownKeys(
  options: unknown,
  keys: readonly string[],
  what: string,
): Record<string, unknown> {
  if (!isPlainObject(options)) {
    throw new AstroError("INVALID_INPUT", "", `${what} options must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) {
      throw new AstroError("INVALID_OPTION", key, `unknown ${what} option ${JSON.stringify(key)}`);
    }
  }
  // Undefined values mean "not given", as in chart inputs.
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
