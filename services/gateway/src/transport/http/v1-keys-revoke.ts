import type { KeyManagementClients } from "../../adapters/api-key-clients.js";
import { tenantOf } from "./caller.js";
import { keyJson } from "./key-messages.js";
import { ApiKeySchema, KeyIdParamsSchema } from "./key-schemas.js";
import { defineRoute } from "./route.js";

/** DELETE /v1/keys/{keyId}: revokes the key now, on every gateway replica within 2 s. */
export function v1KeysRevoke(clients: KeyManagementClients) {
  return defineRoute({
    method: "DELETE",
    path: "/v1/keys/{keyId}",
    operationId: "revokeKey",
    summary: "Revoke an API key",
    description:
      "Immediate and final: within two seconds every gateway replica answers the key with 401. Revoking a revoked key changes nothing and returns it again.",
    tags: ["keys"],
    scope: "keys:manage",
    cost: 1,
    request: { params: KeyIdParamsSchema },
    responses: { 200: { description: "The revoked key.", schema: ApiKeySchema } },
    handler: async ({ params, caller }) => {
      const { apiKey } = await clients.keys.revokeKey({
        ...tenantOf(caller),
        keyId: params.keyId,
      });
      return { json: keyJson(apiKey) };
    },
  });
}
