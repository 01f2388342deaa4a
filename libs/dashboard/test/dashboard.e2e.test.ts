import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  gatewayFetch as call,
  chromiumPath,
  createTenant,
  HEADLESS_CHROMIUM_ARGS,
  infra,
  repoRoot,
  stackAdminKey,
  waitFor,
} from "@orrery/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The dashboard in headless Chromium (Debian's, driven by playwright-core) through the running
// stack: a fresh tenant sends known traffic, analytics counts it, and the page, signed in with
// the tenant's key, shows those numbers as text; an admin key also sees the platform view.
// Screenshots go to .data/test-results/.
const gateway = infra.gatewayUrl;
const CHARTS = "POST /v1/charts";
const CHART = {
  datetime: "1984-02-29T06:45:00",
  timezone: "Europe/Paris",
  latitude: 48.8566,
  longitude: 2.3522,
};
const SENT = { ok: 12, invalid: 3 };
const BATCH_ITEMS = 5;
const RESULTS = path.join(repoRoot, ".data", "test-results");

let admin: string;
let tenant: { accountId: string; key: string };
let batchId: string;
let browser: Browser;

/** A page that records every CSP violation, script error and failed same-origin request. */
async function openDashboard(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => problems.push(`csp: ${text}`));
  // Runs in the page (a string: this file is type-checked without the DOM's types).
  await page.addInitScript(`
    document.addEventListener("securitypolicyviolation", (event) => {
      window.reportViolation(event.violatedDirective + " blocked " + event.blockedURI);
    });
  `);
  page.on("console", (message) => {
    if (/content security policy/i.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`script error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
  const response = await page.goto(`${gateway}/dashboard`);
  expect(response?.status()).toBe(200);
  return { page, problems };
}

async function signIn(page: Page, key: string): Promise<void> {
  await expect(page.locator("#sign-in").isVisible()).resolves.toBe(true);
  await page.fill("#api-key", key);
  await page.click("#sign-in-form button[type=submit]");
  await ready(page);
}

/** The page finished its latest refresh (main.ts sets body[data-state]). */
async function ready(page: Page): Promise<void> {
  await page.locator('body[data-state="ready"]').waitFor({ state: "attached", timeout: 20_000 });
}

/** Waits for the refresh a control started to finish with the page showing `label`. */
async function settled(page: Page, label: string): Promise<void> {
  await page.locator("#range-label", { hasText: label }).waitFor({ timeout: 20_000 });
  await ready(page);
}

const count = (text: string | null) => Number((text ?? "").replaceAll(",", ""));

beforeAll(async () => {
  const executablePath = chromiumPath();
  admin = await stackAdminKey();
  tenant = await createTenant({
    admin,
    name: "dashboard e2e",
    scopes: ["charts:read", "analytics:read", "batches:read", "batches:write", "webhooks:manage"],
    environment: "live",
    overrides: { burstPerSecond: 10_000, requestsPerMinute: 100_000 },
  });
  for (let index = 0; index < SENT.ok; index += 1) {
    const response = await call("POST", "/v1/charts", tenant.key, CHART);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
  }
  for (let index = 0; index < SENT.invalid; index += 1) {
    const response = await call("POST", "/v1/charts", tenant.key, { ...CHART, latitude: 123 });
    await response.arrayBuffer();
    expect(response.status).toBe(400);
  }
  // A batch that runs to completion: the tenant sees it, the admin view counts its ending.
  const items = Array.from({ length: BATCH_ITEMS }, (_, index) => ({
    customId: `dashboard-${index}`,
    type: "chart",
    params: { ...CHART, datetime: `1984-02-29T06:${String(10 + index).padStart(2, "0")}:00` },
  }));
  const submitted = await call("POST", "/v1/batches", tenant.key, { items });
  expect(submitted.status).toBe(202);
  batchId = ((await submitted.json()) as { id: string }).id;
  await waitFor(
    async () => {
      const batch = await call("GET", `/v1/batches/${batchId}`, tenant.key);
      return ((await batch.json()) as { status: string }).status === "completed";
    },
    { timeoutMs: 30_000, intervalMs: 250, message: "the batch completed" },
  );
  const since = new Date(Date.now() - 3_600_000).toISOString();
  await waitFor(
    async () => {
      const response = await call(
        "GET",
        `/v1/analytics/usage?from=${since}&granularity=minute&route=${encodeURIComponent(CHARTS)}`,
        tenant.key,
      );
      const usage = (await response.json()) as { totals: { requests: number } };
      return usage.totals.requests >= SENT.ok + SENT.invalid;
    },
    { timeoutMs: 30_000, intervalMs: 500, message: "analytics counted the seeded traffic" },
  );
  mkdirSync(RESULTS, { recursive: true });
  browser = await chromium.launch({
    executablePath,
    args: [...HEADLESS_CHROMIUM_ARGS],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("the dashboard in Chromium", () => {
  it("shows a tenant the requests, errors and latency it sent, and downloads them as CSV", async () => {
    const { page, problems } = await openDashboard();
    await signIn(page, tenant.key);
    expect(await page.locator("#admin").isVisible()).toBe(false);

    await page.check('input[name="range"][value="1h"]');
    await settled(page, "last 1h by minute");
    const routeRow = page.locator("#top-routes tbody tr", {
      has: page.locator("th", { hasText: CHARTS }),
    });
    expect(count(await routeRow.locator("td").nth(0).textContent())).toBe(SENT.ok + SENT.invalid);
    expect(count(await routeRow.locator("td").nth(1).textContent())).toBe(SENT.invalid);

    await page.selectOption("#route-filter", CHARTS);
    await ready(page);
    const metric = (name: string) => page.locator(`[data-metric="${name}"]`).textContent();
    expect(count(await metric("requests"))).toBe(SENT.ok + SENT.invalid);
    expect(count(await metric("errors"))).toBe(SENT.invalid);
    expect(count(await metric("errors4xx"))).toBe(SENT.invalid);
    expect(count(await metric("errors5xx"))).toBe(0);
    expect(count(await metric("rateLimited"))).toBe(0);
    expect(await metric("p50")).toMatch(/^[\d.,]+ ms$/);
    expect(await metric("p99")).toMatch(/^[\d.,]+ ms$/);
    const quota = (await page.locator("#quota-text").textContent()) ?? "";
    expect(count(quota.split(" of ")[0] ?? "")).toBeGreaterThanOrEqual(SENT.ok);
    expect(await page.locator("#traffic-chart canvas").count()).toBe(1);
    expect(await page.locator("#latency-chart canvas").count()).toBe(1);
    const batchRow = page.locator("#batches tbody tr", {
      has: page.locator("th", { hasText: batchId }),
    });
    expect(await batchRow.locator("td").allTextContents()).toEqual([
      "completed",
      `${BATCH_ITEMS} / ${BATCH_ITEMS}`,
      "0",
      expect.any(String),
    ]);
    expect(await page.locator("#webhook-endpoints tbody").textContent()).toContain(
      "No webhook endpoints.",
    );
    await page.screenshot({ path: path.join(RESULTS, "dashboard.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click("#download-csv"),
    ]);
    const csv = readFileSync(await download.path(), "utf8").split("\r\n");
    const header = (csv[0] ?? "").split(",");
    expect(header.slice(0, 3)).toEqual(["start", "group", "requests"]);
    const requests = csv
      .slice(1)
      .filter((line) => line !== "")
      .reduce((sum, line) => sum + Number(line.split(",")[header.indexOf("requests")]), 0);
    expect(requests).toBe(SENT.ok + SENT.invalid);
    expect(download.suggestedFilename()).toMatch(/^usage-.*-1h-minute\.csv$/);

    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("shows an admin key the platform view, ranking the tenant among the accounts", async () => {
    const { page, problems } = await openDashboard();
    await signIn(page, admin);
    expect(await page.locator("#admin").isVisible()).toBe(true);
    // The view lists the busiest accounts (10 at most): the tenant is there with its requests, or
    // — on a stack other tests keep busy — every account listed in a full list outranks it.
    const rows = page.locator("#top-accounts tbody tr");
    await rows.first().waitFor({ timeout: 30_000 });
    const listed = await rows.evaluateAll((elements) =>
      elements.map((row) => ({
        name: row.querySelector("th")?.textContent ?? "",
        requests: row.querySelector("td")?.textContent ?? "",
      })),
    );
    const sent = SENT.ok + SENT.invalid;
    const mine = listed.find((row) => row.name.includes(tenant.accountId));
    if (mine !== undefined) expect(count(mine.requests)).toBeGreaterThanOrEqual(sent);
    else {
      expect(listed).toHaveLength(10);
      for (const row of listed) expect(count(row.requests)).toBeGreaterThanOrEqual(sent);
    }
    expect(
      count(await page.locator('[data-admin-metric="requests"]').textContent()),
    ).toBeGreaterThanOrEqual(SENT.ok + SENT.invalid);
    // The tenant's batch ended a moment ago; analytics records endings from the batch events.
    await waitFor(
      async () => {
        await page.click("#refresh");
        await ready(page);
        return count(await page.locator('[data-admin-batches="completed"]').textContent()) >= 1;
      },
      { timeoutMs: 30_000, intervalMs: 1_000, message: "the admin view counted the batch" },
    );
    expect(
      count(await page.locator('[data-admin-batches="itemsSucceeded"]').textContent()),
    ).toBeGreaterThanOrEqual(BATCH_ITEMS);
    // Webhook deliveries across accounts, from the overview's webhooks object.
    expect(await page.locator('[data-admin-webhooks="attempts"]').textContent()).toMatch(
      /^\d[\d,]*$/,
    );
    expect(await page.locator("#admin-failing-webhooks tbody").textContent()).not.toBe("");
    await page.screenshot({ path: path.join(RESULTS, "dashboard-admin.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("forgets the key on sign-out and refuses a wrong key", async () => {
    const { page, problems } = await openDashboard();
    await page.fill("#api-key", "orr_live_not_a_real_key");
    await page.click("#sign-in-form button[type=submit]");
    await page.locator("#sign-in-error", { hasText: "not accepted" }).waitFor({ timeout: 20_000 });
    expect(await page.locator("#sign-in-error").textContent()).toMatch(/not accepted/);
    expect(await page.locator("#tenant").isVisible()).toBe(false);
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    await signIn(page, tenant.key);
    await page.click("#sign-out");
    expect(await page.locator("#sign-in").isVisible()).toBe(true);
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    expect(problems.filter((problem) => !problem.startsWith("failed:"))).toEqual([]);
    await page.context().close();
  });
});
