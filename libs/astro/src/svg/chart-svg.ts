import { DEG } from "../angle-math.js";
import { isPlainObject } from "../chart-input.js";
import type { Chart } from "../chart-types.js";
import { assertChart } from "../chart-validation.js";
import { AstroError, guarded } from "../errors.js";
import { elementOf, SIGNS } from "../zodiac.js";
import { BODY_GLYPHS, BODY_LABELS, SIGN_GLYPHS } from "./glyphs.js";
import { spreadLabels } from "./label-layout.js";
import { SVG_THEMES } from "./svg-themes.js";
import { escapeXml, num } from "./xml.js";

export interface SvgOptions {
  theme?: "light" | "dark";
  /** Width and height in pixels (100–4000); default 600. */
  size?: number;
}

const MIN_SIZE = 100;
const MAX_SIZE = 4000;

function svgOptions(options: unknown): { theme: "light" | "dark"; size: number } {
  if (options === undefined) return { theme: "light", size: 600 };
  if (!isPlainObject(options))
    throw new AstroError("INVALID_OPTION", "options", "options must be an object");
  for (const key of Object.keys(options)) {
    if (key !== "theme" && key !== "size") {
      throw new AstroError(
        "INVALID_OPTION",
        `options.${key}`,
        `unknown SVG option ${JSON.stringify(key)}`,
      );
    }
  }
  const theme = options.theme ?? "light";
  if (theme !== "light" && theme !== "dark") {
    throw new AstroError("INVALID_OPTION", "options.theme", `theme must be "light" or "dark"`);
  }
  const size = options.size ?? 600;
  if (typeof size !== "number" || !Number.isFinite(size) || size < MIN_SIZE || size > MAX_SIZE) {
    throw new AstroError(
      "INVALID_OPTION",
      "options.size",
      `size must be a number from ${MIN_SIZE} to ${MAX_SIZE}`,
    );
  }
  return { theme, size };
}

/**
 * Draws the chart as a standalone SVG wheel: zodiac ring, house cusps (when the time is
 * known), planet glyphs spread so that none overlap, and aspect lines coloured by type. The
 * ascendant sits at nine o'clock; without a birth time, 0° Aries does.
 */
