import {
  ASPECT_TYPES,
  type AspectType,
  DEFAULT_LUMINARY_ORB_BONUS,
  DEFAULT_ORBS,
  isAspectType,
  MAJOR_ASPECT_TYPES,
  MAX_ORB,
} from "./aspect-types.js";
import { isAyanamsa } from "./ayanamsa.js";
import { BODY_IDS, type BodyId, isBodyId } from "./body-ids.js";
import type { ChartInput, NormalizedChartInput } from "./chart-types.js";
import {
  DISAMBIGUATIONS,
  type Disambiguation,
  formatOffset,
  formatWall,
  parseDatetime,
  type ResolvedTime,
  resolveTime,
} from "./civil-time.js";
import { AstroError } from "./errors.js";
import { isHouseSystem } from "./house-systems.js";
import { isZodiac } from "./zodiac.js";

const INPUT_KEYS: readonly (keyof ChartInput)[] = [
  "datetime",
  "timezone",
  "utcOffset",
  "disambiguation",
  "latitude",
  "longitude",
  "houseSystem",
  "zodiac",
  "ayanamsa",
  "timeUnknown",
  "bodies",
  "aspectTypes",
  "orbs",
  "luminaryOrbBonus",
];

export const MAX_LUMINARY_ORB_BONUS = 5;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The bodies a list names, in canonical order, or `defaults` when it is absent; never none. */
export function bodiesOption(value: unknown, field: string, defaults: readonly BodyId[]): BodyId[] {
  const bodies =
    value === undefined ? [...defaults] : listOf(value, field, BODY_IDS, isBodyId, "UNKNOWN_BODY");
  if (bodies.length === 0) {
    throw new AstroError("INVALID_OPTION", field, "bodies must name at least one body");
  }
  return bodies;
}

/**
 * A computation's options: undefined is none given; anything else must be a plain object whose
 * keys are all in `keys`, or an INVALID_OPTION names "options" or the first unknown key.
 */
export function checkedOptions(
  value: unknown,
  keys: readonly string[],
  what: string,
): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    throw new AstroError("INVALID_OPTION", "options", "options must be an object");
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      throw new AstroError(
        "INVALID_OPTION",
        `options.${key}`,
        `unknown ${what} option ${JSON.stringify(key)}`,
      );
    }
  }
  return value;
}

/** Absent, undefined and null all mean "use the default" (normalized inputs carry nulls). */
function given(record: Record<string, unknown>, key: string): unknown {
  const v = record[key];
  return v === null ? undefined : v;
}

function optionalString(record: Record<string, unknown>, key: string, error: () => AstroError) {
  const v = given(record, key);
  if (v !== undefined && typeof v !== "string") throw error();
  return v as string | undefined;
}

function coordinate(value: unknown, field: "latitude" | "longitude", limit: number): number {
  const code = field === "latitude" ? "INVALID_LATITUDE" : "INVALID_LONGITUDE";
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new AstroError(code, field, `${field} must be a finite number of degrees`);
  }
  if (value < -limit || value > limit) {
    throw new AstroError(
      code,
      field,
      `${field} must lie between -${limit} and ${limit}, got ${value}`,
    );
  }
  return value === 0 ? 0 : value;
}

export function listOf<T extends string>(
  value: unknown,
  field: string,
  canonical: readonly T[],
  isValid: (v: unknown) => v is T,
  unknownCode: "UNKNOWN_BODY" | "UNKNOWN_ASPECT",
): T[] {
  if (!Array.isArray(value)) {
    throw new AstroError("INVALID_OPTION", field, `${field} must be an array`);
  }
  value.forEach((v, i) => {
    if (!isValid(v)) {
      throw new AstroError(
        unknownCode,
        `${field}[${i}]`,
        `${JSON.stringify(v)} is not one of ${canonical.join(", ")}`,
      );
    }
  });
  return canonical.filter((id) => value.includes(id));
}

