import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { tenantOf } from "./caller.js";
import { keyJson } from "./key-messages.js";
import { API_KEY_EXAMPLE, ApiKeySchema, KeyIdParamsSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/** GET /v1/keys/{keyId}: one key of the caller's account (404 for anyone else's). */
export function v1KeysGet(clients: KeyManagementClients) {
  return defineRoute({
    method: "GET",
    path: "/v1/keys/{keyId}",
    operationId: "getKey",
    summary: "Get an API key",
    tags: ["keys"],
    scope: "keys:manage",
    request: { params: KeyIdParamsSchema },
    example: { params: { keyId: API_KEY_EXAMPLE.id } },
    problems: ["KEY_NOT_FOUND", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The key (never its secret); a revoked one with revokedAt.",
        schema: ApiKeySchema,
        example: API_KEY_EXAMPLE,
      },
    },
    handler: async ({ params, caller }) => {
      const { apiKey } = await clients.keys.getKey({ ...tenantOf(caller), keyId: params.keyId });
      return { json: keyJson(apiKey) };
    },
  });
}
