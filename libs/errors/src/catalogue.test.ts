import { describe, expect, it } from "vitest";
import {
  DomainError,
  ERROR_CATALOGUE,
  type ErrorCode,
  errorCodeEntry,
  isErrorCode,
  PUBLIC_ERROR_CODES,
} from "./index.js";

const codes = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

describe("the error catalogue", () => {
  it("names every code in SCREAMING_SNAKE_CASE with a sentence-case title and a description", () => {
    for (const code of codes) {
      const entry = errorCodeEntry(code);
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      // Sentence case: a capital first letter, then lower case except acronyms (API, JSON, UTF8).
      expect(entry.title, code).toMatch(
        /^([A-Z][a-z]*|[A-Z][A-Z0-9]+)( ([a-z]+|[A-Z][A-Z0-9]+))*$/,
      );
      expect(entry.title.toLowerCase(), code).toBe(code.toLowerCase().replaceAll("_", " "));
      expect(entry.description.length, code).toBeGreaterThan(10);
    }
  });

  it("gives every title to one code only", () => {
    const titles = codes.map((code) => errorCodeEntry(code).title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("lists the public codes, which include every code an HTTP client sees for a bad request", () => {
    expect(PUBLIC_ERROR_CODES).toContain("VALIDATION_FAILED");
    expect(PUBLIC_ERROR_CODES).toContain("INTERNAL_ERROR");
    expect(PUBLIC_ERROR_CODES).not.toContain("TOO_MANY_CHECKS");
    expect(PUBLIC_ERROR_CODES.every((code) => errorCodeEntry(code).public === true)).toBe(true);
  });

  it("recognises only its own codes in text from the wire", () => {
    expect(isErrorCode("KEY_NOT_FOUND")).toBe(true);
    expect(isErrorCode("KEY_NOT_FUOND")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode("__proto__")).toBe(false);
  });
});

describe("DomainError", () => {
  it("takes its kind from the catalogue", () => {
    expect(new DomainError("KEY_NOT_FOUND", "No key key_1.").kind).toBe("not_found");
    expect(new DomainError("QUOTA_EXCEEDED", "Slow down.").kind).toBe("resource_exhausted");
  });

  it("keeps violations, metadata and the cause", () => {
    const cause = new Error("socket hang up");
    const error = new DomainError("VALIDATION_FAILED", "bad", {
      violations: [{ field: "latitude", code: "TOO_BIG", message: "at most 90" }],
      metadata: { limit: "90" },
      cause,
    });
    expect(error).toMatchObject({
      code: "VALIDATION_FAILED",
      kind: "invalid_argument",
      metadata: { limit: "90" },
      violations: [{ field: "latitude" }],
    });
    expect(error.cause).toBe(cause);
  });

  it("accepts catalogue codes only", () => {
    // @ts-expect-error a misspelt code does not compile
    const misspelt = () => new DomainError("KEY_NOT_FUOND", "No key.");
    expect(misspelt).toThrow();
  });
});
