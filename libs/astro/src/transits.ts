import type { AspectType } from "./aspect-types.js";
import { DEFAULT_TRANSIT_ORBS } from "./aspect-types.js";
import { type AspectSettings, aspectBetween } from "./aspects.js";
import { type BodyId, PLANET_IDS } from "./body-ids.js";
import { aspectPoint, buildChart, houseOf } from "./chart.js";
import { bodiesOption, checkedOptions, isPlainObject, parseAspectSettings } from "./chart-input.js";
import type { Chart, ChartBody, ChartInput, Warning } from "./chart-types.js";
import { assertChart } from "./chart-validation.js";
import { ENGINE_VERSION } from "./engine-version.js";
import { AstroError, guarded } from "./errors.js";

export interface TransitOptions {
  /** Transiting bodies; default the ten planets. */
  bodies?: BodyId[];
  /** Default the five major aspects. */
  aspectTypes?: AspectType[];
  /** Orb overrides, degrees; defaults DEFAULT_TRANSIT_ORBS. */
  orbs?: Partial<Record<AspectType, number>>;
  /** Extra orb when the Sun or Moon takes part; default 0. */
  luminaryOrbBonus?: number;
}

export type NatalTarget = BodyId | "ascendant" | "midheaven";

export interface TransitAspect {
  /** Transiting body. */
  transit: BodyId;
  /** Natal body or angle. */
  natal: NatalTarget;
  type: AspectType;
  exactAngle: number;
  orb: number;
  /** The transiting body is moving towards exactness (natal points are fixed). */
  applying: boolean;
}

export interface TransitBody extends ChartBody {
  /** The natal house the transiting body is passing through, or null without natal houses. */
  natalHouse: number | null;
}

export interface Transits {
  /** UTC instant of the transits. */
  utc: string;
  natalUtc: string;
  bodies: TransitBody[];
  aspects: TransitAspect[];
  meta: { engineVersion: string; warnings: Warning[] };
}

const OPTION_KEYS = ["bodies", "aspectTypes", "orbs", "luminaryOrbBonus"];

function transitSettings(options: unknown): { bodies: BodyId[]; settings: AspectSettings } {
  // null, like undefined, asks for the defaults.
  const given = checkedOptions(options ?? undefined, OPTION_KEYS, "transit");
  const bodies = bodiesOption(given.bodies, "options.bodies", PLANET_IDS);
  const aspects = parseAspectSettings(given, "options.", {
    orbs: DEFAULT_TRANSIT_ORBS,
    luminaryOrbBonus: 0,
  });
  return {
    bodies,
    settings: {
      types: aspects.aspectTypes,
      orbs: aspects.orbs,
      luminaryOrbBonus: aspects.luminaryOrbBonus,
    },
  };
}

function transitChartInput(natal: Chart, at: unknown, bodies: BodyId[]): ChartInput {
  const sidereal = {
    zodiac: natal.input.zodiac,
    ...(natal.input.ayanamsa === null ? {} : { ayanamsa: natal.input.ayanamsa }),
  };
  if (typeof at === "string") {
    return {
      datetime: at,
      latitude: natal.input.latitude,
      longitude: natal.input.longitude,
      timeUnknown: true,
      bodies,
      aspectTypes: [],
      ...sidereal,
    };
  }
  if (!isPlainObject(at)) {
    throw new AstroError("INVALID_INPUT", "at", "at must be an ISO instant string or a ChartInput");
  }
  for (const key of ["zodiac", "ayanamsa"] as const) {
    const own = at[key] ?? null;
    const natalValue = natal.input[key];
    if (own !== null && own !== natalValue) {
      throw new AstroError(
        "INVALID_OPTION",
        `at.${key}`,
        `at.${key} must match the natal chart (${natalValue})`,
      );
    }
  }
  // Only the moment and place matter here; the input's own aspect settings do not apply.
  const { orbs: _orbs, luminaryOrbBonus: _bonus, ...moment } = at as unknown as ChartInput;
  return { ...moment, ...sidereal, timeUnknown: true, bodies, aspectTypes: [] };
}

/**
 * Transits to a natal chart at a moment given as an ISO instant ("2025-01-01T00:00Z") or a
 * ChartInput: where the transiting bodies are, which natal house each is passing through, and
 * their aspects to natal bodies and angles.
 */
export function computeTransits(
  natal: Chart,
  at: ChartInput | string,
  options?: TransitOptions,
): Transits {
  return guarded("computeTransits", () => {
    assertChart(natal, "natal");
    const { bodies, settings } = transitSettings(options);
    let now: Chart;
    try {
      now = buildChart(transitChartInput(natal, at, bodies));
    } catch (error) {
      // Name the field as the caller wrote it: the string itself, or a field inside `at`.
      if (error instanceof AstroError) {
        const field = typeof at === "string" || error.field === "" ? "at" : `at.${error.field}`;
        throw new AstroError(error.code, field, error.message);
      }
      throw error;
    }
    const targets = natal.bodies.map(aspectPoint);
    if (natal.angles !== null) {
      targets.push(
        { id: "ascendant", longitude: natal.angles.ascendant.longitude, speed: 0, luminary: false },
        { id: "midheaven", longitude: natal.angles.midheaven.longitude, speed: 0, luminary: false },
      );
    }
    const aspects: TransitAspect[] = [];
    for (const body of now.bodies) {
      const moving = aspectPoint(body);
      for (const target of targets) {
        // Natal positions are fixed in time.
        const aspect = aspectBetween(moving, { ...target, speed: 0 }, settings);
        if (aspect !== null) {
          aspects.push({
            transit: body.id,
            natal: target.id as NatalTarget,
            type: aspect.type,
            exactAngle: aspect.exactAngle,
            orb: aspect.orb,
            applying: aspect.applying,
          });
        }
      }
    }
    return {
      utc: now.meta.utc,
      natalUtc: natal.meta.utc,
      bodies: now.bodies.map((b) => ({
        ...b,
        house: null,
        natalHouse: natal.houses === null ? null : houseOf(b.longitude, natal.houses.cusps),
      })),
      aspects,
      meta: { engineVersion: ENGINE_VERSION, warnings: now.meta.warnings },
    };
  });
}
