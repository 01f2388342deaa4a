import { DomainError } from "@orrery/errors";
import type { z } from "zod";

export interface Violation {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** Stable codes of a bad field in `errors[]`, from zod's issue codes. */
function violationCode(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "REQUIRED" : "INVALID_TYPE";
    case "too_small":
    case "too_big":
      return "OUT_OF_RANGE";
    case "invalid_format":
      return "INVALID_FORMAT";
    case "not_multiple_of":
      return "NOT_MULTIPLE_OF";
    case "unrecognized_keys":
      return "UNKNOWN_FIELD";
    default:
      return "INVALID_VALUE";
  }
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join(".");
}

/**
 * Every zod issue as one violation per bad field; an unknown-keys issue becomes one violation
 * per unknown field. `prefix` tells where the field was ("" body, "query:", "path:").
 */
/**
 * The code of the innermost named field of a path that has one (`bodies.2` → bodies',
 * `orbs.square` → orbs', `b.latitude` → latitude's).
 */
function fieldCode(
  path: readonly PropertyKey[],
  fieldCodes: Readonly<Record<string, string>>,
): string | undefined {
  for (let index = path.length - 1; index >= 0; index--) {
    const segment = path[index];
    if (typeof segment === "string" && Object.hasOwn(fieldCodes, segment)) {
      return fieldCodes[segment];
    }
  }
  return undefined;
}

export function validationViolations(
  issues: readonly z.core.$ZodIssue[],
  prefix: string,
  fieldCodes: Readonly<Record<string, string>> = {},
): Violation[] {
  const violations: Violation[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        violations.push({
          field: `${prefix}${dotted([...issue.path, key])}`,
          code: "UNKNOWN_FIELD",
          message: `Unknown field ${JSON.stringify(key)}.`,
        });
      }
      continue;
    }
    const field = dotted(issue.path);
    const generic = violationCode(issue);
    const engineCode = generic === "REQUIRED" ? undefined : fieldCode(issue.path, fieldCodes);
    violations.push({
      field: `${prefix}${field === "" ? "(body)" : field}`,
      code: engineCode ?? generic,
      message:
        issue.code === "invalid_type" && issue.input === undefined ? "Required." : issue.message,
    });
  }
  return violations;
}

export function validationError(violations: readonly Violation[]): DomainError {
  const count = violations.length;
  return new DomainError(
    "VALIDATION_FAILED",
    `The request has ${count} invalid field${count === 1 ? "" : "s"}.`,
    { violations },
  );
}
