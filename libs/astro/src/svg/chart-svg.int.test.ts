import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumPath, HEADLESS_CHROMIUM_ARGS } from "@orrery/testing";
import { type BrowserContext, chromium } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIVERPOOL_1940 as BASE } from "../births.test-support.js";
import {
  type Chart,
  type ChartInput,
  computeChart,
  computeTransits,
  renderChartSvg,
  renderSynastrySvg,
  renderTransitsSvg,
  SIGNS,
} from "../index.js";

// Renders the wheel in the Debian Chromium, as a browser would show it to a person.

// page.evaluate runs in the browser, which has DOMParser; the Node type definitions do not.
declare const DOMParser: new () => {
  parseFromString(
    text: string,
    type: string,
  ): {
    querySelector(selector: string): { textContent: string | null } | null;
  };
};
declare const document: {
  querySelectorAll(selector: string): Iterable<{
    getAttribute(name: string): string | null;
    textContent: string | null;
    getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
  }>;
};

// Births of several decades and latitudes, each with its own crowding of the wheel.
const CHARTS: ChartInput[] = [
  BASE,
  { datetime: "1962-02-05T00:00Z", latitude: 28.6, longitude: 77.2 },
  { datetime: "1879-03-14T11:30", utcOffset: "+00:39:56", latitude: 48.4, longitude: 9.98 },
  { datetime: "2000-01-01T12:00Z", latitude: 51.48, longitude: 0 },
  {
    datetime: "1984-11-23T03:15",
    timezone: "America/Sao_Paulo",
    latitude: -23.55,
    longitude: -46.63,
  },
  { datetime: "2020-12-21T18:20Z", latitude: 35.68, longitude: 139.69 },
  { datetime: "1969-07-20T20:17Z", latitude: 64.1, longitude: -21.9 },
];

let profile: string;
let browser: BrowserContext;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), "astro-svg-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...HEADLESS_CHROMIUM_ARGS, "--disable-quic", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

