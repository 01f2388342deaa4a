import { DEG, normalizeDegrees } from "../angle-math.js";
import { ASPECT_TYPES, type AspectType, MAJOR_ASPECT_TYPES } from "../aspect-types.js";
import type { BodyId } from "../body-ids.js";
import { checkedOptions, isPlainObject } from "../chart-input.js";
import type { Chart } from "../chart-types.js";
import { assertChart } from "../chart-validation.js";
import { AstroError, guarded } from "../errors.js";
import { computeSynastry, type SynastryOptions } from "../synastry.js";
import type { Transits } from "../transits.js";
import { elementOf, SIGNS, type Sign } from "../zodiac.js";
import { BODY_GLYPHS, BODY_LABELS, SIGN_GLYPHS } from "./glyphs.js";
import { spreadLabels } from "./label-layout.js";
import { SVG_THEMES, type SvgTheme } from "./svg-themes.js";
import { escapeXml, num } from "./xml.js";

export interface SvgOptions {
  theme?: "light" | "dark";
  /** Width and height in pixels (100–4000); default 600 for a wheel, 800 for a bi-wheel. */
  size?: number;
}

const MIN_SIZE = 100;
const MAX_SIZE = 4000;
const RETROGRADE = "\u211E";
const FONT =
  "'DejaVu Sans', 'Noto Sans Symbols', 'Noto Sans Symbols 2', 'Segoe UI Symbol', sans-serif";
const ANGLE_LABELS = [
  ["ASC", "ascendant"],
  ["DSC", "descendant"],
  ["MC", "midheaven"],
  ["IC", "imumCoeli"],
] as const;

function svgOptions(options: unknown, defaultSize: number): { theme: SvgTheme; size: number } {
  if (options === undefined) return { theme: SVG_THEMES.light, size: defaultSize };
  const given = checkedOptions(options, ["theme", "size"], "SVG");
  const theme = given.theme ?? "light";
  if (theme !== "light" && theme !== "dark") {
    throw new AstroError("INVALID_OPTION", "options.theme", `theme must be "light" or "dark"`);
  }
  const size = given.size ?? defaultSize;
  if (typeof size !== "number" || !Number.isFinite(size) || size < MIN_SIZE || size > MAX_SIZE) {
    throw new AstroError(
      "INVALID_OPTION",
      "options.size",
      `size must be a number from ${MIN_SIZE} to ${MAX_SIZE}`,
    );
  }
  return { theme: SVG_THEMES[theme], size };
}

/** A body as a wheel shows it. */
interface WheelBody {
  readonly id: BodyId;
  readonly longitude: number;
  readonly degreeInSign: number;
  readonly sign: Sign;
  readonly retrograde: boolean;
}

interface WheelAspect {
  readonly from: number;
  readonly to: number;
  readonly type: AspectType;
  readonly title: string;
}

/** Degrees and minutes within the sign, truncated as ephemerides print them (29°59′, never 30°00′). */
export function degreeAndMinute(degreeInSign: number): { degrees: string; minutes: string } {
  const total = Math.floor(degreeInSign * 60 + 1e-7);
  return {
    degrees: `${Math.floor(total / 60)}°`,
    minutes: `${String(total % 60).padStart(2, "0")}′`,
  };
}

// Advance widths of the label characters in DejaVu Sans, in ems.
const CHAR_WIDTHS: Readonly<Record<string, number>> = { "°": 0.42, "′": 0.32, [RETROGRADE]: 0.85 };

/** Estimated width of a label in pixels. */
function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += CHAR_WIDTHS[ch] ?? (/\d/.test(ch) ? 0.64 : 0.7);
  return em * fontSize;
}

interface ColumnElement {
  readonly cls: string;
  readonly size: number;
  readonly width: number;
  readonly fill: string;
  readonly content: string;
}

// A text's box is about 1.1 font sizes tall.
const heightOf = (e: ColumnElement) => e.size * 1.1;

