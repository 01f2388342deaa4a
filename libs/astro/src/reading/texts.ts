import type { NatalTexts, ReadingLanguage } from "./language.js";
import { EN } from "./texts-en.js";

export const NATAL_TEXTS: Readonly<Record<ReadingLanguage, NatalTexts>> = {
  en: EN,
  es: EN,
  pt: EN,
};
