import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import express, { type RequestHandler, type Response, type Router } from "express";
import type { ContentEncoding } from "./encoded-payloads.js";
import { compress, writeResult } from "./response-writer.js";

/**
 * The dashboard's page may load its own script and stylesheet and call this origin's API, and
 * nothing else: no inline script or style, no framing, no form posts, no <base>.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** index.html is revalidated every time; the assets it names carry a content hash. */
const PAGE_CACHE = "no-cache";
const ASSET_CACHE = "public, max-age=31536000, immutable";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/**
 * Where the built dashboard is: @orrery/dashboard's dist/, beside the gateway in the workspace
 * (libs/dashboard/dist after `pnpm build`) and in the image (`pnpm deploy` copies it into
 * node_modules/@orrery/dashboard).
 */
export function dashboardDirectory(): string {
  const manifest = createRequire(import.meta.url).resolve("@orrery/dashboard/package.json");
  return path.join(path.dirname(manifest), "dist");
}

interface StaticFile {
  readonly contentType: string;
  readonly payload: Buffer;
  readonly compressed: (encoding: ContentEncoding) => Promise<Buffer>;
}

function staticFile(file: string): StaticFile {
  const payload = readFileSync(file);
  const forms = new Map<ContentEncoding, Promise<Buffer>>();
  return {
    contentType: CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
    payload,
    // Each encoding once, off the event loop, then kept: the files never change while running.
    compressed: (encoding) => {
      let form = forms.get(encoding);
      if (form === undefined) {
        form = compress(payload, encoding);
        forms.set(encoding, form);
      }
      return form;
    },
  };
}

function securityHeaders(response: Response): void {
  response.setHeader("content-security-policy", DASHBOARD_CSP);
  response.setHeader("x-content-type-options", "nosniff");
  response.setHeader("referrer-policy", "no-referrer");
  response.setHeader("cross-origin-opener-policy", "same-origin");
}

function serve(file: StaticFile, cacheControl: string): RequestHandler {
  return (request, response, next) => {
    securityHeaders(response);
    // Set here too for HEAD, where writeResult adds no validator.
    response.setHeader("cache-control", cacheControl);
    writeResult(request, response, file, cacheControl).catch(next);
  };
}

/**
 * GET /dashboard (the page) and /dashboard/assets/* (its hashed script and stylesheet), read
 * once at start and compressed once per encoding. Not an API operation: outside /v1, without
 * authentication (the page signs in with an API key and calls /v1 itself), and absent from
 * the OpenAPI document. An unknown asset falls through to the 404 problem.
 */
export function dashboardPages(directory: string): Router {
  const indexFile = path.join(directory, "index.html");
  if (!existsSync(indexFile)) {
    throw new Error(
      `the dashboard is not built: ${indexFile} is missing (run \`pnpm build\`, which builds @orrery/dashboard)`,
    );
  }
  const page = serve(staticFile(indexFile), PAGE_CACHE);
  const assetsDirectory = path.join(directory, "assets");
  const assets = new Map<string, RequestHandler>(
    (existsSync(assetsDirectory) ? readdirSync(assetsDirectory) : []).map((name) => [
      name,
      serve(staticFile(path.join(assetsDirectory, name)), ASSET_CACHE),
    ]),
  );
  const router = express.Router({ caseSensitive: true });
  router.get(["/dashboard", "/dashboard/"], page);
  router.get("/dashboard/assets/:name", (request, response, next) => {
    const asset = assets.get(request.params.name ?? "");
    if (asset === undefined) next();
    else asset(request, response, next);
  });
  return router;
}
