import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { tenantOf } from "./caller.js";
import { keyJson } from "./key-messages.js";
import { API_KEY_EXAMPLE, ApiKeySchema, KeyIdParamsSchema } from "./key-schemas.js";
import { UPSTREAM_PROBLEMS } from "./problem-types.js";
import { defineRoute } from "./route.js";

/**
 * POST /v1/keys/{keyId}/revoke: revokes the key now, on every gateway replica within 2 s. An
 * action rather than DELETE: the key stays readable (GET shows revokedAt) for the audit trail,
 * which a DELETE that leaves the resource in place would contradict.
 */
export function v1KeysRevoke(clients: KeyManagementClients) {
  return defineRoute({
    method: "POST",
    path: "/v1/keys/{keyId}/revoke",
    operationId: "revokeKey",
    summary: "Revoke an API key",
    description:
      "Immediate and final: within two seconds every gateway replica answers the key with 401. The key stays listed and readable, with revokedAt. Revoking a revoked key changes nothing and returns it again.",
    tags: ["keys"],
    scope: "keys:manage",
    request: { params: KeyIdParamsSchema },
    example: { params: { keyId: API_KEY_EXAMPLE.id } },
    problems: ["KEY_NOT_FOUND", "KEY_CHANGED", ...UPSTREAM_PROBLEMS],
    responses: {
      200: {
        description: "The revoked key.",
        schema: ApiKeySchema,
        example: { ...API_KEY_EXAMPLE, revokedAt: "2026-12-02T10:00:00.000Z" },
      },
    },
    handler: async ({ params, caller }) => {
      const { apiKey } = await clients.keys.revokeKey({
        ...tenantOf(caller),
        keyId: params.keyId,
      });
      return { json: keyJson(apiKey) };
    },
  });
}
