import { DomainError, type FieldViolation } from "@orrery/errors";
import { LIMIT_FIELD_NAMES, type LimitOverrides } from "@orrery/policy";

/** Collects every bad field of a request, then fails once listing them all. */
export class Violations {
  private readonly list: FieldViolation[] = [];

  add(field: string, code: string, message: string): void {
    this.list.push({ field, code, message });
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const count = this.list.length;
    throw new DomainError(
      "VALIDATION_FAILED",
      `The request has ${count} invalid field${count === 1 ? "" : "s"}.`,
      { violations: this.list },
    );
  }
}

/** Overrides must be whole numbers ≥ 0 (0 disables the thing, e.g. no webhook endpoints). */
export function checkOverrides(
  overrides: LimitOverrides,
  field: string,
  violations: Violations,
): void {
  for (const name of LIMIT_FIELD_NAMES) {
    const value = overrides[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) {
      violations.add(`${field}.${name}`, "OUT_OF_RANGE", "Must be a whole number, 0 or more.");
    }
  }
}

/** Only the fields that are set, so stored overrides stay minimal and comparable. */
export function compactOverrides(overrides: LimitOverrides): LimitOverrides {
  const result: Record<string, number> = {};
  for (const name of LIMIT_FIELD_NAMES) {
    const value = overrides[name];
    if (value !== undefined) result[name] = value;
  }
  return result;
}

export function sameOverrides(left: LimitOverrides, right: LimitOverrides): boolean {
  return LIMIT_FIELD_NAMES.every((name) => left[name] === right[name]);
}
