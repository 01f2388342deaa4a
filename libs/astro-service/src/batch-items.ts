import type {
  Chart,
  CompositeMethod,
  CompositeOptions,
  ReadingLanguage,
  ReadingSectionId,
  SynastryOptions,
  TransitOptions,
} from "@orrery/astro";
import type { AstrologyService, Computed, ReturnRequest, TimelineRequest } from "./astrology.js";
import type { ChartRequestInput } from "./chart-location.js";
import { timelineOptions } from "./timeline-options.js";

/**
 * The item types of a batch: one per synchronous product route, whose request body is the
 * item's `params` (validated by that route's schema in the gateway).
 */
export const BATCH_ITEM_TYPES = [
  "chart",
  "svg",
  "reading",
  "synastry",
  "synastrySvg",
  "transits",
  "transitsSvg",
  "transitsTimeline",
  "return",
  "progressions",
  "composite",
] as const;

export type BatchItemType = (typeof BATCH_ITEM_TYPES)[number];

export function isBatchItemType(value: string): value is BatchItemType {
  return (BATCH_ITEM_TYPES as readonly string[]).includes(value);
}

type TimelineParams = Omit<TimelineRequest, "bodies" | "aspectTypes" | "orbs"> & {
  readonly bodies?: TimelineRequest["bodies"];
  readonly aspectTypes?: TimelineRequest["aspectTypes"];
  readonly orbs?: TimelineRequest["orbs"];
};

/** A reading's body, its language already chosen (the field, else the request's Accept-Language). */
export type ReadingParams = { readonly language: ReadingLanguage } & (
  | {
      readonly kind?: "natal";
      readonly input?: ChartRequestInput;
      readonly chart?: unknown;
      readonly sections?: readonly ReadingSectionId[];
    }
  | {
      readonly kind: "synastry";
      readonly a: ChartRequestInput;
      readonly b: ChartRequestInput;
      readonly names?: { readonly a?: string; readonly b?: string };
    }
  | ({ readonly kind: "transits"; readonly natal: ChartRequestInput } & TimelineParams)
);

interface PairParams {
  readonly a: ChartRequestInput;
  readonly b: ChartRequestInput;
  readonly options?: SynastryOptions;
}

interface TransitsParams {
  readonly natal: ChartRequestInput;
  readonly at: ChartRequestInput | string;
  readonly options?: TransitOptions;
}

/** The validated body of each item type, as the synchronous route's schema produces it. */
export interface BatchItemParams {
  readonly chart: ChartRequestInput;
  readonly svg: ChartRequestInput;
  readonly reading: ReadingParams;
  readonly synastry: PairParams;
  readonly synastrySvg: PairParams;
  readonly transits: TransitsParams;
  readonly transitsSvg: TransitsParams;
  readonly transitsTimeline: { readonly natal: ChartRequestInput } & TimelineParams;
  readonly return: { readonly natal: ChartRequestInput } & ReturnRequest;
  readonly progressions: { readonly natal: ChartRequestInput; readonly date: string };
  readonly composite: {
    readonly a: ChartRequestInput;
    readonly b: ChartRequestInput;
    readonly method: CompositeMethod;
    readonly options?: Omit<CompositeOptions, "method">;
  };
}

export interface BatchItemResult {
  /** The result as the synchronous route sends it. */
  readonly text: string;
  readonly mediaType: "application/json" | "image/svg+xml";
}

/**
 * Computes one item exactly as its synchronous route does (same service call, same options,
 * wheels with their default theme and size). Engine errors pass through as the route's do:
 * engineError maps them to the same problem, `errorPrefix` naming where a field sits.
 */
export async function computeBatchItem<T extends BatchItemType>(
  astrology: AstrologyService,
  type: T,
  params: BatchItemParams[T],
): Promise<BatchItemResult> {
  const mediaType = batchItemMediaType(type);
  const json = async (computed: Promise<Computed<string>>): Promise<BatchItemResult> => ({
    text: (await computed).value,
    mediaType,
  });
  const svg = json;
  const item = { type, params } as {
    [K in BatchItemType]: { type: K; params: BatchItemParams[K] };
  }[BatchItemType];
  switch (item.type) {
    case "chart":
      // Every item is computed once for its batch: no cache key is worth deriving.
      return { text: astrology.uncachedChartJson(item.params), mediaType };
    case "svg":
      return svg(astrology.svg(item.params, {}));
    case "reading":
      return json(reading(astrology, item.params));
    case "synastry":
      return json(astrology.synastryJson(item.params.a, item.params.b, item.params.options));
    case "synastrySvg":
      return svg(astrology.synastrySvg(item.params.a, item.params.b, item.params.options, {}));
    case "transits":
      return json(astrology.transitsJson(item.params.natal, item.params.at, item.params.options));
    case "transitsSvg":
      return svg(astrology.transitsSvg(item.params.natal, item.params.at, item.params.options, {}));
    case "transitsTimeline":
      return json(astrology.timelineJson(item.params.natal, timelineOptions(item.params)));
    case "return": {
      const { natal, ...request } = item.params;
      return json(astrology.returnJson(natal, request));
    }
    case "progressions":
      return json(astrology.progressionsJson(item.params.natal, item.params.date));
    case "composite":
      return json(
        astrology.compositeJson(
          item.params.a,
          item.params.b,
          item.params.method,
          item.params.options,
        ),
      );
  }
}

/** Where the engine's field names sit in an item's params (POST /v1/readings's natal input). */
export function batchItemErrorPrefix<T extends BatchItemType>(
  type: T,
  params: BatchItemParams[T],
): string {
  if (type !== "reading") return "";
  const reading = params as ReadingParams;
  return reading.kind === undefined || reading.kind === "natal"
    ? "chart" in reading && reading.chart !== undefined
      ? ""
      : "input."
    : "";
}

function reading(astrology: AstrologyService, params: ReadingParams): Promise<Computed<string>> {
  if (params.kind === "synastry") {
    return astrology.synastryReadingJson(params.a, params.b, params.names, params.language);
  }
  if (params.kind === "transits") {
    return astrology.transitReadingJson(params.natal, timelineOptions(params), params.language);
  }
  if (params.chart !== undefined) {
    return astrology.readingJson(
      { chart: params.chart as Chart },
      params.sections,
      params.language,
    );
  }
  return astrology.readingJson(
    { input: params.input as ChartRequestInput },
    params.sections,
    params.language,
  );
}

const SVG_ITEM_TYPES: ReadonlySet<BatchItemType> = new Set(["svg", "synastrySvg", "transitsSvg"]);

/** The media type of an item type's result: a wheel's SVG text, or JSON. */
export function batchItemMediaType(type: string): BatchItemResult["mediaType"] {
  return SVG_ITEM_TYPES.has(type as BatchItemType) ? "image/svg+xml" : "application/json";
}
