import { DomainError } from "@orrery/errors";
import { z } from "zod";

/**
 * Text fields as the document states them and the server checks them, alike: JSON Schema counts
 * a string's length in code points, zod's .max in UTF-16 units, so free text is bounded here by
 * code points; and no field takes C0 or C1 control characters.
 */

/** No C0/C1 control characters: the part of "printable" a portable JSON Schema pattern can say. */
const NO_CONTROLS = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";
/** ...and at least one character that is not white space. */
const NOT_BLANK =
  "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$";

const codePoints = (value: string) => {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
};

/** Free text of at most `max` code points, without control characters. */
export function boundedText(max: number) {
  return z
    .string()
    .regex(new RegExp(NO_CONTROLS, "u"), "Must not contain control characters.")
    .refine((value) => codePoints(value) <= max, `At most ${max} characters.`)
    .meta({ maxLength: max });
}

/**
 * A name: printable text, trimmed, 1 to `max` characters once trimmed. The schema says what a
 * pattern can (no controls, not blank, the length); `displayName` checks the rest once the
 * request is valid, as a 422 invalid-name.
 */
export function nameSchema(max: number) {
  return z
    .string()
    .regex(new RegExp(NOT_BLANK, "u"), "Must hold printable text.")
    .refine((value) => codePoints(value) <= max, `At most ${max} characters.`)
    .meta({ minLength: 1, maxLength: max });
}

// Control, format, surrogate, private-use and unassigned code points (Unicode category C).
const NOT_PRINTABLE = /\p{C}/u;

/** The name as stored: trimmed, NFC; 422 invalid-name when what is left is not printable text. */
export function displayName(value: string, field: string, max: number): string {
  const name = value.trim().normalize("NFC");
  const length = codePoints(name);
  const problem =
    length === 0
      ? "Must not be blank."
      : length > max
        ? `At most ${max} characters.`
        : NOT_PRINTABLE.test(name)
          ? "Must be printable text: no control, format, private-use or unassigned characters."
          : undefined;
  if (problem === undefined) return name;
  throw new DomainError("INVALID_NAME", `${field}: ${problem}`, {
    violations: [{ field, code: "INVALID_NAME", message: problem }],
    metadata: { limit: String(max) },
  });
}
