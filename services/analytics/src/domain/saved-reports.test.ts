import { describe, expect, it } from "vitest";
import { nextRunAfter, parseScheduleAt, reportQuery } from "./saved-reports.js";

const at = (iso: string) => new Date(iso);

describe("saved report schedules", () => {
  it("runs daily at its UTC time, strictly after the given instant", () => {
    const daily = { every: "day" as const, atMinute: parseScheduleAt("day", "06:00") };
    expect(nextRunAfter(daily, at("2026-12-02T05:59:59Z"))).toEqual(at("2026-12-02T06:00:00Z"));
    expect(nextRunAfter(daily, at("2026-12-02T06:00:00Z"))).toEqual(at("2026-12-03T06:00:00Z"));
    expect(nextRunAfter(daily, at("2026-12-31T23:00:00Z"))).toEqual(at("2027-01-01T06:00:00Z"));
  });

  it("runs hourly at its minute", () => {
    const hourly = { every: "hour" as const, atMinute: parseScheduleAt("hour", ":15") };
    expect(nextRunAfter(hourly, at("2026-12-02T10:14:00Z"))).toEqual(at("2026-12-02T10:15:00Z"));
    expect(nextRunAfter(hourly, at("2026-12-02T10:15:00Z"))).toEqual(at("2026-12-02T11:15:00Z"));
    expect(parseScheduleAt("hour", "")).toBe(0);
    expect(() => parseScheduleAt("day", "24:00")).toThrow();
  });

  it("resolves a window as the range ending when it runs", () => {
    const query = reportQuery(
      "acc",
      {
        name: "n",
        metrics: [],
        groupBy: undefined,
        route: "",
        keyId: "",
        window: "last_24h",
        from: undefined,
        to: undefined,
        granularity: "hour",
        schedule: undefined,
      },
      at("2026-12-02T10:30:00Z"),
    );
    expect(query.from).toEqual(at("2026-12-01T10:00:00Z"));
    expect(query.to).toEqual(at("2026-12-02T11:00:00Z"));
  });
});
