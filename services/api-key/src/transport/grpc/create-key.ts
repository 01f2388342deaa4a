import { requireId } from "@orrery/errors";
import type { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import type { ServiceImplementation } from "@orrery/rpc";
import type { KeyManager } from "../../domain/keys.js";
import {
  environmentFromProto,
  keyToProto,
  optionalDate,
  overridesFromRequest,
} from "./messages.js";

export function createKey(
  keys: KeyManager,
): ServiceImplementation<typeof ApiKeyService>["createKey"] {
  return async (request) => {
    const issued = await keys.createKey({
      accountId: requireId(request.accountId, "accountId"),
      name: request.name,
      scopes: request.scopes,
      environment: environmentFromProto(request.environment),
      expiresAt: optionalDate(request.expiresAt),
      overrides: overridesFromRequest(request.overrides),
    });
    return { apiKey: keyToProto(issued.apiKey), key: issued.key };
  };
}
