import { READING_LANGUAGES, type ReadingLanguage } from "@orrery/astro";
import type { Request } from "express";
import Negotiator from "negotiator";

/**
 * The language of a reading: the body's `language` when it names one, else the best match of
 * Accept-Language (pt-BR takes pt, es-419 es; q-values honoured), else English.
 */
export function readingLanguage(
  request: Request,
  requested: ReadingLanguage | undefined,
): ReadingLanguage {
  if (requested !== undefined) return requested;
  if (request.headers["accept-language"] === undefined) return "en";
  const [best] = new Negotiator(request).languages([...READING_LANGUAGES]);
  return (best as ReadingLanguage | undefined) ?? "en";
}
