import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChartInput, computeChart, renderChartSvg } from "../index.js";

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
// From PATH like every tool the tests run; scripts/test installs Debian's chromium.
const CHROMIUM = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
const BASE: ChartInput = {
  datetime: "1940-10-09T18:30",
  utcOffset: "+01:00",
  latitude: 53.4167,
  longitude: -2.9167,
};

let profile: string;
let browser: BrowserContext;

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), "astro-svg-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

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
    expect(stats.inkShare).toBeGreaterThan(0.2);
    expect(stats.inkShare).toBeLessThan(0.95);
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
