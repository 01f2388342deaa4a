import { describe, expect, it } from "vitest";
import { LIVERPOOL_1940 as BASE } from "../births.test-support.js";
import {
  AstroError,
  type Chart,
  computeChart,
  computeSynastry,
  computeTransits,
  renderChartSvg,
  renderSynastrySvg,
  renderTransitsSvg,
} from "../index.js";
import { degreeAndMinute } from "./chart-svg.js";
import { spreadLabels } from "./label-layout.js";
import { escapeXml } from "./xml.js";

function glyphs(svg: string, ring = "inner") {
  return [
    ...svg.matchAll(
      /<text class="glyph planet" x="([\d.-]+)" y="([\d.-]+)" font-size="([\d.]+)"[^>]* data-body="(\w+)" data-ring="(\w+)"/g,
    ),
  ]
    .filter((m) => m[5] === ring)
    .map((m) => ({ id: m[4]!, x: Number(m[1]), y: Number(m[2]), size: Number(m[3]) }));
}

/** A chart whose bodies are squeezed into a tight stellium. */
function stellium(chart: Chart, from: number, span: number): Chart {
  return {
    ...chart,
    bodies: chart.bodies.map((b, i) => ({
      ...b,
      longitude: from + (span * i) / chart.bodies.length,
    })),
    aspects: [],
  };
}

