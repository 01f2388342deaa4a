import { describe, expect, it } from "vitest";
import {
  bucketOf,
  bucketValue,
  LatencySketch,
  RELATIVE_ACCURACY,
  ZERO_BUCKET,
} from "./latency-sketch.js";

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

  it("merges stored sketches from their text form, as the usage query receives them", () => {
    const a = new LatencySketch();
    const b = new LatencySketch();
    for (const value of latencies(2_000, 3)) a.add(value);
    for (const value of latencies(2_000, 5)) b.add(value);
    const fromText = new LatencySketch();
    // string_agg of two rows' sketches: "b,c,b,c" joined by ",".
    fromText.mergeText(`${a.toPairs().join(",")},${b.toPairs().join(",")}`);
    const expected = new LatencySketch();
    expected.merge(a);
    expected.merge(b);
    expect(fromText.toPairs()).toEqual(expected.toPairs());
    const empty = new LatencySketch();
    empty.mergeText("");
    expect(empty.count).toBe(0);
  });

  it("keeps a sketch of one bucket exact as it grows into several, and merges it", () => {
    const sketch = new LatencySketch();
    sketch.add(12);
    sketch.add(12);
    expect(sketch.toPairs()).toEqual([bucketOf(12), 2]);
    sketch.add(3);
    expect(sketch.toPairs()).toEqual([bucketOf(3), 1, bucketOf(12), 2]);
    const single = new LatencySketch();
    single.add(12);
    sketch.merge(single);
    expect(sketch.toPairs()).toEqual([bucketOf(3), 1, bucketOf(12), 3]);
    expect(sketch.count).toBe(4);
  });

  it("writes its pairs as the text of their array, empty, of one bucket and of several", () => {
    const sketch = new LatencySketch();
    expect(sketch.pairsText()).toBe("");
    sketch.add(12);
    sketch.add(12);
    expect(sketch.pairsText()).toBe(`${bucketOf(12)},2`);
    sketch.add(3);
    sketch.add(0);
    expect(sketch.pairsText()).toBe(sketch.toPairs().join(","));
    expect(sketch.pairsText()).toBe(`${ZERO_BUCKET},1,${bucketOf(3)},1,${bucketOf(12)},2`);
  });

  it("gives several quantiles in one pass equal to each asked alone", () => {
    const sketch = new LatencySketch();
    for (const value of latencies(5_000, 13)) sketch.add(value);
    const qs = [0.5, 0.95, 0.99, 0, 1];
    expect(sketch.quantiles(qs)).toEqual(qs.map((q) => sketch.quantile(q)));
    expect(new LatencySketch().quantiles([0.5])).toEqual([undefined]);
  });
});