/** How far a text's box reaches along a direction (its support), for a ring boundary. */
function support(e: ColumnElement, alongX: number, alongY: number): number {
  return alongX * e.width + alongY * heightOf(e);
}

/**
 * The distance between the centres of two consecutive texts along the radius that keeps
 * their boxes apart: they need to be clear of each other in one axis only.
 */
function spacing(
  a: ColumnElement,
  b: ColumnElement,
  alongX: number,
  alongY: number,
  gap: number,
): number {
  const byX = alongX > 0.02 ? ((a.width + b.width) / 2 + gap) / alongX : Number.POSITIVE_INFINITY;
  const byY =
    alongY > 0.02 ? ((heightOf(a) + heightOf(b)) / 2 + gap) / alongY : Number.POSITIVE_INFINITY;
  return Math.min(byX, byY);
}

function columnLength(
  elements: readonly ColumnElement[],
  alongX: number,
  alongY: number,
  gap: number,
): number {
  let length =
    (support(elements[0]!, alongX, alongY) + support(elements.at(-1)!, alongX, alongY)) / 2;
  for (let k = 1; k < elements.length; k++)
    length += spacing(elements[k - 1]!, elements[k]!, alongX, alongY, gap);
  return length;
}

const formatPosition = (b: { degreeInSign: number }) => {
  const { degrees, minutes } = degreeAndMinute(b.degreeInSign);
  return `${degrees}${minutes}`;
};

/** The drawing of one wheel: geometry and the SVG parts written so far. */
class Wheel {
  readonly parts: string[] = [];
  readonly c: number;
  /** Outer radius of the zodiac ring. */
  readonly r: number;

  constructor(
    readonly size: number,
    readonly theme: SvgTheme,
    /** The longitude drawn at nine o'clock. */
    readonly left: number,
  ) {
    this.c = size / 2;
    this.r = size * 0.4;
  }

  /** Screen point of a longitude at a radius given as a fraction of r (counter-clockwise). */
  xy(longitude: number, radius: number): [number, number] {
    const a = (180 + longitude - this.left) * DEG;
    return [this.c + radius * this.r * Math.cos(a), this.c - radius * this.r * Math.sin(a)];
  }

  line(lon: number, r1: number, r2: number, stroke: string, width: number, extra = ""): void {
    const [x1, y1] = this.xy(lon, r1);
    const [x2, y2] = this.xy(lon, r2);
    this.parts.push(
      `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}" stroke-width="${num(width)}"${extra}/>`,
    );
  }

  circle(radius: number, stroke: string, width: number, fill = "none"): void {
    this.parts.push(
      `<circle cx="${num(this.c)}" cy="${num(this.c)}" r="${num(radius * this.r)}" fill="${fill}" stroke="${stroke}" stroke-width="${num(width)}"/>`,
    );
  }

  /** Text with a halo of the background colour, so that it stays legible over lines. */
  text(
    cls: string,
    x: number,
    y: number,
    fontSize: number,
    fill: string,
    content: string,
    extra = "",
    anchor = "middle",
  ): void {
    this.parts.push(
      `<text class="${cls}" x="${num(x)}" y="${num(y)}" font-size="${num(fontSize)}" text-anchor="${anchor}" dominant-baseline="central" fill="${fill}" stroke="${this.theme.background}" stroke-width="${num(fontSize * 0.18)}" stroke-linejoin="round" paint-order="stroke"${extra}>${content}</text>`,
    );
  }