describe("renderChartSvg", () => {
  const chart = computeChart(BASE);

  it("produces a standalone SVG with size, viewBox, title and description", () => {
    const svg = renderChartSvg(chart, { size: 480 });
    expect(
      svg.startsWith(
        '<svg xmlns="http://www.w3.org/2000/svg" width="480.00" height="480.00" viewBox="0 0 480.00 480.00"',
      ),
    ).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).toMatch(
      /<title>Natal chart for 1940-10-09T17:30:00Z<\/title><desc>Ascendant in aries\./,
    );
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it("draws the zodiac ring, the house cusps, a glyph per body and a line per aspect", () => {
    const svg = renderChartSvg(chart);
    expect(svg.match(/class="sign" data-sign=/g)).toHaveLength(12);
    expect(svg.match(/class="cusp"/g)).toHaveLength(12);
    expect(glyphs(svg).map((g) => g.id)).toEqual(chart.bodies.map((b) => b.id));
    expect(svg.match(/class="aspect"/g)).toHaveLength(chart.aspects.length);
    const colours = new Set(
      [...svg.matchAll(/class="aspect" data-type="(\w+)"[^>]*stroke="(#\w+)"/g)].map(
        (m) => `${m[1]}=${m[2]}`,
      ),
    );
    const types = new Set(chart.aspects.map((a) => a.type));
    expect(colours.size).toBe(types.size);
  });

  it("colours light and dark themes differently", () => {
    const light = renderChartSvg(chart, { theme: "light" });
    const dark = renderChartSvg(chart, { theme: "dark" });
    expect(light).toContain('fill="#ffffff"');
    expect(dark).toContain('fill="#0f1117"');
  });

  it("draws charts without a birth time, with no cusps", () => {
    const svg = renderChartSvg(
      computeChart({ ...BASE, datetime: "1940-10-09", timeUnknown: true }),
    );
    expect(svg).not.toContain('class="cusp"');
    expect(svg).toContain("Birth time unknown.");
  });

  it.each([
    [0, 8],
    [355, 9],
    [120, 0.5],
  ])("keeps glyphs apart in a tight stellium at %s° spanning %s°", (from, span) => {
    for (const size of [300, 600]) {
      const placed = glyphs(renderChartSvg(stellium(chart, from, span), { size }));
      expect(placed).toHaveLength(13);
      for (let i = 0; i < placed.length; i++) {
        for (let j = i + 1; j < placed.length; j++) {
          const p = placed[i]!;
          const q = placed[j]!;
          expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(Math.min(p.size, q.size));
        }
      }
    }
  });

  it("writes degrees and minutes beside each glyph, with ℞ for retrograde bodies", () => {
    const svg = renderChartSvg(chart);
    for (const body of chart.bodies) {
      const { degrees, minutes } = degreeAndMinute(body.degreeInSign);
      const texts = [
        ...svg.matchAll(
          new RegExp(
            `<text class="(degree|minute)"[^>]*data-body="${body.id}"[^>]*>(.*?)</text>`,
            "g",
          ),
        ),
      ]
        .map((m) => m[2]!.replace(/<[^>]+>/g, ""))
        .join("");
      expect(texts).toContain(degrees);
      expect(texts).toContain(minutes);
      expect(texts.includes("\u211E")).toBe(body.retrograde);
    }
  });

  it("labels the four angles with their positions", () => {
    const svg = renderChartSvg(chart);
    for (const [label, key] of [
      ["ASC", "ascendant"],
      ["DSC", "descendant"],
      ["MC", "midheaven"],
      ["IC", "imumCoeli"],
    ] as const) {
      expect(svg).toMatch(
        new RegExp(`<text class="angle-label"[^>]*data-angle="${key}"[^>]*>${label}</text>`),
      );
      const { degrees, minutes } = degreeAndMinute(chart.angles![key].degreeInSign);
      expect(svg).toMatch(
        new RegExp(`<text class="angle-degree"[^>]*data-angle="${key}"[^>]*>${degrees}${minutes}`),
      );
    }
  });

  it("ends each aspect line at the true positions of its two bodies", () => {
    const svg = renderChartSvg(chart, { size: 600 });
    const c = 300;
    const r = 600 * 0.4 * 0.41;
    const screen = (lon: number) => {
      const a = ((180 + lon - chart.angles!.ascendant.longitude) * Math.PI) / 180;
      return [c + r * Math.cos(a), c - r * Math.sin(a)] as const;
    };
    const lines = [
      ...svg.matchAll(
        /<line class="aspect" data-type="(\w+)" x1="([\d.-]+)" y1="([\d.-]+)" x2="([\d.-]+)" y2="([\d.-]+)"/g,
      ),
    ];
    expect(lines).toHaveLength(chart.aspects.length);
    lines.forEach((m, i) => {
      const aspect = chart.aspects[i]!;
      const [ax, ay] = screen(chart.bodies.find((b) => b.id === aspect.a)!.longitude);
      const [bx, by] = screen(chart.bodies.find((b) => b.id === aspect.b)!.longitude);
      expect(Math.hypot(Number(m[2]) - ax, Number(m[3]) - ay)).toBeLessThan(0.02);
      expect(Math.hypot(Number(m[4]) - bx, Number(m[5]) - by)).toBeLessThan(0.02);
    });
  });

  it("has a legend entry for each aspect type drawn, and ℞ when a body is retrograde", () => {
    const svg = renderChartSvg(chart);
    const legend = [...svg.matchAll(/<text class="legend"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    const types = new Set(chart.aspects.map((a) => a.type));
    for (const type of types) expect(legend).toContain(type);
    expect(legend).toContain("retrograde");
  });

  it("escapes text taken from the chart", () => {
    const svg = renderChartSvg({
      ...chart,
      meta: { ...chart.meta, utc: '<script>alert("x")</script>' },
    });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("rejects bad options with INVALID_OPTION", () => {
    for (const options of [{ theme: "sepia" }, { size: 10 }, { size: Number.NaN }, { scale: 2 }]) {
      expect(() => renderChartSvg(chart, options as never)).toThrow(AstroError);
    }
  });
});

describe("bi-wheels", () => {
  const a = computeChart(BASE);
  const b = computeChart({ ...BASE, datetime: "1942-06-18T14:00", utcOffset: "+02:00" });

  it("puts the second chart's bodies in the outer ring and draws the synastry aspects", () => {
    const svg = renderSynastrySvg(a, b, { theme: "dark" });
    expect(glyphs(svg, "inner").map((g) => g.id)).toEqual(a.bodies.map((x) => x.id));
    expect(glyphs(svg, "outer").map((g) => g.id)).toEqual(b.bodies.map((x) => x.id));
    expect(svg.match(/class="aspect"/g)).toHaveLength(computeSynastry(a, b).aspects.length);
    expect(svg).toContain("Outer: 1942-06-18T12:00:00Z");
  });

  it("draws transits around the natal chart, with their aspects to bodies and angles", () => {
    const transits = computeTransits(a, "2025-01-01T00:00:00Z");
    const svg = renderTransitsSvg(a, transits);
    expect(glyphs(svg, "outer").map((g) => g.id)).toEqual(transits.bodies.map((x) => x.id));
    expect(svg.match(/class="aspect"/g)).toHaveLength(transits.aspects.length);
    expect(() => renderTransitsSvg(b, transits)).toThrow(AstroError);
  });

  it("rejects bad options", () => {
    expect(() => renderSynastrySvg(a, b, { size: 50 })).toThrow(AstroError);
    expect(() => renderSynastrySvg(a, b, "big" as never)).toThrow(AstroError);
  });
});

describe("degreeAndMinute", () => {
  it.each([
    [0, "0°", "00′"],
    [15.5, "15°", "30′"],
    [29.99999, "29°", "59′"],
    [12.016666666, "12°", "01′"],
  ])("writes %s° as %s%s", (deg, degrees, minutes) => {
    expect(degreeAndMinute(deg)).toEqual({ degrees, minutes });
  });
});

describe("spreadLabels", () => {
  it("leaves well-separated labels where they are", () => {
    expect(spreadLabels([10, 50, 200], 5)).toEqual([10, 50, 200]);
  });

  it("spreads a cluster symmetrically and keeps the order", () => {
    const out = spreadLabels([100, 100.5, 101], 4);
    expect(out[1]).toBeCloseTo(100.5, 6);
    expect(out[0]).toBeCloseTo(96.5, 6);
    expect(out[2]).toBeCloseTo(104.5, 6);
  });

  it("handles a cluster across 0° Aries", () => {
    const out = spreadLabels([359, 0, 1], 5);
    const gaps = [(out[1]! - out[0]! + 360) % 360, (out[2]! - out[1]! + 360) % 360];
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(5 - 1e-9);
  });
});

describe("escapeXml", () => {
  it("escapes markup characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;",
    );
  });
});
