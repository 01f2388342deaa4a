import { createHash } from "node:crypto";
import {
  AstroError,
  type Chart,
  type ChartInput,
  computeChart,
  computeSynastry,
  computeTransits,
  ENGINE_VERSION,
  generateReading,
  normalizeChartInput,
  type ReadingSectionId,
  renderChartSvg,
  type SvgOptions,
  type SynastryOptions,
  type TransitOptions,
} from "@orrery/astro";

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
  /** The normalized input as JSON. */
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

/**
 * Charts, readings, wheels, synastry and transits, with every result that is a pure function
 * of its normalized input cached under hash(engine version, tz database, canonical input).
 * Engine errors (AstroError) pass through for the transport to map.
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
   * defaults) costs far more than a cache hit, so the identity of each input as sent is
   * remembered: the engine version and tz database cannot change while the process runs.
   */
  chartIdentity(input: ChartInput): ChartIdentity {
    const byObject = this.#identitiesByObject.get(input);
    if (byObject !== undefined) return byObject;
    const asSent = JSON.stringify(input);
    const known = this.#identities.get(asSent);
    if (known !== undefined) {
      if (Object.isFrozen(input)) this.#identitiesByObject.set(input, known);
      return known;
    }
    const canonical = JSON.stringify(normalizeChartInput(input));
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
  async chartJson(input: ChartInput): Promise<Computed<string>> {
    const cached = this.cachedChartJson(input);
    if (cached !== undefined) return cached;
    const { key, canonical } = this.chartIdentity(input);
    return this.#chartJsonByKey(key, canonical);
  }

  /** The chart as JSON text when this process has it cached, at once; undefined otherwise. */
  cachedChartJson(input: ChartInput): Computed<string> | undefined {
    const identity = this.chartIdentity(input);
    this.#popularity.record(identity.key, identity.canonical);
    const cacheKey = `chart:${identity.key}`;
    const value = this.#cache.peek(cacheKey);
    return value === undefined ? undefined : { value, cacheHit: true, cacheKey };
  }

  async #chartJsonByKey(key: string, canonical: string): Promise<Computed<string>> {
    const cacheKey = `chart:${key}`;
    const { value, computed } = await this.#cache.getOrCompute(cacheKey, () =>
      JSON.stringify(computeChart(JSON.parse(canonical) as ChartInput)),
    );
    return { value, cacheHit: !computed, cacheKey };
  }

  async chart(input: ChartInput): Promise<Computed<Chart>> {
    const { value, cacheHit } = await this.chartJson(input);
    return { value: JSON.parse(value) as Chart, cacheHit };
  }

  /** Drops the cached chart of `input` on every replica (readings and wheels expire on their own). */
  async invalidateChart(input: ChartInput): Promise<void> {
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

  /** A reading of a chart computed from `input` (cached), or of a chart the client sent (not cached). */
  async readingJson(
    source: { readonly input: ChartInput } | { readonly chart: Chart },
    sections: readonly ReadingSectionId[] | undefined,
  ): Promise<Computed<string>> {
    const options = sections === undefined ? undefined : { sections: [...sections] };
    if ("chart" in source) {
      return { value: JSON.stringify(generateReading(source.chart, options)), cacheHit: false };
    }
    const { canonical, key } = this.chartIdentity(source.input);
    this.#popularity.record(key, canonical);
    const readingKey = `reading:${key}:${sections?.join(",") ?? "all"}`;
    const chart = await this.#chartJsonByKey(key, canonical);
    const { value, computed } = await this.#cache.getOrCompute(readingKey, () =>
      JSON.stringify(generateReading(JSON.parse(chart.value) as Chart, options)),
    );
    return { value, cacheHit: !computed && chart.cacheHit, cacheKey: readingKey };
  }

  /** The SVG wheel of the chart of `input`. */
  async svg(input: ChartInput, options: SvgOptions): Promise<Computed<string>> {
    const { canonical, key } = this.chartIdentity(input);
    this.#popularity.record(key, canonical);
    const svgKey = `svg:${key}:${options.theme ?? "light"}:${options.size ?? 600}`;
    const chart = await this.#chartJsonByKey(key, canonical);
    const { value, computed } = await this.#cache.getOrCompute(svgKey, () =>
      renderChartSvg(JSON.parse(chart.value) as Chart, options),
    );
    return { value, cacheHit: !computed, cacheKey: svgKey };
  }

  /** Synastry between the charts of `a` and `b` (each chart from the cache). */
  async synastryJson(
    a: ChartInput,
    b: ChartInput,
    options: SynastryOptions | undefined,
  ): Promise<Computed<string>> {
    const chartA = await this.chart(a).catch(inField("a"));
    const chartB = await this.chart(b).catch(inField("b"));
    return {
      value: JSON.stringify(computeSynastry(chartA.value, chartB.value, options)),
      cacheHit: false,
    };
  }

  /** Transits to the natal chart of `natal` (from the cache) at `at`. */
  async transitsJson(
    natal: ChartInput,
    at: ChartInput | string,
    options: TransitOptions | undefined,
  ): Promise<Computed<string>> {
    const chart = await this.chart(natal).catch(inField("natal"));
    try {
      return { value: JSON.stringify(computeTransits(chart.value, at, options)), cacheHit: false };
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

function inField(prefix: string) {
  return (error: unknown): never => {
    throw new InputFieldError(prefix, error);
  };
}