  /** The zodiac ring between radii `outer` and `inner`, with degree ticks on its inner edge. */
  zodiac(outer: number, inner: number): void {
    const t = this.theme;
    for (let i = 0; i < 12; i++) {
      const sign = SIGNS[i]!;
      const start = i * 30;
      const [ax, ay] = this.xy(start, outer);
      const [bx, by] = this.xy(start + 30, outer);
      const [cx, cy] = this.xy(start + 30, inner);
      const [dx, dy] = this.xy(start, inner);
      const ro = outer * this.r;
      const ri = inner * this.r;
      this.parts.push(
        `<path class="sign" data-sign="${sign}" d="M${num(ax)} ${num(ay)} A${num(ro)} ${num(ro)} 0 0 0 ${num(bx)} ${num(by)} L${num(cx)} ${num(cy)} A${num(ri)} ${num(ri)} 0 0 1 ${num(dx)} ${num(dy)} Z" fill="${t.elements[elementOf(sign)]}" stroke="${t.ring}" stroke-width="1"/>`,
      );
      const [gx, gy] = this.xy(start + 15, (outer + inner) / 2);
      this.text("glyph sign", gx, gy, this.size * 0.034, t.ink, SIGN_GLYPHS[sign]);
    }
    for (let lon = 0; lon < 360; lon += 5) {
      const long = lon % 10 === 0;
      this.line(lon, inner, inner - (long ? 0.035 : 0.018), t.ring, long ? 1 : 0.7);
    }
  }

  /**
   * A ring of bodies between radii `outer` (where a tick marks each true position) and
   * `inner`: per body its glyph, then its degrees and minutes (℞ when retrograde), the columns
   * spread so that no two touch, with a connector from the tick when a column had to move.
   * Each column takes whichever layout is shortest along the radius at its angle without
   * growing too wide across it: degrees and minutes stacked (near the top and bottom) or on
   * one line (near the sides); its texts are spaced so that their boxes stay apart.
   */
  bodies(
    bodies: readonly WheelBody[],
    outer: number,
    inner: number,
    glyphSize: number,
    labelSize: number,
    colour: string,
    ring: "inner" | "outer",
  ): void {
    const t = this.theme;
    const gap = this.size * 0.005;
    const tick = 0.025;
    // A column may be up to 3.3 label sizes across, whichever way it is laid out; spread
    // columns by that, measured at the ring's inner radius, where it takes the widest angle.
    const across = Math.max(glyphSize * 1.05, labelSize * 3.3);
    const separation = (2 * Math.asin(Math.min(1, across / (2 * inner * this.r)))) / DEG;
    const shown = spreadLabels(
      bodies.map((b) => b.longitude),
      separation,
    );
    bodies.forEach((body, i) => {
      const display = shown[i]!;
      this.line(
        body.longitude,
        outer,
        outer - tick,
        colour,
        1.6,
        ` class="position-tick" data-ring="${ring}"`,
      );
      const screen = (180 + display - this.left) * DEG;
      const alongX = Math.abs(Math.cos(screen));
      const alongY = Math.abs(Math.sin(screen));
      const { degrees, minutes } = degreeAndMinute(body.degreeInSign);
      const retro = body.retrograde
        ? `<tspan class="retrograde" fill="${t.retrograde}">${RETROGRADE}</tspan>`
        : "";
      const title = `<title>${escapeXml(`${BODY_LABELS[body.id]} ${formatPosition(body)} ${body.sign}${body.retrograde ? " retrograde" : ""}`)}</title>`;
      const data = ` data-body="${body.id}" data-ring="${ring}"`;
      const glyph = {
        cls: "glyph planet",
        size: glyphSize,
        width: glyphSize,
        fill: colour,
        content: `${title}${BODY_GLYPHS[body.id]}`,
      };
      const minuteText = minutes + (body.retrograde ? RETROGRADE : "");
      const layouts: ColumnElement[][] = [
        // Stacked along the radius: glyph, degrees, minutes.
        [
          glyph,
          {
            cls: "degree",
            size: labelSize,
            width: textWidth(degrees, labelSize),
            fill: t.ink,
            content: degrees,
          },
          {
            cls: "minute",
            size: labelSize,
            width: textWidth(minuteText, labelSize),
            fill: t.faint,
            content: `${minutes}${retro}`,
          },
        ],
        // Glyph, then degrees and minutes on one line.
        [
          glyph,
          {
            cls: "degree",
            size: labelSize,
            width: textWidth(degrees + minuteText, labelSize),
            fill: t.ink,
            content: `${degrees}<tspan fill="${t.faint}">${minutes}</tspan>${retro}`,
          },
        ],
      ];
      // Of the layouts no wider across the ring than the spread allows, the shortest along it.
      const fitting = layouts.filter((l) =>
        l.every((e) => alongY * e.width + alongX * e.size * 1.1 <= across * 1.02),
      );
      const elements = (fitting.length > 0 ? fitting : layouts.slice(0, 1)).reduce((best, l) =>
        columnLength(l, alongX, alongY, gap) < columnLength(best, alongX, alongY, gap) ? l : best,
      );
      // A column too long for the ring at this angle is drawn smaller, so that it never
      // reaches the next ring.
      const room = (outer - tick - inner) * this.r - 2 * gap;
      const scale = Math.min(1, room / columnLength(elements, alongX, alongY, gap));
      const scaled = elements.map((e) => ({ ...e, size: e.size * scale, width: e.width * scale }));
      let centre = (outer - tick) * this.r - gap - support(scaled[0]!, alongX, alongY) / 2;
      if (Math.abs(normalizeDegrees(display - body.longitude + 180) - 180) > 0.5) {
        const [px, py] = this.xy(body.longitude, outer - tick);
        const [qx, qy] = this.xy(
          display,
          (centre + support(scaled[0]!, alongX, alongY) / 2) / this.r,
        );
        this.parts.push(
          `<line class="connector" x1="${num(px)}" y1="${num(py)}" x2="${num(qx)}" y2="${num(qy)}" stroke="${t.faint}" stroke-width="0.7"/>`,
        );
      }
      scaled.forEach((element, k) => {
        if (k > 0) centre -= spacing(scaled[k - 1]!, element, alongX, alongY, gap);
        const [x, y] = this.xy(display, centre / this.r);
        this.text(element.cls, x, y, element.size, element.fill, element.content, data);
      });
    });
  }

