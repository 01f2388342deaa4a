import { DomainError, type DomainErrorKind, type ErrorCode, errorCodeEntry } from "@orrery/errors";
import type { Response } from "express";
import { send } from "./response-writer.js";

/** Base of every problem `type` URI; each is listed under "Problem types" in /docs. */
export const PROBLEM_TYPE_BASE = "https://orrery.dev/problems/";

export interface ProblemFieldError {
  /** Dotted path of the field in the request (`items.3.latitude`). */
  readonly field: string;
  /** JSON Pointer (RFC 6901) to the same field in the request body (body fields only). */
  readonly pointer?: string;
  /** Name of the query, path or header parameter (parameter fields only). */
  readonly parameter?: string;
  readonly code: string;
  readonly message: string;
}

/** RFC 9457 problem details, with Orrery's extension members. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly requestId: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly [extension: string]: unknown;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  conflict: 409,
  failed_precondition: 409,
  payload_too_large: 413,
  unprocessable: 422,
  resource_exhausted: 429,
  cancelled: 499,
  internal: 500,
  unavailable: 503,
  deadline_exceeded: 504,
};

export function statusForKind(kind: DomainErrorKind): number {
  return STATUS_BY_KIND[kind];
}

/** The status of a code: its kind's, or the more precise one an HTTP-only code has (405, 415). */
export function statusForCode(code: ErrorCode): number {
  const entry = errorCodeEntry(code);
  return entry.httpStatus ?? statusForKind(entry.kind);
}

export function statusForError(error: DomainError): number {
  return statusForCode(publicCode(error));
}

/** KEY_NOT_FOUND → key-not-found: the stable slug of a problem type. */
export function problemSlug(code: ErrorCode): string {
  return code.toLowerCase().replaceAll("_", "-");
}

/** Where a bad field is: a JSON Pointer into the body, or a query ("query:"), path ("path:") or header ("header:") parameter. */
function locationOf(field: string): { pointer: string } | { parameter: string } {
  for (const prefix of ["query:", "path:", "header:"]) {
    if (field.startsWith(prefix)) return { parameter: field.slice(prefix.length) };
  }
  if (field === "" || field === "(body)") return { pointer: "" };
  return {
    pointer: `/${field
      .split(".")
      .map((segment) => segment.replaceAll("~", "~0").replaceAll("/", "~1"))
      .join("/")}`,
  };
}

/**
 * Extension members whose value is a list of names; DomainError metadata carries them
 * comma-separated (violated-policies: draft-ietf-httpapi-ratelimit-headers' quota-exceeded).
 */
const LIST_EXTENSIONS: ReadonlySet<string> = new Set(["violated-policies"]);

/**
 * The code a client is told: a public one. A code only services see (an upstream's internal
 * failure, a check the gateway should have made itself) leaves as the public code of what it
 * means to a client, so every problem sent is one the document lists.
 */
export function publicCode(error: DomainError): ErrorCode {
  if (errorCodeEntry(error.code).public === true) return error.code;
  if (error.kind === "deadline_exceeded") return "UPSTREAM_DEADLINE_EXCEEDED";
  if (error.kind === "unavailable") return "UPSTREAM_UNAVAILABLE";
  return "INTERNAL_ERROR";
}

export function problemFromError(error: DomainError, requestId: string): Problem {
  const code = publicCode(error);
  const status = statusForCode(code);
  // Internal details never leave the process; the request id ties the reply to the logs.
  const detail = code === "INTERNAL_ERROR" ? "An unexpected error occurred." : error.message;
  const extensions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(code === error.code ? error.metadata : {})) {
    if (name === "retryAfterSeconds") extensions.retryAfter = Number(value);
    else if (LIST_EXTENSIONS.has(name)) extensions[name] = value === "" ? [] : value.split(",");
    else extensions[name] = value;
  }
  return {
    type: `${PROBLEM_TYPE_BASE}${problemSlug(code)}`,
    title: errorCodeEntry(code).title,
    status,
    detail,
    code,
    requestId,
    ...(error.violations.length > 0 && code === error.code
      ? {
          errors: error.violations.map((violation) => ({
            field: violation.field,
            ...locationOf(violation.field),
            code: violation.code,
            message: violation.message,
          })),
        }
      : {}),
    ...extensions,
  };
}

export function sendProblem(response: Response, problem: Problem): void {
  if (typeof problem.retryAfter === "number" && Number.isFinite(problem.retryAfter)) {
    response.setHeader("retry-after", String(Math.ceil(problem.retryAfter)));
  }
  response.setHeader("content-type", "application/problem+json; charset=utf-8");
  response.setHeader("cache-control", "no-store");
  send(response, problem.status, JSON.stringify(problem));
}

export function internalError(): DomainError {
  return new DomainError("INTERNAL_ERROR", "An unexpected error occurred.");
}
