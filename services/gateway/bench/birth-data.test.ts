import { describe, expect, it } from "vitest";
import { distinctBirthData, zipfSequence } from "./birth-data.js";

describe("benchmark birth data", () => {
  it("makes distinct inputs, the same for the same seed", () => {
    const a = distinctBirthData(500, 42);
    expect(new Set(a.map((input) => `${input.datetime}|${input.timezone}`)).size).toBe(500);
    expect(distinctBirthData(500, 42)).toEqual(a);
    expect(distinctBirthData(500, 43)).not.toEqual(a);
  });

  it("draws with Zipf popularity: rank 1 about twice rank 2 and ten times rank 10 (s = 1)", () => {
    const population = Array.from({ length: 1_000 }, (_, index) => index);
    const counts = new Map<number, number>();
    for (const item of zipfSequence(population, 200_000, 1, 7))
      counts.set(item, (counts.get(item) ?? 0) + 1);
    const first = counts.get(0) ?? 0;
    expect(first / (counts.get(1) ?? 1)).toBeGreaterThan(1.8);
    expect(first / (counts.get(1) ?? 1)).toBeLessThan(2.2);
    expect(first / (counts.get(9) ?? 1)).toBeGreaterThan(8.5);
    expect(first / (counts.get(9) ?? 1)).toBeLessThan(11.5);
  });
});