function orbValue(value: unknown, field: string, min: number, max: number, allowMin: boolean) {
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value > max ||
    value < min ||
    (!allowMin && value === min)
  ) {
    throw new AstroError(
      "INVALID_ORB",
      field,
      `${field} must be a number of degrees ${allowMin ? "from" : "above"} ${min} up to ${max}`,
    );
  }
  return value === 0 ? 0 : value;
}

export interface AspectSettingsInput {
  aspectTypes: AspectType[];
  orbs: Partial<Record<AspectType, number>>;
  luminaryOrbBonus: number;
}

/**
 * Reads `aspectTypes`, `orbs` and `luminaryOrbBonus` from a chart input or an options object
 * (field names prefixed with `prefix`). Without aspectTypes the five majors are used, plus any
 * minor aspect that is given an orb.
 */
export function parseAspectSettings(
  source: Record<string, unknown>,
  prefix: string,
  defaults: { orbs: Readonly<Record<AspectType, number>>; luminaryOrbBonus: number },
): AspectSettingsInput {
  const orbsGiven = given(source, "orbs");
  if (orbsGiven !== undefined && !isPlainObject(orbsGiven)) {
    throw new AstroError(
      "INVALID_ORB",
      `${prefix}orbs`,
      "orbs must be an object of aspect type → degrees",
    );
  }
  const orbOverrides = new Map<AspectType, number>();
  for (const [key, value] of Object.entries(orbsGiven ?? {})) {
    const field = `${prefix}orbs.${key}`;
    if (!isAspectType(key)) {
      throw new AstroError("UNKNOWN_ASPECT", field, `${JSON.stringify(key)} is not an aspect type`);
    }
    if (value !== undefined) orbOverrides.set(key, orbValue(value, field, 0, MAX_ORB, false));
  }
  const typesGiven = given(source, "aspectTypes");
  let aspectTypes: AspectType[];
  if (typesGiven === undefined) {
    aspectTypes = ASPECT_TYPES.filter(
      (t) => (MAJOR_ASPECT_TYPES as readonly string[]).includes(t) || orbOverrides.has(t),
    );
  } else {
    aspectTypes = listOf(
      typesGiven,
      `${prefix}aspectTypes`,
      ASPECT_TYPES,
      isAspectType,
      "UNKNOWN_ASPECT",
    );
    for (const key of orbOverrides.keys()) {
      if (!aspectTypes.includes(key)) {
        throw new AstroError(
          "INVALID_OPTION",
          `${prefix}orbs.${key}`,
          `an orb is given for ${key} but ${key} is not in aspectTypes`,
        );
      }
    }
  }
  const orbs: Partial<Record<AspectType, number>> = {};
  for (const t of aspectTypes) orbs[t] = orbOverrides.get(t) ?? defaults.orbs[t];
  const bonusGiven = given(source, "luminaryOrbBonus");
  const luminaryOrbBonus =
    bonusGiven === undefined
      ? defaults.luminaryOrbBonus
      : orbValue(bonusGiven, `${prefix}luminaryOrbBonus`, 0, MAX_LUMINARY_ORB_BONUS, true);
  return { aspectTypes, orbs, luminaryOrbBonus };
}

export interface PreparedChartInput {
  readonly normalized: NormalizedChartInput;
  readonly time: ResolvedTime;
}

