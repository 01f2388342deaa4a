import { requireId } from "@orrery/errors";
import type { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import type { ServiceImplementation } from "@orrery/rpc";
import type { KeyManager } from "../../domain/keys.js";
import { keyToProto } from "./messages.js";

export function listKeys(
  keys: KeyManager,
): ServiceImplementation<typeof ApiKeyService>["listKeys"] {
  return async (request) => {
    const page = await keys.listKeys(
      requireId(request.accountId, "accountId"),
      request.pageSize,
      request.pageToken,
    );
    return { apiKeys: page.items.map(keyToProto), nextPageToken: page.nextPageToken ?? "" };
  };
}
