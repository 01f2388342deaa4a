import { type DomainErrorKind, ERROR_CATALOGUE, type ErrorCode } from "./catalogue.js";

export interface FieldViolation {
  /** Path of the offending field in the request, dotted (`items.3.latitude`). */
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface DomainErrorOptions {
  readonly violations?: readonly FieldViolation[];
  /** Extra machine-readable facts (never secrets): `retryAfterSeconds`, `limit`, … */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * A failure a client can act on: a code from the catalogue (its kind follows from the code, so
 * the two cannot disagree), a message for humans, and optional field violations and metadata.
 */
export class DomainError extends Error {
  override readonly name: string = "DomainError";
  readonly kind: DomainErrorKind;
  readonly violations: readonly FieldViolation[];
  readonly metadata: Readonly<Record<string, string>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = ERROR_CATALOGUE[code].kind;
    this.violations = options.violations ?? [];
    this.metadata = options.metadata ?? {};
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** VALIDATION_FAILED naming one field: a service's answer to a malformed request field. */
export function invalidField(field: string, code: string, message: string): DomainError {
  return new DomainError("VALIDATION_FAILED", `${field}: ${message}`, {
    violations: [{ field, code, message }],
  });
}

/** A required id of a request; VALIDATION_FAILED (REQUIRED) when it is empty. */
export function requireId(value: string, field: string): string {
  if (value === "") throw invalidField(field, "REQUIRED", "Required.");
  return value;
}
