import { describe, expect, it } from "vitest";
import { BillingCycleHints, billingCycle, normalizeAnchorDay } from "./billing-cycle.js";

const seconds = (iso: string) => Date.parse(iso) / 1000;

describe("billingCycle", () => {
  it("runs from the anchor day this month when that day has come", () => {
    expect(billingCycle(seconds("2026-11-28T18:00:00Z"), 15)).toEqual({
      startSeconds: seconds("2026-11-15T00:00:00Z"),
      endSeconds: seconds("2026-12-15T00:00:00Z"),
    });
  });

  it("runs from last month's anchor day before it, across a year end", () => {
    expect(billingCycle(seconds("2027-01-03T12:00:00Z"), 10)).toEqual({
      startSeconds: seconds("2026-12-10T00:00:00Z"),
      endSeconds: seconds("2027-01-10T00:00:00Z"),
    });
  });

  it("starts a cycle at midnight UTC on the anchor day exactly", () => {
    const start = seconds("2028-02-28T00:00:00Z");
    expect(billingCycle(start, 28).startSeconds).toBe(start);
    expect(billingCycle(start - 1, 28).endSeconds).toBe(start);
  });

  it("treats an anchor outside 1-28 as the 1st", () => {
    expect([0, 29, 1.5, -3].map(normalizeAnchorDay)).toEqual([1, 1, 1, 1]);
    expect(normalizeAnchorDay(28)).toBe(28);
  });
});

describe("BillingCycleHints", () => {
  it("keeps a cycle until it ends, then moves to the next", () => {
    let now = seconds("2026-11-30T23:59:59Z");
    const hints = new BillingCycleHints(() => now);
    const november = hints.current(1);
    expect(november.endSeconds).toBe(seconds("2026-12-01T00:00:00Z"));
    now += 1;
    expect(hints.current(1)).toEqual({
      startSeconds: seconds("2026-12-01T00:00:00Z"),
      endSeconds: seconds("2027-01-01T00:00:00Z"),
    });
  });
});
