import { create } from "@bufbuild/protobuf";
import {
  type LimitOverrides as LimitOverridesMessage,
  LimitOverridesSchema,
} from "@orrery/proto/apikey/v1/account";
import { protoEnumMappingProblems } from "@orrery/testing";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  LIMIT_FIELD_NAMES,
  type LimitField,
  limitOverridesFromProto,
  limitOverridesToProto,
  PLAN_NAMES,
  planFromProto,
  planToProto,
} from "./index.js";

describe("the proto mapping", () => {
  it("has a proto plan for every plan and back, and none for an unspecified one", () => {
    expect(protoEnumMappingProblems(PLAN_NAMES, planToProto, planFromProto)).toEqual([]);
  });

  it("carries every limit field through the message, the quota as a uint64", () => {
    expectTypeOf<
      Exclude<keyof LimitOverridesMessage, "$typeName" | "$unknown">
    >().toEqualTypeOf<LimitField>();
    const overrides = Object.fromEntries(
      LIMIT_FIELD_NAMES.map((field, index) => [field, index + 1]),
    );
    const message = create(LimitOverridesSchema, limitOverridesToProto(overrides));
    expect(typeof message.monthlyQuota).toBe("bigint");
    expect(limitOverridesFromProto(message)).toEqual(overrides);
  });

  it("leaves unset fields unset", () => {
    const message = create(LimitOverridesSchema, limitOverridesToProto({ burstPerSecond: 3 }));
    expect(limitOverridesFromProto(message)).toEqual({ burstPerSecond: 3 });
    expect(limitOverridesFromProto(undefined)).toEqual({});
  });
});
