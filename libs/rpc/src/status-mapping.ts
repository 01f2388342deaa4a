import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { anyPack, anyUnpack, durationFromMs } from "@bufbuild/protobuf/wkt";
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { DomainError, type DomainErrorKind, type FieldViolation } from "@orrery/errors";
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

const KIND_BY_STATUS: Partial<Record<status, DomainErrorKind>> = {
  [status.INVALID_ARGUMENT]: "invalid_argument",
  [status.UNAUTHENTICATED]: "unauthenticated",
  [status.PERMISSION_DENIED]: "permission_denied",
  [status.NOT_FOUND]: "not_found",
  [status.ALREADY_EXISTS]: "already_exists",
  [status.ABORTED]: "conflict",
  [status.FAILED_PRECONDITION]: "failed_precondition",
  [status.RESOURCE_EXHAUSTED]: "resource_exhausted",
  [status.UNAVAILABLE]: "unavailable",
  [status.DEADLINE_EXCEEDED]: "deadline_exceeded",
  [status.CANCELLED]: "cancelled",
};

export interface GrpcErrorPayload {
  code: status;
  details: string;
  metadata: Metadata;
}

/**
 * A domain error as a google.rpc.Status: ErrorInfo carries the stable code (`reason`) and the
 * kind, so the far side can rebuild the exact DomainError; BadRequest lists field violations;
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
        metadata: { ...error.metadata, kind: error.kind },
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
 * describes, or undefined when it has none (a foreign server, a transport failure).
 */
export function errorFromStatus(statusMessage: Status, cause?: unknown): DomainError | undefined {
  let info: { reason: string; metadata: Record<string, string> } | undefined;
  const violations: FieldViolation[] = [];
  for (const detail of statusMessage.details) {
    const errorInfo = anyUnpack(detail, ErrorInfoSchema);
    if (errorInfo !== undefined && errorInfo.domain === ERROR_DOMAIN) {
      info = { reason: errorInfo.reason, metadata: { ...errorInfo.metadata } };
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
  const { kind, ...metadata } = info.metadata;
  return new DomainError(
    (kind as DomainErrorKind | undefined) ??
      KIND_BY_STATUS[statusMessage.code as status] ??
      "internal",
    info.reason,
    statusMessage.message,
    { violations, metadata, cause },
  );
}

/** The client-side inverse of toGrpcError: every failed call surfaces as a DomainError. */
export function fromGrpcError(error: ServiceError, method: string): DomainError {
  const statusDetails = readStatusDetails(error.metadata);
  const rebuilt = statusDetails === undefined ? undefined : errorFromStatus(statusDetails, error);
  if (rebuilt !== undefined) return rebuilt;
  // No Orrery details: a transport failure (unreachable, deadline) or a foreign server.
  const kind = KIND_BY_STATUS[error.code] ?? "internal";
  const code =
    error.code === status.DEADLINE_EXCEEDED
      ? "UPSTREAM_DEADLINE_EXCEEDED"
      : error.code === status.UNAVAILABLE
        ? "UPSTREAM_UNAVAILABLE"
        : error.code === status.UNIMPLEMENTED
          ? "UPSTREAM_UNIMPLEMENTED"
          : "UPSTREAM_ERROR";
  return new DomainError(
    kind === "invalid_argument" ? "internal" : kind,
    code,
    `${method} failed: ${status[error.code] ?? error.code}`,
    { cause: error },
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