  /** House cusps across the body rings, numbers inside, angle labels outside the wheel. */
  houses(chart: Chart, from: number, to: number, numbersAt: number, labelSize: number): void {
    if (chart.houses === null || chart.angles === null) return;
    const t = this.theme;
    const cusps = chart.houses.cusps;
    cusps.forEach((cusp, i) => {
      const angular = i % 3 === 0;
      this.line(
        cusp,
        from,
        to,
        angular ? t.axis : t.ring,
        angular ? 2.2 : 0.9,
        ` class="cusp" data-house="${i + 1}"`,
      );
      const next = cusps[(i + 1) % 12]!;
      const mid = cusp + normalizeDegrees(next - cusp) / 2;
      const [hx, hy] = this.xy(mid, numbersAt);
      this.text("house-number", hx, hy, this.size * 0.018, t.faint, String(i + 1));
    });
    for (const [label, key] of ANGLE_LABELS) {
      const point = chart.angles[key];
      const screen = (180 + point.longitude - this.left) * DEG;
      const position = escapeXml(formatPosition(point));
      // Two centred lines ("ASC", "16°02′♍") just outside the ring, placed by their extent
      // along the radius like the body labels.
      // Bold, with a sign glyph: a little wider than the plain estimate.
      const width = textWidth(`${formatPosition(point)}xx`, labelSize) * 1.12;
      const extent =
        Math.abs(Math.cos(screen)) * width + Math.abs(Math.sin(screen)) * labelSize * 2.3;
      const centre = this.r + this.size * 0.012 + extent / 2;
      const [ox, oy] = this.xy(point.longitude, 1.0);
      const [ex, ey] = this.xy(point.longitude, 1 + (this.size * 0.01) / this.r);
      this.parts.push(
        `<line x1="${num(ox)}" y1="${num(oy)}" x2="${num(ex)}" y2="${num(ey)}" stroke="${t.axis}" stroke-width="2.5"/>`,
      );
      const [rx, ly] = this.xy(point.longitude, centre / this.r);
      const margin = width / 2 + this.size * 0.004;
      const lx = Math.min(this.size - margin, Math.max(margin, rx));
      const data = ` data-angle="${key}" font-weight="bold"`;
      this.text("angle-label", lx, ly - labelSize * 0.58, labelSize, t.axis, label, data);
      this.text(
        "angle-degree",
        lx,
        ly + labelSize * 0.58,
        labelSize,
        t.axis,
        `${position}${SIGN_GLYPHS[point.sign]}`,
        data,
      );
    }
  }

