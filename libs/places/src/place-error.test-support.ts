import { PlaceError } from "./index.js";

/** The code of the PlaceError `run` throws; any other outcome fails the test. */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PlaceError) return error.code;
    throw error;
  }
  throw new Error("expected a PlaceError");
}
