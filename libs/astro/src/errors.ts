/** Stable error codes; clients may switch on them. New codes may be added, never renamed. */
export type AstroErrorCode =
  | "INVALID_INPUT"
  | "INVALID_DATETIME"
  | "INVALID_LATITUDE"
  | "INVALID_LONGITUDE"
  | "UNKNOWN_TIMEZONE"
  | "INVALID_UTC_OFFSET"
  | "TIMEZONE_CONFLICT"
  | "MISSING_TIMEZONE"
  | "NONEXISTENT_LOCAL_TIME"
  | "AMBIGUOUS_LOCAL_TIME"
  | "DATE_OUT_OF_RANGE"
  | "UNKNOWN_HOUSE_SYSTEM"
  | "UNKNOWN_ZODIAC"
  | "UNKNOWN_AYANAMSA"
  | "UNKNOWN_BODY"
  | "UNKNOWN_ASPECT"
  | "INVALID_ORB"
  | "INVALID_OPTION"
  | "INVALID_CHART"
  | "INVALID_RANGE"
  | "RANGE_TOO_LONG"
  | "INTERNAL_ERROR";

/** The only error the public functions throw. */
export class AstroError extends Error {
  override readonly name = "AstroError";

  constructor(
    readonly code: AstroErrorCode,
    /** Path of the input field concerned, e.g. "latitude" or "bodies[2]"; "" for the whole input. */
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toJSON(): { code: AstroErrorCode; field: string; message: string } {
    return { code: this.code, field: this.field, message: this.message };
  }
}

/**
 * Runs a public entry point so that nothing but AstroError escapes it: an unexpected failure
 * becomes INTERNAL_ERROR with the original kept as `cause` for logs.
 */
export function guarded<T>(operation: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AstroError) throw error;
    throw new AstroError("INTERNAL_ERROR", "", `${operation} failed unexpectedly`, {
      cause: error,
    });
  }
}