  /** Aspect lines between true positions on the circle at `radius`, each end marked by a dot. */
  aspects(aspects: readonly WheelAspect[], radius: number): void {
    const t = this.theme;
    const ends = new Set<number>();
    for (const aspect of aspects) {
      const [x1, y1] = this.xy(aspect.from, radius);
      const [x2, y2] = this.xy(aspect.to, radius);
      const minor = !(MAJOR_ASPECT_TYPES as readonly string[]).includes(aspect.type);
      this.parts.push(
        `<line class="aspect" data-type="${aspect.type}" x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${t.aspects[aspect.type]}" stroke-width="${minor ? 1 : 1.6}"${minor ? ' stroke-dasharray="5 3"' : ""}><title>${escapeXml(aspect.title)}</title></line>`,
      );
      ends.add(aspect.from).add(aspect.to);
    }
    for (const lon of ends) {
      const [x, y] = this.xy(lon, radius);
      this.parts.push(
        `<circle class="aspect-end" cx="${num(x)}" cy="${num(y)}" r="${num(this.size * 0.004)}" fill="${t.ink}"/>`,
      );
    }
  }

  /** The aspect types drawn, with their colours, bottom left; ℞ explained when it appears. */
  legend(types: ReadonlySet<AspectType>, retrograde: boolean): void {
    const t = this.theme;
    const fontSize = this.size * 0.021;
    const lineHeight = fontSize * 1.45;
    const entries: string[] = [];
    const shown = ASPECT_TYPES.filter((type) => types.has(type));
    const rows = shown.length + (retrograde ? 1 : 0);
    let y = this.size - fontSize * 0.9 - (rows - 1) * lineHeight;
    const x = this.size * 0.02;
    for (const type of shown) {
      const minor = !(MAJOR_ASPECT_TYPES as readonly string[]).includes(type);
      entries.push(
        `<line x1="${num(x)}" y1="${num(y)}" x2="${num(x + fontSize * 1.6)}" y2="${num(y)}" stroke="${t.aspects[type]}" stroke-width="${minor ? 1.2 : 2}"${minor ? ' stroke-dasharray="5 3"' : ""}/>`,
      );
      this.text("legend", x + fontSize * 2.1, y, fontSize, t.ink, type, "", "start");
      y += lineHeight;
    }
    if (retrograde) {
      this.text("legend", x + fontSize * 0.8, y, fontSize, t.retrograde, RETROGRADE);
      this.text("legend", x + fontSize * 2.1, y, fontSize, t.ink, "retrograde", "", "start");
    }
    this.parts.push(`<g class="aspect-legend">${entries.join("")}</g>`);
  }

  /** A key naming the rings of a bi-wheel, top left. */
  key(lines: readonly { text: string; colour: string }[]): void {
    const fontSize = this.size * 0.021;
    lines.forEach((line, i) => {
      this.text(
        "key",
        this.size * 0.02,
        fontSize * (1.2 + i * 1.45),
        fontSize,
        line.colour,
        escapeXml(line.text),
        "",
        "start",
      );
    });
  }

