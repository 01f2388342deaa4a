import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../app.test-support.js";
import { DASHBOARD_CSP } from "./dashboard-pages.js";

// The built dashboard (libs/dashboard/dist) as the gateway app serves it: the page revalidated
// every time, hashed assets cached for a year, ETags, compression, and the page's CSP.
let gateway: TestGateway;
let assets: string[];

beforeAll(async () => {
  gateway = await startTestGateway();
  const page = await (await fetch(`${gateway.baseUrl}/dashboard`)).text();
  assets = [...page.matchAll(/(?:src|href)="(\/dashboard\/assets\/[^"]+)"/g)].map(
    (match) => match[1] ?? "",
  );
});

afterAll(async () => {
  await gateway.close();
});

describe("GET /dashboard", () => {
  it("serves the page with no-cache, an ETag and a strict CSP", async () => {
    for (const path of ["/dashboard", "/dashboard/"]) {
      const response = await fetch(`${gateway.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(response.headers.get("etag")).toMatch(/^"/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toBe(DASHBOARD_CSP);
      expect(csp).not.toContain("unsafe");
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ]) {
        expect(csp).toContain(directive);
      }
      const html = await response.text();
      expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|<style/);
    }
  });

  it("names exactly one hashed script and one hashed stylesheet", () => {
    expect(assets.filter((path) => /\/assets\/[\w-]+-[\w-]{8}\.js$/.test(path))).toHaveLength(1);
    expect(assets.filter((path) => /\/assets\/[\w-]+-[\w-]{8}\.css$/.test(path))).toHaveLength(1);
    expect(assets).toHaveLength(2);
  });

  it("serves hashed assets immutable, gzip when accepted, 304 on a matching ETag", async () => {
    for (const path of assets) {
      const plain = await fetch(`${gateway.baseUrl}${path}`, {
        headers: { "accept-encoding": "identity" },
      });
      expect(plain.status).toBe(200);
      expect(plain.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(plain.headers.get("content-type")).toMatch(
        path.endsWith(".js") ? /^text\/javascript/ : /^text\/css/,
      );
      expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
      expect(plain.headers.get("content-encoding")).toBeNull();
      const body = await plain.text();

      const gzipped = await fetch(`${gateway.baseUrl}${path}`, {
        headers: { "accept-encoding": "gzip" },
      });
      expect(gzipped.headers.get("content-encoding")).toBe("gzip");
      expect(Number(gzipped.headers.get("content-length"))).toBeLessThan(Buffer.byteLength(body));
      expect(await gzipped.text()).toBe(body);

      const tag = plain.headers.get("etag") ?? "";
      expect(tag).not.toBe("");
      const again = await fetch(`${gateway.baseUrl}${path}`, { headers: { "if-none-match": tag } });
      expect(again.status).toBe(304);
    }
  });

  it("answers an unknown asset with the 404 problem, and keeps /dashboard out of the API document", async () => {
    const missing = await fetch(`${gateway.baseUrl}/dashboard/assets/index-00000000.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const document = (await (await fetch(`${gateway.baseUrl}/v1/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths).filter((path) => path.startsWith("/dashboard"))).toEqual([]);
  });
});
