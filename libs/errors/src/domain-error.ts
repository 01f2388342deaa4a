/**
 * The kinds of failure every transport knows how to express. A kind decides the gRPC status
 * code and the HTTP status; the `code` on a DomainError is the stable, documented name a client
 * can switch on (e.g. "KEY_NOT_FOUND", "QUOTA_EXCEEDED").
 */
export type DomainErrorKind =
  | "invalid_argument"
  | "unprocessable"
  | "unauthenticated"
  | "permission_denied"
  | "not_found"
  | "already_exists"
  | "conflict"
  | "failed_precondition"
  | "resource_exhausted"
  | "payload_too_large"
  | "unavailable"
  | "deadline_exceeded"
  | "cancelled"
  | "internal";

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

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly violations: readonly FieldViolation[];
  readonly metadata: Readonly<Record<string, string>>;

  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.violations = options.violations ?? [];
    this.metadata = options.metadata ?? {};
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
