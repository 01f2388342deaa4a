import { requireId } from "@orrery/errors";
import type { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import type { ServiceImplementation } from "@orrery/rpc";
import type { KeyManager } from "../../domain/keys.js";
import { keyToProto, scopeFromRequest } from "./messages.js";

export function revokeKey(
  keys: KeyManager,
): ServiceImplementation<typeof ApiKeyService>["revokeKey"] {
  return async (request) => {
    const key = await keys.revokeKey(scopeFromRequest(request), requireId(request.keyId, "keyId"));
    return { apiKey: keyToProto(key) };
  };
}