  open(title: string, description: string): void {
    this.parts.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${num(this.size)}" height="${num(this.size)}" viewBox="0 0 ${num(this.size)} ${num(this.size)}" role="img" font-family="${FONT}">`,
      `<title>${escapeXml(title)}</title>`,
      `<desc>${escapeXml(description)}</desc>`,
      `<rect width="100%" height="100%" fill="${this.theme.background}"/>`,
    );
  }

  close(): string {
    this.parts.push("</svg>");
    return this.parts.join("");
  }
}

function describe(chart: Chart): string {
  const ascText = chart.angles
    ? `Ascendant in ${chart.angles.ascendant.sign}. `
    : "Birth time unknown. ";
  const planets = chart.bodies
    .map(
      (b) =>
        `${BODY_LABELS[b.id]} ${formatPosition(b)} ${b.sign}${b.retrograde ? " retrograde" : ""}`,
    )
    .join(", ");
  return `${ascText}${planets}.`;
}

/** A wheel's aspect lines: each aspect whose two ends are placed, titled with its orb. */
function aspectLines<T extends { readonly type: AspectType; readonly orb: number }>(
  aspects: readonly T[],
  ends: (aspect: T) => readonly [number | undefined, number | undefined],
  title: (aspect: T, orb: string) => string,
): WheelAspect[] {
  const lines: WheelAspect[] = [];
  for (const aspect of aspects) {
    const [from, to] = ends(aspect);
    if (from === undefined || to === undefined) continue;
    lines.push({ from, to, type: aspect.type, title: title(aspect, aspect.orb.toFixed(2)) });
  }
  return lines;
}

const longitudeOf = (chart: Chart, id: string): number | undefined => {
  if (id === "ascendant") return chart.angles?.ascendant.longitude;
  if (id === "midheaven") return chart.angles?.midheaven.longitude;
  return chart.bodies.find((b) => b.id === id)?.longitude;
};

/**
 * Draws the chart as a standalone SVG wheel: the zodiac ring, house cusps with numbers and
 * the four angles labelled outside (when the time is known), each body as a column of glyph,
 * degrees and minutes (℞ when retrograde) spread so that none overlap, with a tick at its
 * true position, and aspect lines between the true positions, with a legend. The ascendant
 * sits at nine o'clock; without a birth time, 0° Aries does.
 */
export function renderChartSvg(chart: Chart, options?: SvgOptions): string {
  return guarded("renderChartSvg", () => {
    assertChart(chart, "chart");
    const { theme, size } = svgOptions(options, 600);
    const wheel = new Wheel(size, theme, chart.angles?.ascendant.longitude ?? 0);
    wheel.open(`Natal chart for ${chart.meta.utc}`, describe(chart));
    wheel.zodiac(1, 0.87);
    wheel.circle(0.47, theme.ring, 1);
    wheel.circle(0.41, theme.ring, 1);
    wheel.houses(chart, 0.87, 0.41, 0.437, size * 0.022);
    const aspects = aspectLines(
      chart.aspects,
      (a) => [longitudeOf(chart, a.a), longitudeOf(chart, a.b)],
      (a, orb) => `${a.a} ${a.type} ${a.b}, orb ${orb}°`,
    );
    wheel.aspects(aspects, 0.41);
    wheel.bodies(chart.bodies, 0.87, 0.47, size * 0.04, size * 0.022, theme.ink, "inner");
    wheel.legend(
      new Set(aspects.map((a) => a.type)),
      chart.bodies.some((b) => b.retrograde),
    );
    return wheel.close();
  });
}

