import { describe, expect, it } from "vitest";
import { AstroError, type Chart, type ChartInput, computeChart, renderChartSvg } from "../index.js";
import { spreadLabels } from "./label-layout.js";
import { escapeXml } from "./xml.js";

const BASE: ChartInput = {
  datetime: "1940-10-09T18:30",
  utcOffset: "+01:00",
  latitude: 53.4167,
  longitude: -2.9167,
};

function glyphs(svg: string) {
  return [
    ...svg.matchAll(
      /<text class="glyph planet" data-body="(\w+)" x="([\d.-]+)" y="([\d.-]+)" font-size="([\d.]+)"/g,
    ),
  ].map((m) => ({ id: m[1]!, x: Number(m[2]), y: Number(m[3]), size: Number(m[4]) }));
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
    expect(dark).toContain('fill="#12141a"');
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
          expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(p.size);
        }
      }
    }
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
