import type { AspectType } from "../aspect-types.js";
import type { Element } from "../zodiac.js";

export interface SvgTheme {
  readonly background: string;
  readonly ink: string;
  /** Secondary text and lines: still at least 4.5:1 against the background. */
  readonly faint: string;
  readonly axis: string;
  /** Retrograde markers. */
  readonly retrograde: string;
  /** The second chart of a bi-wheel. */
  readonly outer: string;
  readonly ring: string;
  readonly elements: Readonly<Record<Element, string>>;
  readonly aspects: Readonly<Record<AspectType, string>>;
}

const LIGHT_ASPECTS: Record<AspectType, string> = {
  conjunction: "#6d4c41",
  sextile: "#1565c0",
  square: "#c62828",
  trine: "#2e7d32",
  opposition: "#ad1457",
  semisextile: "#546e7a",
  semisquare: "#d84315",
  quintile: "#8e24aa",
  sesquiquadrate: "#d84315",
  biquintile: "#8e24aa",
  quincunx: "#b28704",
};

// Bright enough to read at 1 px on the dark background (each above 5:1 against it).
const DARK_ASPECTS: Record<AspectType, string> = {
  conjunction: "#e6c9a8",
  sextile: "#6cb8ff",
  square: "#ff6b6b",
  trine: "#6fdc8c",
  opposition: "#ff7eb6",
  semisextile: "#c1ccd6",
  semisquare: "#ffab70",
  quintile: "#d9a6ff",
  sesquiquadrate: "#ffab70",
  biquintile: "#d9a6ff",
  quincunx: "#ffd95a",
};

export const SVG_THEMES: Readonly<Record<"light" | "dark", SvgTheme>> = {
  light: {
    background: "#ffffff",
    ink: "#1f2328",
    faint: "#57606a",
    axis: "#0b3d91",
    retrograde: "#b3261e",
    outer: "#6a1b9a",
    ring: "#8c959f",
    elements: { fire: "#fde4d8", earth: "#e6eedb", air: "#fff5cc", water: "#dbe8f5" },
    aspects: LIGHT_ASPECTS,
  },
  dark: {
    background: "#0f1117",
    ink: "#eef1f6",
    faint: "#a9b4c2",
    axis: "#8ec5ff",
    retrograde: "#ff8a80",
    outer: "#e1b3ff",
    ring: "#5b6573",
    elements: { fire: "#3a2119", earth: "#1f2e1c", air: "#33301a", water: "#172536" },
    aspects: DARK_ASPECTS,
  },
};
