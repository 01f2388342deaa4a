import { describe, expect, it } from "vitest";
import { fairAllowances } from "./fair-share.js";

const now = new Date("2026-12-01T12:00:00Z");
const idle = { inFlight: 0, ratePerSecond: undefined, nextSlot: undefined, now };

describe("fairAllowances", () => {
  it("deals a claim round the endpoints instead of to the first", () => {
    expect(fairAllowances([idle, idle, idle], { limit: 7, perEndpointConcurrency: 10 })).toEqual([
      3, 2, 2,
    ]);
  });

  it("gives an endpoint no more than its free concurrency, and the rest to others", () => {
    const busy = { ...idle, inFlight: 9 };
    expect(fairAllowances([busy, idle], { limit: 20, perEndpointConcurrency: 10 })).toEqual([
      1, 10,
    ]);
    expect(
      fairAllowances([{ ...idle, inFlight: 12 }], { limit: 5, perEndpointConcurrency: 10 }),
    ).toEqual([0]);
  });

  it("gives a throttled endpoint only what fits in the next second", () => {
    const throttled = { ...idle, ratePerSecond: 4 };
    expect(fairAllowances([throttled], { limit: 50, perEndpointConcurrency: 50 })).toEqual([4]);
    const halfSpent = { ...throttled, nextSlot: new Date(now.getTime() + 500) };
    expect(fairAllowances([halfSpent], { limit: 50, perEndpointConcurrency: 50 })).toEqual([2]);
    const spent = { ...throttled, nextSlot: new Date(now.getTime() + 1_000) };
    expect(fairAllowances([spent], { limit: 50, perEndpointConcurrency: 50 })).toEqual([0]);
  });
});
