import type { EncodedPayloads } from "./encoded-payloads.js";
import { defineRoute } from "./route.js";

/** GET /v1/openapi.json: the OpenAPI 3.1 document, built once from the registered routes. */
export function v1OpenApiGet(document: () => string, payloads: EncodedPayloads) {
  return defineRoute({
    method: "GET",
    path: "/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "The OpenAPI 3.1 document of this API",
    tags: ["meta"],
    scope: undefined,
    cacheControl: "public, max-age=300",
    responses: { 200: { description: "OpenAPI 3.1 document." } },
    handler: async () =>
      payloads.result("openapi", document(), "application/json; charset=utf-8", {}),
  });
}
