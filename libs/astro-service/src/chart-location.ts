import type { Chart, ChartInput, Warning } from "@orrery/astro";
import {
  type Place,
  type PlaceWarning,
  resolveLocation,
  type TimezoneSource,
} from "@orrery/places";

/**
 * A chart input as the API takes it: the engine's, or with a `placeId` instead of coordinates
 * (and zone), or with `timezone: "auto"` for the zone at the coordinates.
 */
export type ChartRequestInput = Omit<ChartInput, "latitude" | "longitude"> & {
  readonly placeId?: string;
  readonly latitude?: number;
  readonly longitude?: number;
};

/** How a chart's place and zone were found, as its `meta.location` says. */
export interface ChartLocation {
  /** The zone the wall time was read in; null when read by an offset. */
  readonly timezone: string | null;
  /** Where that zone came from: the input, the place, or the coordinates ("auto"). */
  readonly timezoneSource: TimezoneSource | null;
  /** The place named by placeId, or null. */
  readonly place: Place | null;
}

/** What a looked-up place or zone adds to a chart, beyond the engine's input. */
export interface LocationLookup {
  readonly timezoneSource: TimezoneSource | null;
  readonly place: Place | null;
  readonly warnings: readonly PlaceWarning[];
}

export interface LocatedInput {
  /** The engine's input: coordinates (and the zone) filled in. */
  readonly input: ChartInput;
  /** Set when a place or zone was looked up (placeId, timezone "auto"). */
  readonly lookup: LocationLookup | undefined;
}

/** Whether the input names a place or asks for the zone of its coordinates. */
export function needsLookup(input: {
  readonly placeId?: string | undefined;
  readonly timezone?: string | null | undefined;
}): boolean {
  return input.placeId !== undefined || input.timezone === "auto";
}

/** A place as the API takes it: coordinates or a placeId, a zone (or "auto") or an offset. */
export interface PlaceRequest {
  readonly placeId?: string;
  readonly latitude?: number;
  readonly longitude?: number;
  readonly timezone?: string;
  readonly utcOffset?: string;
}

/** A place as the engine takes it. */
export interface EnginePlace {
  readonly latitude: number;
  readonly longitude: number;
  readonly timezone?: string;
  readonly utcOffset?: string;
}

/**
 * The engine's place for an API place: a placeId becomes the place's coordinates and zone (a
 * zone or offset given beside it wins), "auto" the zone at the coordinates (a nautical
 * Etc/GMT±N zone at sea, with a warning). Throws PlaceError for a place or zone it cannot find.
 */
export function locatePlace(request: PlaceRequest): { place: EnginePlace; lookup: LocationLookup } {
  const { placeId, latitude, longitude, timezone, utcOffset } = request;
  const resolved = resolveLocation({
    ...(placeId === undefined ? {} : { placeId }),
    ...(latitude === undefined ? {} : { latitude }),
    ...(longitude === undefined ? {} : { longitude }),
    ...(timezone === undefined ? {} : { timezone }),
    ...(utcOffset === undefined ? {} : { utcOffset }),
  });
  return {
    place: {
      latitude: resolved.latitude,
      longitude: resolved.longitude,
      ...(resolved.timezone === undefined ? {} : { timezone: resolved.timezone }),
      ...(utcOffset === undefined ? {} : { utcOffset }),
    },
    lookup: {
      timezoneSource: resolved.timezoneSource,
      place: resolved.place,
      warnings: resolved.warnings,
    },
  };
}

/** The engine's input for an API chart input (see locatePlace). */
export function locateChartInput(input: ChartRequestInput): LocatedInput {
  if (!needsLookup(input)) return { input: input as ChartInput, lookup: undefined };
  const { placeId, latitude, longitude, timezone, utcOffset, ...rest } = input;
  const { place, lookup } = locatePlace({
    ...(placeId === undefined ? {} : { placeId }),
    ...(latitude === undefined ? {} : { latitude }),
    ...(longitude === undefined ? {} : { longitude }),
    ...(timezone === undefined ? {} : { timezone }),
    ...(utcOffset === undefined ? {} : { utcOffset }),
  });
  return { input: { ...rest, ...place }, lookup };
}

/** The location of a chart computed from `input` and, when one was made, its lookup. */
export function chartLocation(
  input: Chart["input"],
  lookup: LocationLookup | undefined,
): ChartLocation {
  if (lookup === undefined) {
    return {
      timezone: input.timezone,
      timezoneSource: input.timezone === null ? null : "given",
      place: null,
    };
  }
  return { timezone: input.timezone, timezoneSource: lookup.timezoneSource, place: lookup.place };
}

/** A chart as the API sends it: the engine's, with its location and the lookup's warnings. */
export type LocatedChart = Omit<Chart, "meta"> & {
  readonly meta: Omit<Chart["meta"], "warnings"> & {
    readonly warnings: readonly (Warning | PlaceWarning)[];
    readonly location: ChartLocation;
  };
};

/** The chart with its location in `meta.location` and the lookup's warnings in `meta.warnings`. */
export function withLocation(
  chart: Chart,
  location: ChartLocation,
  warnings: readonly PlaceWarning[] = [],
): LocatedChart {
  return {
    ...chart,
    meta: { ...chart.meta, warnings: [...chart.meta.warnings, ...warnings], location },
  };
}