/** Validates a ChartInput, fills defaults and resolves its time. */
export function prepareChartInput(input: unknown): PreparedChartInput {
  if (!isPlainObject(input)) {
    throw new AstroError("INVALID_INPUT", "", "chart input must be an object");
  }
  for (const key of Object.keys(input)) {
    if (!(INPUT_KEYS as readonly string[]).includes(key)) {
      throw new AstroError(
        "INVALID_OPTION",
        key,
        `unknown chart input field ${JSON.stringify(key)}`,
      );
    }
  }

  const datetime = given(input, "datetime");
  if (typeof datetime !== "string") {
    throw new AstroError(
      "INVALID_DATETIME",
      "datetime",
      "datetime is required, as an ISO 8601 string",
    );
  }
  const timezone = optionalString(
    input,
    "timezone",
    () =>
      new AstroError("UNKNOWN_TIMEZONE", "timezone", "timezone must be an IANA zone name string"),
  );
  const utcOffset = optionalString(
    input,
    "utcOffset",
    () =>
      new AstroError(
        "INVALID_UTC_OFFSET",
        "utcOffset",
        "utcOffset must be a string such as +05:30",
      ),
  );
  const disambiguation = given(input, "disambiguation") ?? "compatible";
  if (!DISAMBIGUATIONS.includes(disambiguation as Disambiguation)) {
    throw new AstroError(
      "INVALID_OPTION",
      "disambiguation",
      `disambiguation must be one of ${DISAMBIGUATIONS.join(", ")}`,
    );
  }
  const latitude = coordinate(given(input, "latitude"), "latitude", 90);
  let longitude = coordinate(given(input, "longitude"), "longitude", 180);
  // −180° and 180° are one meridian.
  if (longitude === -180) longitude = 180;

  const timeUnknown = given(input, "timeUnknown") ?? false;
  if (typeof timeUnknown !== "boolean") {
    throw new AstroError("INVALID_OPTION", "timeUnknown", "timeUnknown must be true or false");
  }
  const houseSystem = given(input, "houseSystem") ?? "placidus";
  if (!isHouseSystem(houseSystem)) {
    throw new AstroError(
      "UNKNOWN_HOUSE_SYSTEM",
      "houseSystem",
      `houseSystem ${JSON.stringify(houseSystem)} is not supported`,
    );
  }
  const zodiac = given(input, "zodiac") ?? "tropical";
  if (!isZodiac(zodiac)) {
    throw new AstroError("UNKNOWN_ZODIAC", "zodiac", `zodiac must be "tropical" or "sidereal"`);
  }
  const ayanamsaGiven = given(input, "ayanamsa");
  if (ayanamsaGiven !== undefined && !isAyanamsa(ayanamsaGiven)) {
    throw new AstroError(
      "UNKNOWN_AYANAMSA",
      "ayanamsa",
      `ayanamsa ${JSON.stringify(ayanamsaGiven)} is not supported`,
    );
  }
  if (ayanamsaGiven !== undefined && zodiac === "tropical") {
    throw new AstroError("INVALID_OPTION", "ayanamsa", "ayanamsa applies only to zodiac sidereal");
  }
  const ayanamsa = zodiac === "sidereal" ? (ayanamsaGiven ?? "lahiri") : null;

  const bodies = bodiesOption(given(input, "bodies"), "bodies", BODY_IDS);

  const { aspectTypes, orbs, luminaryOrbBonus } = parseAspectSettings(input, "", {
    orbs: DEFAULT_ORBS,
    luminaryOrbBonus: DEFAULT_LUMINARY_ORB_BONUS,
  });

  const parsed = parseDatetime(datetime);
  if (!parsed.hasTime && !timeUnknown) {
    throw new AstroError(
      "INVALID_DATETIME",
      "datetime",
      "datetime needs a time of day unless timeUnknown is true",
    );
  }
  const time = resolveTime(parsed, timezone, utcOffset, disambiguation as Disambiguation);

  const normalized: NormalizedChartInput = {
    datetime: formatWall(time.wall),
    timezone: time.timezone,
    utcOffset: time.utcOffsetSeconds === null ? null : formatOffset(time.utcOffsetSeconds),
    disambiguation: time.disambiguation,
    latitude,
    longitude,
    houseSystem: timeUnknown ? null : houseSystem,
    zodiac,
    ayanamsa,
    timeUnknown,
    bodies,
    aspectTypes,
    orbs,
    luminaryOrbBonus,
  };
  return { normalized, time };
}
