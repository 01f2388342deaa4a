import {
  Granularity as GranularityMessage,
  UsageDimension as UsageDimensionMessage,
} from "@orrery/proto/analytics/v1/analytics";
import type { Granularity, UsageDimension } from "./vocabulary.js";

/** Each granularity as AnalyticsService carries it. */
const GRANULARITY_MESSAGES: Readonly<Record<Granularity, GranularityMessage>> = {
  minute: GranularityMessage.MINUTE,
  hour: GranularityMessage.HOUR,
  day: GranularityMessage.DAY,
};

/** Each dimension as AnalyticsService carries it; no grouping is UNSPECIFIED. */
const DIMENSION_MESSAGES: Readonly<Record<UsageDimension, UsageDimensionMessage>> = {
  route: UsageDimensionMessage.ROUTE,
  key: UsageDimensionMessage.KEY,
  status: UsageDimensionMessage.STATUS,
  cache: UsageDimensionMessage.CACHE,
};

function inverse<Name extends string, Message extends number>(
  messages: Readonly<Record<Name, Message>>,
): ReadonlyMap<number, Name> {
  return new Map(
    Object.entries<Message>(messages).map(([name, message]) => [message, name as Name]),
  );
}

const GRANULARITY_NAMES = inverse(GRANULARITY_MESSAGES);
const DIMENSION_NAMES = inverse(DIMENSION_MESSAGES);

/** The granularity a message names; undefined for UNSPECIFIED or a value this build lacks. */
export function granularityFromProto(message: GranularityMessage): Granularity | undefined {
  return GRANULARITY_NAMES.get(message);
}

/** The dimension a message names; undefined (no grouping) for UNSPECIFIED or an unknown value. */
export function dimensionFromProto(message: UsageDimensionMessage): UsageDimension | undefined {
  return DIMENSION_NAMES.get(message);
}

/** A granularity as AnalyticsService carries it. */
export function granularityToProto(granularity: Granularity): GranularityMessage {
  return GRANULARITY_MESSAGES[granularity];
}

/** groupBy on the wire: UNSPECIFIED when the series is not grouped. */
export function dimensionToProto(dimension: UsageDimension | undefined): UsageDimensionMessage {
  return dimension === undefined
    ? UsageDimensionMessage.UNSPECIFIED
    : DIMENSION_MESSAGES[dimension];
}
