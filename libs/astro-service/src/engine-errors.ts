import { AstroError } from "@orrery/astro";
import { DomainError } from "@orrery/errors";
import { PlaceError } from "@orrery/places";
import { InputFieldError } from "./astrology.js";

/** "bodies[2]" → "bodies.2": the dotted paths used everywhere else in errors[]. */
function dottedField(field: string): string {
  return field.replaceAll(/\[(\d+)\]/g, ".$1");
}

/**
 * The engine's AstroError and the place library's PlaceError (the same shape) → a problem with
 * their code (422, or 404 for a place that does not exist) and the field they name, prefixed
 * with where that input sits in the request body; the engine's INTERNAL_ERROR → 500. Other
 * errors pass.
 */
export function engineError(error: unknown, prefix = ""): unknown {
  if (error instanceof InputFieldError)
    return engineError(error.cause, `${prefix}${error.prefix}.`);
  if (!(error instanceof AstroError) && !(error instanceof PlaceError)) return error;
  if (error.code === "INTERNAL_ERROR") {
    return new DomainError("INTERNAL_ERROR", error.message, { cause: error });
  }
  const field =
    error.field === "" ? prefix.replace(/\.$/, "") : `${prefix}${dottedField(error.field)}`;
  return new DomainError(error.code, error.message, {
    violations: [
      { field: field === "" ? "(body)" : field, code: error.code, message: error.message },
    ],
  });
}

/** Runs an engine call, mapping its errors (see engineError). */
export async function withEngineErrors<T>(run: () => Promise<T>, prefix = ""): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw engineError(error, prefix);
  }
}
