import { type ErrorCode, errorCodeEntry, PUBLIC_ERROR_CODES } from "@orrery/errors";
import { statusForCode } from "./problem.js";

/**
 * Every problem type the public API answers with, listed under "Problem types" in /docs and in the
 * OpenAPI document: the public codes of the error catalogue (libs/errors), which is where a new
 * one is added. A code is stable once published.
 */
export interface ProblemTypeDoc {
  readonly code: ErrorCode;
  readonly status: number;
  readonly description: string;
}

/** Ordered by status, then as the catalogue lists them. */
export const PROBLEM_TYPES: readonly ProblemTypeDoc[] = PUBLIC_ERROR_CODES.map((code) => ({
  code,
  status: statusForCode(code),
  description: errorCodeEntry(code).description,
})).sort((a, b) => a.status - b.status);

/** What a route that calls another service may answer with when that service does not. */
export const UPSTREAM_PROBLEMS: readonly ErrorCode[] = [
  "UPSTREAM_UNAVAILABLE",
  "UPSTREAM_DEADLINE_EXCEEDED",
];
