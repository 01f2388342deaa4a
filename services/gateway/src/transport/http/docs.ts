import { createRequire } from "node:module";
import { dirname } from "node:path";
import express, { type RequestHandler } from "express";
import { PROBLEM_TYPE_BASE, problemSlug } from "./problem.js";
import { PROBLEM_TYPES } from "./problem-types.js";
import { defineRoute } from "./route-registry.js";

const escapeHtml = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");

/** Swagger UI's static bundle, served from node_modules (no CDN: nothing is fetched at run time). */
export function docsAssets(): RequestHandler {
  const directory = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  return express.static(directory, { index: false, maxAge: "1d", fallthrough: false });
}

function docsPage(): string {
  const rows = PROBLEM_TYPES.map((type) => {
    const slug = problemSlug(type.code);
    return `<tr id="${slug}"><td><code>${PROBLEM_TYPE_BASE}${slug}</code></td><td>${type.status}</td><td><code>${type.code}</code></td><td>${escapeHtml(type.description)}</td></tr>`;
  }).join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Orrery API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<style>
body { margin: 0; font-family: system-ui, sans-serif; }
#problems { max-width: 1460px; margin: 0 auto 48px; padding: 0 20px; }
#problems table { border-collapse: collapse; width: 100%; font-size: 14px; }
#problems td, #problems th { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
#problems tr:target { background: #fff6d5; }
</style>
</head>
<body>
<div id="api"></div>
<section id="problems">
<h2>Problem types</h2>
<p>Every error is an RFC 9457 <code>application/problem+json</code> document with <code>type</code>, <code>title</code>,
<code>status</code>, <code>detail</code>, <code>code</code> and <code>requestId</code>; validation failures list every bad field in <code>errors[]</code>.</p>
<table>
<thead><tr><th>type</th><th>status</th><th>code</th><th>meaning</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: "/v1/openapi.json", dom_id: "#api", deepLinking: true });
</script>
</body>
</html>
`;
}

/** GET /docs: the rendered reference of the OpenAPI document, and the problem types. */
export function docs() {
  const page = docsPage();
  return defineRoute({
    method: "GET",
    path: "/docs",
    operationId: "getDocs",
    summary: "This reference, rendered (HTML)",
    tags: ["meta"],
    scope: undefined,
    cost: 0,
    cacheControl: "public, max-age=300",
    responses: { 200: { description: "HTML page.", contentType: "text/html" } },
    handler: async () => ({ contentType: "text/html; charset=utf-8", payload: page }),
  });
}