export function renderChartSvg(chart: Chart, options?: SvgOptions): string {
  return guarded("renderChartSvg", () => {
    assertChart(chart, "chart");
    const { theme: themeName, size } = svgOptions(options);
    const theme = SVG_THEMES[themeName];
    const c = size / 2;
    const outer = size * 0.44;
    const signInner = outer * 0.84;
    const planetRadius = outer * 0.68;
    const aspectRadius = outer * 0.4;
    const glyphSize = size * 0.036;
    const signGlyphSize = size * 0.04;
    const left = chart.angles?.ascendant.longitude ?? 0;

    // Screen angle: the left-hand point at 180°, longitudes increasing counter-clockwise.
    const xy = (longitude: number, radius: number): [number, number] => {
      const a = (180 + longitude - left) * DEG;
      return [c + radius * Math.cos(a), c - radius * Math.sin(a)];
    };
    const line = (
      lon: number,
      r1: number,
      r2: number,
      stroke: string,
      width: number,
      extra = "",
    ) => {
      const [x1, y1] = xy(lon, r1);
      const [x2, y2] = xy(lon, r2);
      return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}" stroke-width="${num(width)}"${extra}/>`;
    };

    const parts: string[] = [];
    const planetsText = chart.bodies
      .map(
        (b) =>
          `${BODY_LABELS[b.id]} ${Math.floor(b.degreeInSign)}° ${b.sign}${b.retrograde ? " retrograde" : ""}`,
      )
      .join(", ");
    const ascText = chart.angles
      ? `Ascendant in ${chart.angles.ascendant.sign}. `
      : "Birth time unknown. ";
    parts.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${num(size)}" height="${num(size)}" viewBox="0 0 ${num(size)} ${num(size)}" role="img" font-family="'DejaVu Sans', 'Noto Sans Symbols', 'Segoe UI Symbol', sans-serif">`,
      `<title>${escapeXml(`Natal chart for ${chart.meta.utc}`)}</title>`,
      `<desc>${escapeXml(`${ascText}${planetsText}.`)}</desc>`,
      `<rect width="100%" height="100%" fill="${theme.background}"/>`,
    );

    // Zodiac ring: twelve coloured sectors with their glyphs.
    for (let i = 0; i < 12; i++) {
      const sign = SIGNS[i]!;
      const start = i * 30;
      const [ax, ay] = xy(start, outer);
      const [bx, by] = xy(start + 30, outer);
      const [cx2, cy2] = xy(start + 30, signInner);
      const [dx, dy] = xy(start, signInner);
      parts.push(
        `<path class="sign" data-sign="${sign}" d="M${num(ax)} ${num(ay)} A${num(outer)} ${num(outer)} 0 0 0 ${num(bx)} ${num(by)} L${num(cx2)} ${num(cy2)} A${num(signInner)} ${num(signInner)} 0 0 1 ${num(dx)} ${num(dy)} Z" fill="${theme.elements[elementOf(sign)]}" stroke="${theme.ink}" stroke-width="1"/>`,
      );
      const [gx, gy] = xy(start + 15, (outer + signInner) / 2);
      parts.push(
        `<text class="glyph sign" x="${num(gx)}" y="${num(gy)}" font-size="${num(signGlyphSize)}" text-anchor="middle" dominant-baseline="central" fill="${theme.ink}">${SIGN_GLYPHS[sign]}</text>`,
      );
    }
    parts.push(
      `<circle cx="${num(c)}" cy="${num(c)}" r="${num(planetRadius - glyphSize)}" fill="none" stroke="${theme.faint}" stroke-width="1"/>`,
      `<circle cx="${num(c)}" cy="${num(c)}" r="${num(aspectRadius)}" fill="none" stroke="${theme.ink}" stroke-width="1"/>`,
    );

    // Degree ticks every 10°.
    for (let lon = 0; lon < 360; lon += 10) {
      parts.push(line(lon, signInner, signInner - outer * 0.03, theme.ink, 0.8));
    }

    if (chart.houses !== null && chart.angles !== null) {
      chart.houses.cusps.forEach((cusp, i) => {
        const angular = i % 3 === 0;
        parts.push(
          line(
            cusp,
            signInner,
            aspectRadius,
            angular ? theme.axis : theme.faint,
            angular ? 2 : 1,
            ` class="cusp" data-house="${i + 1}"`,
          ),
        );
        const next = chart.houses!.cusps[(i + 1) % 12]!;
        const mid = cusp + ((next - cusp + 360) % 360) / 2;
        const [hx, hy] = xy(mid, aspectRadius + outer * 0.05);
        parts.push(
          `<text class="house-number" x="${num(hx)}" y="${num(hy)}" font-size="${num(glyphSize * 0.55)}" text-anchor="middle" dominant-baseline="central" fill="${theme.faint}">${i + 1}</text>`,
        );
      });
      for (const [label, lon] of [
        ["ASC", chart.angles.ascendant.longitude],
        ["MC", chart.angles.midheaven.longitude],
      ] as const) {
        const [tx, ty] = xy(lon, outer + size * 0.03);
        parts.push(
          `<text class="angle-label" x="${num(tx)}" y="${num(ty)}" font-size="${num(glyphSize * 0.5)}" text-anchor="middle" dominant-baseline="central" fill="${theme.axis}">${label}</text>`,
        );
      }
    }

    // Aspect lines between the true positions.
    const byId = new Map(chart.bodies.map((b) => [b.id, b]));
    for (const aspect of chart.aspects) {
      const a = byId.get(aspect.a as never);
      const b = byId.get(aspect.b as never);
      if (!a || !b) continue;
      const [x1, y1] = xy(a.longitude, aspectRadius);
      const [x2, y2] = xy(b.longitude, aspectRadius);
      const minor = !["conjunction", "sextile", "square", "trine", "opposition"].includes(
        aspect.type,
      );
      parts.push(
        `<line class="aspect" data-type="${escapeXml(aspect.type)}" x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${theme.aspects[aspect.type]}" stroke-width="${minor ? 0.8 : 1.4}"${minor ? ' stroke-dasharray="4 3"' : ""}/>`,
      );
    }

    // Planet glyphs, spread so that their boxes never touch; a connector shows the true degree.
    const minChord = glyphSize * 1.15;
    const separation = (2 * Math.asin(Math.min(1, minChord / (2 * planetRadius)))) / DEG;
    const shown = spreadLabels(
      chart.bodies.map((b) => b.longitude),
      separation,
    );
    chart.bodies.forEach((body, i) => {
      const display = shown[i]!;
      parts.push(line(body.longitude, signInner, signInner - outer * 0.06, theme.ink, 1.2));
      const [px, py] = xy(body.longitude, signInner - outer * 0.06);
      const [gx, gy] = xy(display, planetRadius);
      const [lx, ly] = xy(display, planetRadius + glyphSize * 0.6);
      parts.push(
        `<line x1="${num(px)}" y1="${num(py)}" x2="${num(lx)}" y2="${num(ly)}" stroke="${theme.faint}" stroke-width="0.6"/>`,
        `<text class="glyph planet" data-body="${body.id}" x="${num(gx)}" y="${num(gy)}" font-size="${num(glyphSize)}" text-anchor="middle" dominant-baseline="central" fill="${body.retrograde ? theme.aspects.square : theme.ink}"><title>${escapeXml(`${BODY_LABELS[body.id]} ${body.degreeInSign.toFixed(2)}° ${body.sign}`)}</title>${BODY_GLYPHS[body.id]}</text>`,
      );
    });
    parts.push("</svg>");
    return parts.join("");
  });
}
