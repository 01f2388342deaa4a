import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { anyPack, anyUnpack, durationFromMs } from "@bufbuild/protobuf/wkt";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import {
  DomainError,
  type DomainErrorKind,
  type ErrorCode,
  type FieldViolation,
  isErrorCode,
} from "@orrery/errors";
import {
  BadRequestSchema,
  ErrorInfoSchema,
  RetryInfoSchema,
} from "@orrery/proto/google/rpc/error_details";
import { type Status, StatusSchema } from "@orrery/proto/google/rpc/status";

const ERROR_DOMAIN = "orrery.dev";
const DETAILS_KEY = "grpc-status-details-bin";

const STATUS_BY_KIND: Record<DomainErrorKind, status> = {
  invalid_argument: status.INVALID_ARGUMENT,
  unprocessable: status.INVALID_ARGUMENT,
  unauthenticated: status.UNAUTHENTICATED,
  permission_denied: status.PERMISSION_DENIED,
  not_found: status.NOT_FOUND,
  already_exists: status.ALREADY_EXISTS,
  conflict: status.ABORTED,
  failed_precondition: status.FAILED_PRECONDITION,
  resource_exhausted: status.RESOURCE_EXHAUSTED,
  payload_too_large: status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
  deadline_exceeded: status.DEADLINE_EXCEEDED,
  cancelled: status.CANCELLED,
  internal: status.INTERNAL,
};

/**
 * What a status without Orrery details says (a transport failure, a deadline, or a server that
 * failed before it could explain itself): a code for each status a caller may act on.
 */
const UPSTREAM_CODE_BY_STATUS: Partial<Record<status, ErrorCode>> = {
  [status.UNAVAILABLE]: "UPSTREAM_UNAVAILABLE",
  [status.DEADLINE_EXCEEDED]: "UPSTREAM_DEADLINE_EXCEEDED",
  [status.UNIMPLEMENTED]: "UPSTREAM_UNIMPLEMENTED",
  [status.CANCELLED]: "CANCELLED",
};

/**
 * A call that ended without the server's domain answer: the server could not be reached, the
 * deadline passed, the call was cancelled, or the server failed without details. Callers that
 * must tell "no answer" from an answer (a fail-open policy) test for this class, never for codes.
 */
export class UpstreamError extends DomainError {
  override readonly name = "UpstreamError";
}

export interface GrpcErrorPayload {
  code: status;
  details: string;
  metadata: Metadata;
}

/**
 * A domain error as a google.rpc.Status: ErrorInfo carries the stable code (`reason`), from
 * which the far side rebuilds the exact DomainError (the kind follows from the code); BadRequest lists field violations;
 * RetryInfo says when to come back. Anything else is INTERNAL with no message of its own:
 * internals never cross the wire. Also used on its own for per-item errors of batch responses.
 */
export function statusFromError(error: unknown): Status {
  if (!(error instanceof DomainError)) {
    return create(StatusSchema, { code: status.INTERNAL, message: "internal error" });
  }
  const code = STATUS_BY_KIND[error.kind];
  const details = [
    anyPack(
      ErrorInfoSchema,
      create(ErrorInfoSchema, {
        reason: error.code,
        domain: ERROR_DOMAIN,
        metadata: { ...error.metadata },
      }),
    ),
  ];
  if (error.violations.length > 0) {
    details.push(
      anyPack(
        BadRequestSchema,
        create(BadRequestSchema, {
          fieldViolations: error.violations.map((violation) => ({
            field: violation.field,
            description: violation.message,
            reason: violation.code,
          })),
        }),
      ),
    );
  }
  const retryAfter = Number(error.metadata.retryAfterSeconds);
  if (Number.isFinite(retryAfter) && retryAfter > 0) {
    details.push(
      anyPack(
        RetryInfoSchema,
        create(RetryInfoSchema, { retryDelay: durationFromMs(retryAfter * 1000) }),
      ),
    );
  }
  return create(StatusSchema, { code, message: error.message, details });
}

/** A domain error becomes a gRPC status whose details (grpc-status-details-bin) rebuild it. */
export function toGrpcError(error: unknown): GrpcErrorPayload {
  const statusMessage = statusFromError(error);
  const metadata = new Metadata();
  if (error instanceof DomainError) {
    metadata.set(DETAILS_KEY, Buffer.from(toBinary(StatusSchema, statusMessage)));
  }
  return { code: statusMessage.code as status, details: statusMessage.message, metadata };
}

/**
 * The inverse of statusFromError: the DomainError a google.rpc.Status with Orrery details
 * describes, or undefined when it has none (a foreign server, a transport failure) or names a
 * code this build does not know (a newer server).
 */
export function errorFromStatus(statusMessage: Status, cause?: unknown): DomainError | undefined {
  let info: { reason: ErrorCode; metadata: Record<string, string> } | undefined;
  const violations: FieldViolation[] = [];
  for (const detail of statusMessage.details) {
    const errorInfo = anyUnpack(detail, ErrorInfoSchema);
    if (errorInfo !== undefined && errorInfo.domain === ERROR_DOMAIN) {
      if (isErrorCode(errorInfo.reason)) {
        info = { reason: errorInfo.reason, metadata: { ...errorInfo.metadata } };
      }
      continue;
    }
    const badRequest = anyUnpack(detail, BadRequestSchema);
    if (badRequest !== undefined) {
      for (const violation of badRequest.fieldViolations) {
        violations.push({
          field: violation.field,
          code: violation.reason,
          message: violation.description,
        });
      }
    }
  }
  if (info === undefined) return undefined;
  return new DomainError(info.reason, statusMessage.message, {
    violations,
    metadata: info.metadata,
    cause,
  });
}

/** What a status without (known) Orrery details becomes on the caller's side. */
export function upstreamError(code: status, message: string, cause?: unknown): UpstreamError {
  return new UpstreamError(UPSTREAM_CODE_BY_STATUS[code] ?? "UPSTREAM_ERROR", message, { cause });
}

/** The client-side inverse of toGrpcError: every failed call surfaces as a DomainError. */
export function fromGrpcError(error: ServiceError, method: string): DomainError {
  const statusDetails = readStatusDetails(error.metadata);
  const rebuilt = statusDetails === undefined ? undefined : errorFromStatus(statusDetails, error);
  return (
    rebuilt ??
    upstreamError(error.code, `${method} failed: ${status[error.code] ?? error.code}`, error)
  );
}

function readStatusDetails(metadata: Metadata | undefined) {
  const raw = metadata?.get(DETAILS_KEY)[0];
  if (raw === undefined || typeof raw === "string") return undefined;
  try {
    return fromBinary(StatusSchema, raw);
  } catch {
    return undefined;
  }
}
