import { REALTIME_WEBSOCKET_PATH } from "./realtime-proxy.js";
import {
  REALTIME_UNREACHABLE,
  type RelayedOperation,
  TOKEN_PARAMETER,
} from "./relayed-operation.js";

/** GET /v1/realtime: the WebSocket endpoint, relayed to a realtime pod once upgraded. */
export const v1RealtimeGet: RelayedOperation = {
  method: "GET",
  path: REALTIME_WEBSOCKET_PATH,
  operationId: "connectRealtime",
  summary: "Open a realtime WebSocket",
  description: [
    "Upgrades to a WebSocket (RFC 6455; `Upgrade: websocket`, `Connection: Upgrade`, `Sec-WebSocket-Key`, `Sec-WebSocket-Version: 13`) carrying JSON text frames with a `type`.",
    "",
    "Client → server: `subscribe` `{ channel, since?: { offset, epoch } }`, `unsubscribe` `{ channel }`, `refresh` `{ token }`, `pong`. Server → client: `subscribed` `{ channel, recovered, offset, epoch }`, `publication` `{ channel, offset, epoch, data }` (data is the event: `id`, `type` such as `batch.completed`, `time`, `data`), `ping` (every 25 s; answer `pong` within 8 s), `refreshed`, `unsubscribed`, `error` `{ code, message, channel? }` (the connection stays up).",
    "",
    "Channels: `account` (every event of the account), `keys`, `usage` (quota notices), `webhooks`, `batch:{id}`. Reconnect with `since` set to the last offset and epoch seen to receive exactly what was missed (`recovered: true`), or `recovered: false` when history no longer holds it.",
    "",
    "Authentication is checked after the upgrade, so that browsers can read why: a refused connection is closed at once with a close code. Close codes: reconnectable (come back with jittered backoff) 1012 server shutting down, 4000 slow consumer (over 1 MiB unsent), 4001 token expired, 4002 no pong in time; terminal (do not retry unchanged) 1008 policy (e.g. the plan's realtimeConnections reached), 1009 frame too large, 4401 bad key or token, 4403 key without realtime:connect.",
  ].join("\n"),
  tags: ["realtime"],
  scope: "realtime:connect",
  parameters: [
    TOKEN_PARAMETER,
    {
      name: "Upgrade",
      in: "header",
      required: true,
      description: "Must be `websocket`; a plain GET is not routed (404).",
      schema: { type: "string", enum: ["websocket"] },
    },
    {
      name: "Sec-WebSocket-Version",
      in: "header",
      required: true,
      schema: { type: "string", enum: ["13"] },
    },
    {
      name: "Sec-WebSocket-Key",
      in: "header",
      required: true,
      description: "16 random bytes, base64 (RFC 6455 §4.1).",
      schema: { type: "string", maxLength: 32 },
      example: "dGhlIHNhbXBsZSBub25jZQ==",
    },
  ],
  responses: {
    "101": {
      description:
        "Switching Protocols: the connection is a WebSocket from here on (and closed with a close code when the credentials are refused).",
      headers: {
        Upgrade: { schema: { type: "string", enum: ["websocket"] } },
        Connection: { schema: { type: "string", enum: ["Upgrade"] } },
        "Sec-WebSocket-Accept": {
          description: "base64(SHA-1(Sec-WebSocket-Key + the RFC 6455 GUID)).",
          schema: { type: "string" },
        },
      },
    },
    "503": REALTIME_UNREACHABLE,
  },
  problems: ["ROUTE_NOT_FOUND"],
};
