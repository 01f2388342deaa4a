import { Granularity, UsageDimension } from "@orrery/proto/analytics/v1/analytics";
import { describe, expect, it } from "vitest";
import {
  dimensionFromProto,
  dimensionToProto,
  GRANULARITIES,
  granularityFromProto,
  granularityToProto,
  USAGE_DIMENSIONS,
} from "./index.js";

describe("the proto mapping", () => {
  it("has a distinct message for every granularity and back, and none for an unspecified one", () => {
    for (const granularity of GRANULARITIES) {
      expect(granularityToProto(granularity)).not.toBe(Granularity.UNSPECIFIED);
      expect(granularityFromProto(granularityToProto(granularity))).toBe(granularity);
    }
    expect(new Set(GRANULARITIES.map(granularityToProto)).size).toBe(GRANULARITIES.length);
    expect(granularityFromProto(Granularity.UNSPECIFIED)).toBeUndefined();
    expect(granularityFromProto(99 as Granularity)).toBeUndefined();
  });

  it("groups by every dimension through the message, and an ungrouped query stays ungrouped", () => {
    for (const dimension of USAGE_DIMENSIONS) {
      expect(dimensionToProto(dimension)).not.toBe(UsageDimension.UNSPECIFIED);
      expect(dimensionFromProto(dimensionToProto(dimension))).toBe(dimension);
    }
    expect(new Set(USAGE_DIMENSIONS.map(dimensionToProto)).size).toBe(USAGE_DIMENSIONS.length);
    expect(dimensionToProto(undefined)).toBe(UsageDimension.UNSPECIFIED);
    expect(dimensionFromProto(UsageDimension.UNSPECIFIED)).toBeUndefined();
  });
});
