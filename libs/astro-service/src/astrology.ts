import { createHash } from "node:crypto";
import {
  AstroError,
  type Chart,
  type ChartInput,
  type CompositeMethod,
  type CompositeOptions,
  computeChart,
  computeCompatibility,
  computeComposite,
  computeProgressions,
  computeReturn,
  computeSynastry,
  computeTransits,
  computeTransitTimeline,
  ENGINE_VERSION,
  generateReading,
  generateSynastryReading,
  generateTransitReading,
  listMoonPhases,
  type MoonPhaseOptions,
  type NormalizedChartInput,
  normalizeChartInput,
  type ReadingLanguage,
  type ReadingOptions,
  type ReadingSectionId,
  type ReturnType,
  renderChartSvg,
  renderSynastrySvg,
  renderTransitsSvg,
  type SvgOptions,
  type SynastryOptions,
  type TransitOptions,
  type Transits,
  type TransitTimeline,
  type TransitTimelineOptions,
} from "@orrery/astro";
import { canonicalJson } from "./canonical-json.js";
import {
  type ChartLocation,
  type ChartRequestInput,
  chartLocation,
  type EnginePlace,
  type LocatedChart,
  type LocationLookup,
  locateChartInput,
  locatePlace,
  needsLookup,
  type PlaceRequest,
  withLocation,
} from "./chart-location.js";

/** Results by key (both cache levels); `compute` runs on a miss, once per key at a time. */
export interface ResultCache {
  getOrCompute(key: string, compute: () => string): Promise<{ value: string; computed: boolean }>;
  /** The value when this process holds it fresh, without waiting (the hot path of a hit). */
  peek(key: string): string | undefined;
  /** Drops the key from every level on every replica. */
  delete(key: string): Promise<void>;
  /** Drops every entry on every replica. */
  clear(): Promise<void>;
}

/** Counts requests per input so the most requested can be precomputed (warming). */
export interface PopularityRecorder {
  record(id: string, payload: string): void;
}

export interface ChartIdentity {
  /**
   * The normalized input as JSON; for an input whose place or zone was looked up, the
   * normalized input and the lookup (`{"input":…,"lookup":…}`), which the chart echoes.
   */
  readonly canonical: string;
  /** hash(engine version, tz database, canonical input). */
  readonly key: string;
}

/** Identities of inputs as sent, remembered to skip normalizing repeats (~200 bytes each). */
const MAX_REMEMBERED_IDENTITIES = 50_000;

export interface Computed<T> {
  readonly value: T;
  /** Served from the cache rather than computed for this request. */
  readonly cacheHit: boolean;
  /** Where the value is cached; undefined when it is not (computed for this request only). */
  readonly cacheKey?: string;
}

/** A return chart is cast at the birth place unless a place or coordinates are given. */
export interface ReturnRequest extends PlaceRequest {
  readonly type: ReturnType;
  /** An instant in canonical form (the transport's). */
  readonly near: string;
}

export type TimelineRequest = TransitTimelineOptions;

export interface SvgRequest {
  readonly theme?: SvgOptions["theme"];
  readonly size?: number;
}

type CanonicalInput =
  | NormalizedChartInput
  | { input: NormalizedChartInput; lookup: LocationLookup };

function parseCanonical(canonical: string): {
  input: NormalizedChartInput;
  lookup: LocationLookup | undefined;
} {
  const parsed = JSON.parse(canonical) as CanonicalInput;
  return "lookup" in parsed
    ? { input: parsed.input, lookup: parsed.lookup }
    : { input: parsed, lookup: undefined };
}

/** The chart of a canonical input, as the API sends it (with its location). */
function locatedChartJson(canonical: string): string {
  const { input, lookup } = parseCanonical(canonical);
  return chartJsonOf(input as unknown as ChartInput, lookup);
}

/** The chart of an input and the place lookup behind it, as the API sends it. */
function chartJsonOf(input: ChartInput, lookup: LocationLookup | undefined): string {
  const chart = computeChart(input);
  return JSON.stringify(withLocation(chart, chartLocation(chart.input, lookup), lookup?.warnings));
}

/** The parsed chart JSON (the engine reads a located chart as it reads its own). */
function chartOf(json: string): Chart {
  return JSON.parse(json) as Chart;
}

function locationOf(chart: Chart): ChartLocation | undefined {
  return (chart as unknown as LocatedChart).meta.location;
}

