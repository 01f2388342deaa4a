import { describe, expect, it } from "vitest";
import { instantSchema } from "./instant-schemas.js";

const instant = instantSchema("An instant.");

describe("instantSchema", () => {
  it("reads every spelling of one instant as one canonical form", () => {
    const spellings = [
      "2024-02-29",
      "2024-02-29T00:00:00Z",
      "2024-02-29T00:00:00.000Z",
      "2024-02-29T01:00:00+01:00",
      "2024-02-28T19:30:00-04:30",
      "2024-02-29T00:00:00.0004Z",
    ];
    for (const spelling of spellings) {
      expect(instant.parse(spelling), spelling).toBe("2024-02-29T00:00:00.000Z");
    }
    expect(instant.parse("2024-02-29T12:34:56.789+00:00")).toBe("2024-02-29T12:34:56.789Z");
  });

  it("refuses what names no instant: a wall time without offset, an impossible date", () => {
    for (const value of ["2024-02-29T12:00:00", "2025-02-29", "2024-13-01", "yesterday", ""]) {
      expect(instant.safeParse(value).success, value).toBe(false);
    }
  });
});
