/** Stable error codes; clients may switch on them. New codes may be added, never renamed. */
export type PlaceErrorCode =
  | "INVALID_QUERY"
  | "QUERY_TOO_LONG"
  | "INVALID_COUNTRY"
  | "UNKNOWN_COUNTRY"
  | "INVALID_LIMIT"
  | "INVALID_PLACE_ID"
  | "PLACE_NOT_FOUND"
  | "INVALID_LATITUDE"
  | "INVALID_LONGITUDE"
  | "MISSING_LOCATION"
  | "LOCATION_CONFLICT"
  | "TIMEZONE_CONFLICT"
  | "INVALID_TIMEZONE";

/** The only error the public functions throw for bad input, shaped like the engine's AstroError. */
export class PlaceError extends Error {
  override readonly name = "PlaceError";

  constructor(
    readonly code: PlaceErrorCode,
    /** Path of the input field concerned, e.g. "country" or "placeId"; "" for the whole input. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }

  toJSON(): { code: PlaceErrorCode; field: string; message: string } {
    return { code: this.code, field: this.field, message: this.message };
  }
}
