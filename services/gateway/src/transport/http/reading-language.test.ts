import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { readingLanguage } from "./reading-language.js";

const request = (acceptLanguage?: string) =>
  ({
    headers: acceptLanguage === undefined ? {} : { "accept-language": acceptLanguage },
  }) as Request;

describe("readingLanguage", () => {
  it("takes the body's language over Accept-Language", () => {
    expect(readingLanguage(request("pt-BR"), "es")).toBe("es");
  });

  it("takes the best match of Accept-Language, regional tags and q-values included", () => {
    expect(readingLanguage(request("pt-BR"), undefined)).toBe("pt");
    expect(readingLanguage(request("es-419,en;q=0.5"), undefined)).toBe("es");
    expect(readingLanguage(request("de, en;q=0.3, pt;q=0.7"), undefined)).toBe("pt");
    expect(readingLanguage(request("*"), undefined)).toBe("en");
  });

  it("falls back to English when nothing it writes is acceptable or nothing is asked", () => {
    expect(readingLanguage(request("fr-FR, de;q=0.8"), undefined)).toBe("en");
    expect(readingLanguage(request(), undefined)).toBe("en");
  });
});
