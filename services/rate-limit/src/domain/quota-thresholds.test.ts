import { describe, expect, it } from "vitest";
import { type QuotaThresholdCrossing, QuotaThresholdWatcher } from "./quota-thresholds.js";

const usage = (used: number) => ({
  accountId: "acc_1",
  used,
  quota: 100,
  cycleStart: new Date("2026-11-01T00:00:00Z"),
  cycleEnd: new Date("2026-12-01T00:00:00Z"),
});

describe("QuotaThresholdWatcher", () => {
  it("asks once per threshold and cycle once recorded, and again after a failure", async () => {
    const recorded: QuotaThresholdCrossing[] = [];
    let failNext = true;
    const errors: unknown[] = [];
    const watcher = new QuotaThresholdWatcher(
      {
        async record(crossing) {
          if (failNext) {
            failNext = false;
            throw new Error("database down");
          }
          recorded.push(crossing);
          return true;
        },
      },
      { thresholdsPercent: () => [80, 100], onError: (error) => errors.push(error) },
    );
    await watcher.observe(usage(79));
    expect(recorded).toEqual([]);
    await watcher.observe(usage(80)); // the sink fails: nothing is remembered
    expect(errors).toHaveLength(1);
    await watcher.observe(usage(81));
    await watcher.observe(usage(90));
    expect(recorded.map((crossing) => crossing.thresholdPercent)).toEqual([80]);
    await watcher.observe(usage(100));
    await watcher.observe(usage(100));
    expect(recorded.map((crossing) => crossing.thresholdPercent)).toEqual([80, 100]);
    // A new cycle starts over.
    await watcher.observe({ ...usage(85), cycleStart: new Date("2026-12-01T00:00:00Z") });
    expect(recorded.map((crossing) => crossing.thresholdPercent)).toEqual([80, 100, 80]);
  });
});
