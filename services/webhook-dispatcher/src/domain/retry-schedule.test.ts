import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  nextAttemptDelay,
  parseRetryAfter,
  parseSchedule,
} from "./retry-schedule.js";

const policy = { scheduleMs: DEFAULT_RETRY_SCHEDULE_MS, jitter: 0.2, maxRetryAfterMs: 3_600_000 };

describe("retry schedule", () => {
  it("is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", () => {
    expect(parseSchedule("0,5s,5m,30m,2h,5h,10h,10h")).toEqual(DEFAULT_RETRY_SCHEDULE_MS);
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]);
    expect(parseSchedule("0, 250ms, 1.5s")).toEqual([0, 250, 1_500]);
    expect(() => parseSchedule("0,soon")).toThrow(/not a duration/);
  });

  it("spreads each delay by at most ±20 %", () => {
    expect(nextAttemptDelay(policy, 1, undefined, () => 0)).toBe(4_000);
    expect(nextAttemptDelay(policy, 1, undefined, () => 0.5)).toBe(5_000);
    expect(nextAttemptDelay(policy, 1, undefined, () => 0.999999)).toBe(6_000);
    expect(nextAttemptDelay(policy, 7, undefined, () => 0)).toBe(28_800_000);
  });

  it("stops once every scheduled attempt was made", () => {
    expect(nextAttemptDelay(policy, 8, undefined)).toBeUndefined();
    expect(nextAttemptDelay(policy, 8, 1_000)).toBeUndefined();
  });

  it("takes a Retry-After instead of the schedule, up to its bound", () => {
    expect(nextAttemptDelay(policy, 1, 30_000)).toBe(30_000);
    expect(nextAttemptDelay(policy, 1, 7_200_000)).toBe(3_600_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 12:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