function svgOptions(request: SvgRequest): SvgOptions {
  return {
    ...(request.theme === undefined ? {} : { theme: request.theme }),
    ...(request.size === undefined ? {} : { size: request.size }),
  };
}

/**
 * Charts and everything computed from them (readings, wheels, synastry, transits, returns,
 * progressions, composites, timelines, moon phases), each a pure function of its normalized
 * input and therefore cached under hash(engine version, tz database, kind, canonical input).
 * Engine and place errors (AstroError, PlaceError) pass through for the transport to map; an
 * error about one of several inputs comes wrapped in InputFieldError naming that input.
 */
export class AstrologyService {
  readonly #cache: ResultCache;
  readonly #popularity: PopularityRecorder;
  readonly #version: string;
  readonly #identities = new Map<string, ChartIdentity>();
  /** The same, by object: the route registry hands repeated bodies over as one frozen object. */
  readonly #identitiesByObject = new WeakMap<object, ChartIdentity>();

  constructor(cache: ResultCache, popularity: PopularityRecorder, tzdbVersion: string) {
    this.#cache = cache;
    this.#popularity = popularity;
    this.#version = `${ENGINE_VERSION}\n${tzdbVersion}\n`;
  }

  /**
   * The canonical form of an input and the key of its chart. Normalizing (time zone rules,
   * defaults, a place lookup) costs far more than a cache hit, so the identity of each input as
   * sent is remembered: the engine version, tz database and place data cannot change while the
   * process runs.
   */
  chartIdentity(input: ChartRequestInput): ChartIdentity {
    const byObject = this.#identitiesByObject.get(input);
    if (byObject !== undefined) return byObject;
    const asSent = JSON.stringify(input);
    const known = this.#identities.get(asSent);
    if (known !== undefined) {
      if (Object.isFrozen(input)) this.#identitiesByObject.set(input, known);
      return known;
    }
    const canonical = needsLookup(input)
      ? (() => {
          const located = locateChartInput(input);
          return JSON.stringify({
            input: normalizeChartInput(located.input),
            lookup: located.lookup,
          });
        })()
      : JSON.stringify(normalizeChartInput(input as ChartInput));
    const identity = {
      canonical,
      key: createHash("sha256").update(this.#version).update(canonical).digest("base64url"),
    };
    if (this.#identities.size >= MAX_REMEMBERED_IDENTITIES) {
      // Oldest first: a Map iterates in insertion order.
      const oldest = this.#identities.keys().next().value;
      if (oldest !== undefined) this.#identities.delete(oldest);
    }
    this.#identities.set(asSent, identity);
    if (Object.isFrozen(input)) this.#identitiesByObject.set(input, identity);
    return identity;
  }

  /** The chart as JSON text (what POST /v1/charts sends). */
  async chartJson(input: ChartRequestInput): Promise<Computed<string>> {
    const cached = this.cachedChartJson(input);
    if (cached !== undefined) return cached;
    const { key, canonical } = this.chartIdentity(input);
    return this.#chartJsonByKey(key, canonical);
  }

  /**
   * The chart as JSON text, the same text `chartJson` gives, computed now and remembered
   * nowhere: a caller that computes each input once (a batch) needs no cache key, so neither
   * the input's canonical form nor its hash is derived.
   */
  uncachedChartJson(input: ChartRequestInput): string {
    // The engine normalizes what it is given, and normalizing is idempotent: the input as
    // located gives the chart of its canonical form without normalizing it twice.
    if (!needsLookup(input)) return chartJsonOf(input as ChartInput, undefined);
    const located = locateChartInput(input);
    return chartJsonOf(located.input, located.lookup);
  }

  /** The chart as JSON text when this process has it cached, at once; undefined otherwise. */
  cachedChartJson(input: ChartRequestInput): Computed<string> | undefined {
    const identity = this.chartIdentity(input);
    this.#popularity.record(identity.key, identity.canonical);
    const cacheKey = `chart:${identity.key}`;
    const value = this.#cache.peek(cacheKey);
    return value === undefined ? undefined : { value, cacheHit: true, cacheKey };
  }

  async #chartJsonByKey(key: string, canonical: string): Promise<Computed<string>> {
    const cacheKey = `chart:${key}`;
    const { value, computed } = await this.#cache.getOrCompute(cacheKey, () =>
      locatedChartJson(canonical),
    );
    return { value, cacheHit: !computed, cacheKey };
  }

  /** Drops the cached chart of `input` on every replica (readings and wheels expire on their own). */
  async invalidateChart(input: ChartRequestInput): Promise<void> {
    await this.#cache.delete(`chart:${this.chartIdentity(input).key}`);
  }

  /** Drops every cached result on every replica. */
  async invalidateAll(): Promise<void> {
    await this.#cache.clear();
  }

  /** Precomputes the chart of a canonical input recorded by the popularity counter. */
  async warmChart(id: string, canonical: string): Promise<void> {
    await this.#chartJsonByKey(id, canonical);
  }

  /** The identity of one of a request's chart inputs, its errors named after `field`. */
  #identify(input: ChartRequestInput, field: string): ChartIdentity {
    try {
      const identity = this.chartIdentity(input);
      this.#popularity.record(identity.key, identity.canonical);
      return identity;
    } catch (error) {
      throw new InputFieldError(field, error);
    }
  }

  async #chart(identity: ChartIdentity): Promise<Chart> {
    return chartOf((await this.#chartJsonByKey(identity.key, identity.canonical)).value);
  }

  /**
   * A result derived from charts, cached under `kind` and `identity` (which must determine it):
   * a hit held in this process is answered before `prepare` fetches what a computation needs.
   */
  async #derived<T>(
    kind: string,
    identity: string,
    prepare: () => Promise<T>,
    compute: (prepared: T) => string,
  ): Promise<Computed<string>> {
    const digest = createHash("sha256")
      .update(this.#version)
      .update(`${kind}\n`)
      .update(identity)
      .digest("base64url");
    const cacheKey = `${kind}:${digest}`;
    const held = this.#cache.peek(cacheKey);
    if (held !== undefined) return { value: held, cacheHit: true, cacheKey };
    const prepared = await prepare();
    const { value, computed } = await this.#cache.getOrCompute(cacheKey, () => compute(prepared));
    return { value, cacheHit: !computed, cacheKey };
  }

  /** A reading of a chart computed from `input` (cached), or of a chart the client sent (not cached). */
  async readingJson(
    source: { readonly input: ChartRequestInput } | { readonly chart: Chart },
    sections: readonly ReadingSectionId[] | undefined,
    language: ReadingLanguage,
  ): Promise<Computed<string>> {
    const options = { language, ...(sections === undefined ? {} : { sections: [...sections] }) };
    if ("chart" in source) {
      return { value: natalReadingJson(source.chart, options), cacheHit: false };
    }
    const identity = this.chartIdentity(source.input);
    this.#popularity.record(identity.key, identity.canonical);
    return this.#derived(
      "reading",
      `${identity.key}\n${language}\n${sections?.join(",") ?? "all"}`,
      () => this.#chart(identity),
      (chart) => natalReadingJson(chart, options),
    );
  }

  /** The SVG wheel of the chart of `input`. */
  async svg(input: ChartRequestInput, request: SvgRequest): Promise<Computed<string>> {
    const identity = this.chartIdentity(input);
    this.#popularity.record(identity.key, identity.canonical);
    const options = svgOptions(request);
    return this.#derived(
      "svg",
      `${identity.key}\n${canonicalJson(options)}`,
      () => this.#chart(identity),
      (chart) => renderChartSvg(chart, options),
    );
  }

  /** Synastry between the charts of `a` and `b`, with their compatibility score. */
  async synastryJson(
    a: ChartRequestInput,
    b: ChartRequestInput,
    options: SynastryOptions | undefined,
  ): Promise<Computed<string>> {
    const idA = this.#identify(a, "a");
    const idB = this.#identify(b, "b");
    return this.#derived(
      "synastry",
      `${idA.key}\n${idB.key}\n${canonicalJson(options ?? {})}`,
      () => Promise.all([this.#chart(idA), this.#chart(idB)]),
      ([chartA, chartB]) => {
        const { meta, ...synastry } = computeSynastry(chartA, chartB, options);
        return JSON.stringify({
          ...synastry,
          compatibility: computeCompatibility(chartA, chartB),
          meta,
        });
      },
    );
  }

  /** The synastry bi-wheel: a inside, b's bodies in the outer ring. */
  async synastrySvg(
    a: ChartRequestInput,
    b: ChartRequestInput,
    options: SynastryOptions | undefined,
    request: SvgRequest,
  ): Promise<Computed<string>> {
    const idA = this.#identify(a, "a");
    const idB = this.#identify(b, "b");
    const svg = svgOptions(request);
    return this.#derived(
      "synastry-svg",
      `${idA.key}\n${idB.key}\n${canonicalJson(options ?? {})}\n${canonicalJson(svg)}`,
      () => Promise.all([this.#chart(idA), this.#chart(idB)]),
      ([chartA, chartB]) =>
        renderSynastrySvg(chartA, chartB, {
          ...svg,
          ...(options === undefined ? {} : { synastry: options }),
        }),
    );
  }

  /** Transits to the natal chart of `natal` at `at` (an instant, or a chart input). */
  async transitsJson(
    natal: ChartRequestInput,
    at: ChartRequestInput | string,
    options: TransitOptions | undefined,
  ): Promise<Computed<string>> {
    const transits = this.#transitsRequest(natal, at, options);
    return this.#derived(
      "transits",
      transits.identity,
      () => this.#chart(transits.natal),
      (chart) => JSON.stringify(transits.compute(chart)),
    );
  }

  /** The transit bi-wheel: the natal chart inside, the transiting bodies outside. */
  async transitsSvg(
    natal: ChartRequestInput,
    at: ChartRequestInput | string,
    options: TransitOptions | undefined,
    request: SvgRequest,
  ): Promise<Computed<string>> {
    const transits = this.#transitsRequest(natal, at, options);
    const svg = svgOptions(request);
    return this.#derived(
      "transits-svg",
      `${transits.identity}\n${canonicalJson(svg)}`,
      () => this.#chart(transits.natal),
      (chart) => renderTransitsSvg(chart, transits.compute(chart), svg),
    );
  }

  #transitsRequest(
    natal: ChartRequestInput,
    at: ChartRequestInput | string,
    options: TransitOptions | undefined,
  ) {
    const natalId = this.#identify(natal, "natal");
    const atId = typeof at === "string" ? undefined : this.#identify(at, "at");
    const moment =
      atId === undefined
        ? (at as string)
        : (parseCanonical(atId.canonical).input as unknown as ChartInput);
    return {
      natal: natalId,
      identity: `${natalId.key}\n${atId?.key ?? JSON.stringify(at)}\n${canonicalJson(options ?? {})}`,
      compute: (chart: Chart) => transitsAt(chart, moment, options),
    };
  }

  /** The solar or lunar return nearest `near`, its chart at the place asked for or the birth place. */
  async returnJson(natal: ChartRequestInput, request: ReturnRequest): Promise<Computed<string>> {
    const natalId = this.#identify(natal, "natal");
    const { type, near, ...given } = request;
    const located = needsLookup(given) ? locatePlace(given) : undefined;
    const place: PlaceRequest = located?.place ?? given;
    const atBirthPlace = Object.keys(place).length === 0;
    return this.#derived(
      "return",
      `${natalId.key}\n${canonicalJson({ type, near, place, lookup: located?.lookup ?? null })}`,
      () => this.#chart(natalId),
      (chart) => {
        const result = computeReturn(chart, { type, near, ...(place as Partial<EnginePlace>) });
        const location = atBirthPlace
          ? locationOf(chart)
          : chartLocation(result.chart.input, located?.lookup);
        return JSON.stringify({
          ...result,
          chart:
            location === undefined
              ? result.chart
              : withLocation(result.chart, location, located?.lookup.warnings),
        });
      },
    );
  }

  /** Secondary progressions of the natal chart of `natal` to `date` (canonical instant). */
  async progressionsJson(natal: ChartRequestInput, date: string): Promise<Computed<string>> {
    const natalId = this.#identify(natal, "natal");
    return this.#derived(
      "progressions",
      `${natalId.key}\n${date}`,
      () => this.#chart(natalId),
      (chart) => {
        const result = computeProgressions(chart, { date });
        const location = locationOf(chart);
        return JSON.stringify({
          ...result,
          chart: location === undefined ? result.chart : withLocation(result.chart, location),
        });
      },
    );
  }

  /** The midpoint composite or Davison chart of the charts of `a` and `b`. */
  async compositeJson(
    a: ChartRequestInput,
    b: ChartRequestInput,
    method: CompositeMethod,
    options: Omit<CompositeOptions, "method"> | undefined,
  ): Promise<Computed<string>> {
    const idA = this.#identify(a, "a");
    const idB = this.#identify(b, "b");
    return this.#derived(
      "composite",
      `${idA.key}\n${idB.key}\n${method}\n${canonicalJson(options ?? {})}`,
      () => Promise.all([this.#chart(idA), this.#chart(idB)]),
      ([chartA, chartB]) =>
        JSON.stringify(computeComposite(chartA, chartB, { ...options, method })),
    );
  }

  /** Every transit to the natal chart of `natal` between two instants (canonical), in order. */
  async timelineJson(
    natal: ChartRequestInput,
    request: TimelineRequest,
  ): Promise<Computed<string>> {
    const natalId = this.#identify(natal, "natal");
    return this.#timeline(natalId, request);
  }

  #timeline(natalId: ChartIdentity, request: TimelineRequest): Promise<Computed<string>> {
    return this.#derived(
      "timeline",
      `${natalId.key}\n${canonicalJson(request)}`,
      () => this.#chart(natalId),
      (chart) => JSON.stringify(computeTransitTimeline(chart, request)),
    );
  }

  /** New, quarter and full Moons and eclipses between two instants (canonical). */
  async moonPhasesJson(options: MoonPhaseOptions): Promise<Computed<string>> {
    return this.#derived(
      "moon-phases",
      canonicalJson(options),
      async () => undefined,
      () => JSON.stringify(listMoonPhases(options)),
    );
  }

  /** A reading of the synastry of `a` and `b`, opening with their compatibility. */
  async synastryReadingJson(
    a: ChartRequestInput,
    b: ChartRequestInput,
    names: { readonly a?: string; readonly b?: string } | undefined,
    language: ReadingLanguage,
  ): Promise<Computed<string>> {
    const idA = this.#identify(a, "a");
    const idB = this.#identify(b, "b");
    return this.#derived(
      "synastry-reading",
      `${idA.key}\n${idB.key}\n${language}\n${canonicalJson(names ?? {})}`,
      () => Promise.all([this.#chart(idA), this.#chart(idB)]),
      ([chartA, chartB]) => {
        const options = { language, ...(names === undefined ? {} : { names: { ...names } }) };
        return JSON.stringify({
          kind: "synastry",
          ...withTopLevelFields(() => generateSynastryReading(chartA, chartB, options)),
        });
      },
    );
  }

  /** A reading of the transit timeline of `natal` over a range (the timeline cached too). */
  async transitReadingJson(
    natal: ChartRequestInput,
    request: TimelineRequest,
    language: ReadingLanguage,
  ): Promise<Computed<string>> {
    const natalId = this.#identify(natal, "natal");
    return this.#derived(
      "transit-reading",
      `${natalId.key}\n${language}\n${canonicalJson(request)}`,
      async () => (await this.#timeline(natalId, request)).value,
      (timeline) =>
        JSON.stringify({
          kind: "transits",
          ...withTopLevelFields(() =>
            generateTransitReading(JSON.parse(timeline) as TransitTimeline, { language }),
          ),
        }),
    );
  }
}

function natalReadingJson(chart: Chart, options: ReadingOptions): string {
  return JSON.stringify({ kind: "natal", ...generateReading(chart, options) });
}

/**
 * Runs a reading whose options (language, names) the API takes at the top level of its body:
 * an engine error about `options.names.a` is about the body's `names.a`.
 */
function withTopLevelFields<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AstroError && error.field.startsWith("options.")) {
      throw new AstroError(error.code, error.field.slice("options.".length), error.message);
    }
    throw error;
  }
}

function transitsAt(
  natal: Chart,
  at: ChartInput | string,
  options: TransitOptions | undefined,
): Transits {
  try {
    return computeTransits(natal, at, options);
  } catch (error) {
    // The engine names fields of a chart-input `at` as if it were the whole input.
    if (
      typeof at === "object" &&
      error instanceof AstroError &&
      !/^(at|options)\b/.test(error.field)
    ) {
      throw new InputFieldError("at", error);
    }
    throw error;
  }
}

/** An engine error about one input of several: its field is prefixed with the input's name. */
export class InputFieldError extends Error {
  constructor(
    readonly prefix: string,
    override readonly cause: unknown,
  ) {
    super(`error in ${prefix}`, { cause });
  }
}
