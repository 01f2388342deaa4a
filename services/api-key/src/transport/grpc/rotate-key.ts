import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { requireId } from "@orrery/errors";
import type { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import type { ServiceImplementation } from "@orrery/rpc";
import type { KeyManager } from "../../domain/keys.js";
import { keyToProto, scopeFromRequest } from "./messages.js";

export function rotateKey(
  keys: KeyManager,
): ServiceImplementation<typeof ApiKeyService>["rotateKey"] {
  return async (request) => {
    const rotated = await keys.rotateKey(
      scopeFromRequest(request),
      requireId(request.keyId, "keyId"),
      request.gracePeriodSeconds,
    );
    return {
      apiKey: keyToProto(rotated.apiKey),
      key: rotated.key,
      previousSecretExpiresAt: timestampFromDate(rotated.previousSecretExpiresAt),
    };
  };
}
