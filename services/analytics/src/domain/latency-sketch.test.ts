import { describe, expect, it } from "vitest";
import { bucketOf, bucketValue, LatencySketch, RELATIVE_ACCURACY } from "./latency-sketch.js";

function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.floor(q * (sorted.length - 1))] as number;
}

/** A deterministic log-normal-ish spread of latencies from 0.05 ms to several seconds. */
function latencies(count: number, seed: number): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, () => Math.exp(next() * 11 - 3));
}

describe("latency sketch", () => {
  it("keeps every latency within the relative accuracy of its bucket's value", () => {
    for (const latency of [0.001, 0.5, 1, 3.3, 250, 9_999.9]) {
      const value = bucketValue(bucketOf(latency));
      expect(Math.abs(value - latency) / latency).toBeLessThanOrEqual(RELATIVE_ACCURACY + 1e-12);
    }
    expect(bucketValue(bucketOf(0))).toBe(0);
  });

  it("answers p50, p95 and p99 within 1 % of the exact percentiles", () => {
    const values = latencies(50_000, 7);
    const sketch = new LatencySketch();
    for (const value of values) sketch.add(value);
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99, 0, 1]) {
      const exact = exactQuantile(sorted, q);
      const estimate = sketch.quantile(q) as number;
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.01);
    }
  });

  it("merges: two halves give the sketch of the whole, also through the stored pairs", () => {
    const values = latencies(10_000, 11);
    const whole = new LatencySketch();
    const first = new LatencySketch();
    const second = new LatencySketch();
    values.forEach((value, index) => {
      whole.add(value);
      (index % 2 === 0 ? first : second).add(value);
    });
    const merged = new LatencySketch();
    merged.mergePairs(first.toPairs());
    merged.merge(second);
    expect(merged.toPairs()).toEqual(whole.toPairs());
    expect(merged.count).toBe(10_000);
    expect(new LatencySketch().quantile(0.5)).toBeUndefined();
  });
});