/** An inner chart with a second set of bodies around it, and aspects from inner to outer. */
function renderBiWheel(
  inner: Chart,
  outer: readonly WheelBody[],
  aspects: readonly WheelAspect[],
  title: string,
  key: readonly string[],
  options: unknown,
): string {
  const { theme, size } = svgOptions(options, 800);
  const wheel = new Wheel(size, theme, inner.angles?.ascendant.longitude ?? 0);
  wheel.open(
    title,
    `Inner: ${describe(inner)} Outer: ${outer.map((b) => `${BODY_LABELS[b.id]} ${formatPosition(b)} ${b.sign}`).join(", ")}.`,
  );
  wheel.zodiac(1, 0.91);
  wheel.circle(0.685, theme.ring, 1.2);
  wheel.circle(0.46, theme.ring, 1);
  wheel.circle(0.41, theme.ring, 1);
  wheel.houses(inner, 0.91, 0.41, 0.433, size * 0.018);
  wheel.aspects(aspects, 0.41);
  wheel.bodies(outer, 0.91, 0.685, size * 0.028, size * 0.016, theme.outer, "outer");
  wheel.bodies(inner.bodies, 0.685, 0.46, size * 0.028, size * 0.016, theme.ink, "inner");
  wheel.key([
    { text: key[0]!, colour: theme.ink },
    { text: key[1]!, colour: theme.outer },
  ]);
  wheel.legend(
    new Set(aspects.map((a) => a.type)),
    inner.bodies.some((b) => b.retrograde) || outer.some((b) => b.retrograde),
  );
  return wheel.close();
}

/**
 * A synastry bi-wheel: chart `a` inside with its houses, chart `b`'s bodies in the ring
 * outside it, and the synastry aspects from a's bodies to b's.
 */
export function renderSynastrySvg(
  a: Chart,
  b: Chart,
  options?: SvgOptions & { synastry?: SynastryOptions },
): string {
  return guarded("renderSynastrySvg", () => {
    assertChart(a, "a");
    assertChart(b, "b");
    const { synastry: synastryOptions, ...svg } = (isPlainObject(options) ? options : {}) as {
      synastry?: SynastryOptions;
    } & SvgOptions;
    if (options !== undefined && !isPlainObject(options)) {
      throw new AstroError("INVALID_OPTION", "options", "options must be an object");
    }
    const synastry = computeSynastry(a, b, synastryOptions);
    const aspects = aspectLines(
      synastry.aspects,
      (s) => [longitudeOf(a, s.a), longitudeOf(b, s.b)],
      (s, orb) => `inner ${s.a} ${s.type} outer ${s.b}, orb ${orb}°`,
    );
    return renderBiWheel(
      a,
      b.bodies,
      aspects,
      `Synastry of ${a.meta.utc} (inner) and ${b.meta.utc} (outer)`,
      [`Inner: ${a.meta.utc}`, `Outer: ${b.meta.utc}`],
      svg,
    );
  });
}

/**
 * A transit bi-wheel: the natal chart inside, the transiting bodies of `transits` (from
 * computeTransits for that chart) in the ring outside, and their aspects to the natal bodies
 * and angles.
 */
export function renderTransitsSvg(natal: Chart, transits: Transits, options?: SvgOptions): string {
  return guarded("renderTransitsSvg", () => {
    assertChart(natal, "natal");
    if (
      !isPlainObject(transits) ||
      !Array.isArray(transits.bodies) ||
      !Array.isArray(transits.aspects)
    ) {
      throw new AstroError(
        "INVALID_INPUT",
        "transits",
        "transits is not a result of computeTransits",
      );
    }
    if (transits.natalUtc !== natal.meta.utc) {
      throw new AstroError(
        "INVALID_INPUT",
        "transits",
        "transits were computed for another natal chart",
      );
    }
    const aspects = aspectLines(
      transits.aspects,
      (t) => [
        longitudeOf(natal, t.natal),
        transits.bodies.find((b) => b.id === t.transit)?.longitude,
      ],
      (t, orb) => `transiting ${t.transit} ${t.type} natal ${t.natal}, orb ${orb}°`,
    );
    return renderBiWheel(
      natal,
      transits.bodies,
      aspects,
      `Transits of ${transits.utc} to the chart of ${natal.meta.utc}`,
      [`Natal: ${natal.meta.utc}`, `Transits: ${transits.utc}`],
      options,
    );
  });
}
