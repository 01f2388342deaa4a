import { AstroError } from "@orrery/astro";
import { engineError, InputFieldError } from "@orrery/astro-service";
import { DomainError } from "@orrery/errors";
import { PlaceError } from "@orrery/places";
import { describe, expect, it } from "vitest";
import { problemFromError } from "./problem.js";

describe("engineError", () => {
  it("maps an AstroError to 422 with its code and a dotted field", () => {
    const mapped = engineError(
      new AstroError("UNKNOWN_BODY", "bodies[2]", "no such body"),
      "input.",
    );
    expect(mapped).toBeInstanceOf(DomainError);
    const problem = problemFromError(mapped as DomainError, "req_1");
    expect(problem).toMatchObject({ status: 422, code: "UNKNOWN_BODY" });
    expect(problem.errors).toEqual([
      {
        field: "input.bodies.2",
        pointer: "/input/bodies/2",
        code: "UNKNOWN_BODY",
        message: "no such body",
      },
    ]);
  });

  it("names the input an error came from when the request has several", () => {
    const mapped = engineError(
      new InputFieldError("b", new AstroError("MISSING_TIMEZONE", "", "needs a zone")),
    );
    expect((mapped as DomainError).violations[0]?.field).toBe("b");
  });

  it("maps a PlaceError alike, a place that does not exist to 404", () => {
    const missing = engineError(
      new InputFieldError("a", new PlaceError("PLACE_NOT_FOUND", "placeId", "no place 42")),
    );
    const problem = problemFromError(missing as DomainError, "req_3");
    expect(problem).toMatchObject({ status: 404, code: "PLACE_NOT_FOUND" });
    expect(problem.errors?.[0]).toMatchObject({ field: "a.placeId", pointer: "/a/placeId" });
    const conflict = engineError(new PlaceError("LOCATION_CONFLICT", "latitude", "one or other"));
    expect(problemFromError(conflict as DomainError, "req_4").status).toBe(422);
  });

  it("turns the engine's INTERNAL_ERROR into a 500 without its message", () => {
    const mapped = engineError(new AstroError("INTERNAL_ERROR", "", "stack details"));
    const problem = problemFromError(mapped as DomainError, "req_2");
    expect(problem.status).toBe(500);
    expect(problem.detail).toBe("An unexpected error occurred.");
  });

  it("passes other errors through", () => {
    const error = new Error("other");
    expect(engineError(error)).toBe(error);
  });
});
