import { describe, expect, it } from "vitest";
import { DomainError, invalidField, requireId } from "./domain-error.js";

describe("field errors", () => {
  it("names the one field a request got wrong, as a validation failure", () => {
    const error = invalidField("environment", "INVALID_VALUE", "Unknown key environment.");
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.kind).toBe("invalid_argument");
    expect(error.message).toBe("environment: Unknown key environment.");
    expect(error.violations).toEqual([
      { field: "environment", code: "INVALID_VALUE", message: "Unknown key environment." },
    ]);
  });

  it("passes a given id through and refuses an empty one as required", () => {
    expect(requireId("acc_1", "accountId")).toBe("acc_1");
    expect(() => requireId("", "accountId")).toThrow(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        violations: [{ field: "accountId", code: "REQUIRED", message: "Required." }],
      }),
    );
  });
});
