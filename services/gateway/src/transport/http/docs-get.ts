import { readFileSync } from "node:fs";
import { getHtmlDocument } from "@scalar/core/libs/html-rendering";
import type { RequestHandler } from "express";
import type { ContentEncoding, EncodedPayloads } from "./encoded-payloads.js";
import { compress, writeResult } from "./response-writer.js";
import { defineRoute } from "./route.js";

/** Where the page loads Scalar's browser bundle from: this server, never a CDN. */
const SCRIPT_PATH = "/docs/assets/scalar.js";

/** Copied from @scalar/api-reference by the gateway's build (package.json "generate"). */
const SCRIPT_FILE = new URL("../../../dist/docs/scalar.js", import.meta.url);

/**
 * GET /docs: the API reference (Scalar), rendered in the browser from /v1/openapi.json, with a
 * request client for every operation. Nothing is fetched from elsewhere: no CDN, no web fonts,
 * no telemetry, no hosted AI agent.
 */
export function docsGet(payloads: EncodedPayloads) {
  const page = getHtmlDocument({
    pageTitle: "Orrery API reference",
    url: "/v1/openapi.json",
    cdn: SCRIPT_PATH,
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    showDeveloperTools: "never",
  });
  return defineRoute({
    method: "GET",
    path: "/docs",
    operationId: "getDocs",
    summary: "This reference, rendered (HTML)",
    tags: ["meta"],
    scope: undefined,
    cacheControl: "public, max-age=300",
    responses: { 200: { description: "HTML page.", contentType: "text/html" } },
    handler: async () => payloads.result("docs", page, "text/html; charset=utf-8", {}),
  });
}

/** GET /docs/assets/scalar.js: the reference's script, compressed once per encoding, off the loop. */
export function docsScript(): RequestHandler {
  const script = readFileSync(SCRIPT_FILE);
  const forms = new Map<ContentEncoding, Promise<Buffer>>();
  const compressed = (encoding: ContentEncoding) => {
    let form = forms.get(encoding);
    if (form === undefined) {
      form = compress(script, encoding);
      forms.set(encoding, form);
    }
    return form;
  };
  const result = { contentType: "text/javascript; charset=utf-8", payload: script, compressed };
  return (request, response, next) => {
    writeResult(request, response, result, "public, max-age=86400").catch(next);
  };
}
