import {
  type Attributes,
  type Counter,
  type Histogram,
  type MetricOptions,
  metrics,
} from "@opentelemetry/api";

/**
 * Instruments for module scope. The metrics API has no proxy: an instrument made before the
 * service's meter provider is registered (at import time, since ESM imports run before
 * main.ts) stays a no-op forever. These make the real instrument on first use instead.
 */
export function lazyCounter(
  meterName: string,
  name: string,
  options: MetricOptions,
): Pick<Counter, "add"> {
  let counter: Counter | undefined;
  return {
    add(value: number, attributes?: Attributes) {
      counter ??= metrics.getMeter(meterName).createCounter(name, options);
      counter.add(value, attributes);
    },
  };
}

export function lazyHistogram(
  meterName: string,
  name: string,
  options: MetricOptions,
): Pick<Histogram, "record"> {
  let histogram: Histogram | undefined;
  return {
    record(value: number, attributes?: Attributes) {
      histogram ??= metrics.getMeter(meterName).createHistogram(name, options);
      histogram.record(value, attributes);
    },
  };
}