interface TextBox {
  label: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The rendered boxes of every text of the wheel, as Chromium lays them out. */
async function textBoxes(svg: string, size: number): Promise<TextBox[]> {
  const page = await browser.newPage();
  try {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    return await page.evaluate(() =>
      [...document.querySelectorAll("svg text")].map((t) => {
        const r = t.getBoundingClientRect();
        const label = `${t.getAttribute("class")}:${t.getAttribute("data-body") ?? t.getAttribute("data-angle") ?? ""}:${t.getAttribute("data-ring") ?? ""}:${(t.textContent ?? "").slice(-8)}`;
        return { label, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
  } finally {
    await page.close();
  }
}

/** Pairs of text boxes that overlap by more than a pixel each way. */
function overlaps(boxes: readonly TextBox[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) found.push(`${a.label} × ${b.label}`);
    }
  }
  return found;
}

/** A chart whose bodies are squeezed into a tight stellium. */
function stellium(chart: Chart, from: number, span: number): Chart {
  return {
    ...chart,
    bodies: chart.bodies.map((b, i) => {
      const longitude = (from + (span * i) / chart.bodies.length) % 360;
      return {
        ...b,
        longitude,
        sign: SIGNS[Math.floor(longitude / 30)]!,
        degreeInSign: longitude % 30,
        retrograde: i % 3 === 0,
      };
    }),
    aspects: [],
  };
}

async function screenshot(svg: string, size: number) {
  const page = await browser.newPage();
  try {
    await page.setViewportSize({ width: size, height: size });
    // Parse it as a standalone SVG document first: a well-formedness error shows up here.
    const parseError = await page.evaluate(
      (text) =>
        new DOMParser().parseFromString(text, "image/svg+xml").querySelector("parsererror")
          ?.textContent ?? null,
      svg,
    );
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    return { parseError, png: PNG.sync.read(await page.screenshot()) };
  } finally {
    await page.close();
  }
}

/** Distinct colours, and the share of pixels that differ from the background (top-left). */
function inkStats(png: PNG) {
  const { data } = png;
  const colours = new Set<number>();
  let differing = 0;
  for (let i = 0; i < data.length; i += 4) {
    const rgb = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    colours.add(rgb);
    if (
      Math.abs(data[i]! - data[0]!) +
        Math.abs(data[i + 1]! - data[1]!) +
        Math.abs(data[i + 2]! - data[2]!) >
      30
    ) {
      differing++;
    }
  }
  return { colours: colours.size, inkShare: differing / (data.length / 4) };
}

describe("SVG wheel in headless Chromium", () => {
  const cases = [
    { name: "light, with birth time", input: BASE, theme: "light" as const },
    { name: "dark, with birth time", input: BASE, theme: "dark" as const },
    {
      name: "light, without birth time",
      input: { ...BASE, datetime: "1940-10-09", timeUnknown: true },
      theme: "light" as const,
    },
  ];

  it.each(cases)("renders a non-blank, well-formed wheel ($name)", async ({ input, theme }) => {
    const svg = renderChartSvg(computeChart(input), { theme, size: 400 });
    const { parseError, png } = await screenshot(svg, 400);
    expect(parseError).toBeNull();
    expect(png.width).toBe(400);
    const stats = inkStats(png);
    expect(stats.colours).toBeGreaterThan(20);
    expect(stats.inkShare).toBeGreaterThan(0.12);
    expect(stats.inkShare).toBeLessThan(0.95);
  });

  // Tight stelliums at each quarter of the wheel (where labels change their layout), and across
  // 0° Aries, at a small and the default size.
  it.each([
    [0, 6],
    [84, 8],
    [170, 9],
    [262, 7],
    [350, 12],
    [120, 0.5],
  ])("lays a stellium at %s° spanning %s° out with no text overlapping", async (from, span) => {
    const chart = computeChart(BASE);
    for (const size of [400, 600]) {
      for (const theme of ["light", "dark"] as const) {
        const boxes = await textBoxes(
          renderChartSvg(stellium(chart, from, span), { size, theme }),
          size,
        );
        expect(boxes.filter((b) => b.label.startsWith("glyph planet"))).toHaveLength(13);
        expect(overlaps(boxes)).toEqual([]);
        for (const b of boxes) {
          expect(b.left, b.label).toBeGreaterThanOrEqual(0);
          expect(b.top, b.label).toBeGreaterThanOrEqual(0);
          expect(b.right, b.label).toBeLessThanOrEqual(size);
          expect(b.bottom, b.label).toBeLessThanOrEqual(size);
        }
      }
    }
  });

  it("keeps every text of real charts apart and inside the picture", async () => {
    for (const input of CHARTS) {
      const svg = renderChartSvg(computeChart(input), { size: 600 });
      const boxes = await textBoxes(svg, 600);
      expect(overlaps(boxes), input.datetime).toEqual([]);
      for (const b of boxes) {
        expect(Math.min(b.left, b.top), b.label).toBeGreaterThanOrEqual(0);
        expect(Math.max(b.right, b.bottom), b.label).toBeLessThanOrEqual(600);
      }
    }
  });

  it("draws synastry and transit bi-wheels with no text overlapping", async () => {
    const a = computeChart(BASE);
    const b = computeChart({
      datetime: "1942-06-18T14:00",
      timezone: "Europe/London",
      latitude: 53.4,
      longitude: -2.98,
    });
    const crowded = stellium(b, 200, 10);
    for (const svg of [
      renderSynastrySvg(a, b),
      renderSynastrySvg(a, crowded, { theme: "dark" }),
      renderTransitsSvg(a, computeTransits(a, "2025-03-20T12:00Z")),
    ]) {
      const { parseError, png } = await screenshot(svg, 800);
      expect(parseError).toBeNull();
      expect(inkStats(png).colours).toBeGreaterThan(20);
      const boxes = await textBoxes(svg, 800);
      expect(
        boxes.filter((x) => x.label.startsWith("glyph planet") && x.label.includes(":outer:"))
          .length,
      ).toBeGreaterThanOrEqual(10);
      expect(overlaps(boxes)).toEqual([]);
    }
  });

  it("uses the theme's background", async () => {
    const dark = await screenshot(
      renderChartSvg(computeChart(BASE), { theme: "dark", size: 200 }),
      200,
    );
    const [r, g, b] = dark.png.data;
    expect(r! + g! + b!).toBeLessThan(100);
  });
});
