import type { AspectType } from "../aspect-types.js";
import type { Element } from "../zodiac.js";

export interface SvgTheme {
  readonly background: string;
  readonly ink: string;
  readonly faint: string;
  readonly axis: string;
  readonly elements: Readonly<Record<Element, string>>;
  readonly aspects: Readonly<Record<AspectType, string>>;
}

const LIGHT_ASPECTS: Record<AspectType, string> = {
  conjunction: "#6d4c41",
  sextile: "#1565c0",
  square: "#c62828",
  trine: "#2e7d32",
  opposition: "#ad1457",
  semisextile: "#78909c",
  semisquare: "#e57373",
  quintile: "#8e24aa",
  sesquiquadrate: "#e57373",
  biquintile: "#8e24aa",
  quincunx: "#f9a825",
};

const DARK_ASPECTS: Record<AspectType, string> = {
  conjunction: "#d7b49e",
  sextile: "#64b5f6",
  square: "#ef5350",
  trine: "#81c784",
  opposition: "#f06292",
  semisextile: "#b0bec5",
  semisquare: "#ef9a9a",
  quintile: "#ce93d8",
  sesquiquadrate: "#ef9a9a",
  biquintile: "#ce93d8",
  quincunx: "#ffd54f",
};

export const SVG_THEMES: Readonly<Record<"light" | "dark", SvgTheme>> = {
  light: {
    background: "#ffffff",
    ink: "#1f2328",
    faint: "#8c959f",
    axis: "#0b3d91",
    elements: { fire: "#fde4d8", earth: "#e6eedb", air: "#fff5cc", water: "#dbe8f5" },
    aspects: LIGHT_ASPECTS,
  },
  dark: {
    background: "#12141a",
    ink: "#e6e8ee",
    faint: "#6b7280",
    axis: "#8ab4f8",
    elements: { fire: "#41261c", earth: "#25321f", air: "#3b371d", water: "#1c2b3c" },
    aspects: DARK_ASPECTS,
  },
};
