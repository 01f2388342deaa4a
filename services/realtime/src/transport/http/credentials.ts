import type { IncomingMessage } from "node:http";
import type { Credential } from "../../domain/ports.js";

/**
 * The credential of an upgrade or stream request: `?token=` (browsers cannot set headers on a
 * WebSocket), else `Authorization: Bearer <key>` or `X-API-Key: <key>`.
 */
export function credentialOf(request: IncomingMessage, url: URL): Credential | undefined {
  const token = url.searchParams.get("token");
  if (token !== null && token !== "") return { kind: "token", token };
  const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
  if (bearer !== undefined) return { kind: "key", key: bearer };
  const header = request.headers["x-api-key"];
  const key = (Array.isArray(header) ? header[0] : header)?.trim();
  return key === undefined || key === "" ? undefined : { kind: "key", key };
}
