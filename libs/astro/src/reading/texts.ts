import type { NatalTexts, ReadingLanguage } from "./language.js";
import { EN } from "./texts-en.js";
import { ES } from "./texts-es.js";
import { PT } from "./texts-pt.js";

export const NATAL_TEXTS: Readonly<Record<ReadingLanguage, NatalTexts>> = {
  en: EN,
  es: ES,
  pt: PT,
};
