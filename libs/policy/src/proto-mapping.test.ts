import { create } from "@bufbuild/protobuf";
import {
  type LimitOverrides as LimitOverridesMessage,
  LimitOverridesSchema,
  Plan,
} from "@orrery/proto/apikey/v1/account";
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
    for (const plan of PLAN_NAMES) {
      expect(planToProto(plan)).not.toBe(Plan.UNSPECIFIED);
      expect(planFromProto(planToProto(plan))).toBe(plan);
    }
    expect(new Set(PLAN_NAMES.map(planToProto)).size).toBe(PLAN_NAMES.length);
    expect(planFromProto(Plan.UNSPECIFIED)).toBeUndefined();
    expect(planFromProto(99 as Plan)).toBeUndefined();
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
