import { UsageDimension } from "@orrery/proto/analytics/v1/analytics";
import { protoEnumMappingProblems } from "@orrery/testing";
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
    expect(
      protoEnumMappingProblems(GRANULARITIES, granularityToProto, granularityFromProto),
    ).toEqual([]);
  });

  it("groups by every dimension through the message, and an ungrouped query stays ungrouped", () => {
    expect(
      protoEnumMappingProblems(USAGE_DIMENSIONS, dimensionToProto, dimensionFromProto),
    ).toEqual([]);
    expect(dimensionToProto(undefined)).toBe(UsageDimension.UNSPECIFIED);
  });
});
