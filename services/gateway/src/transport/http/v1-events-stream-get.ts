import { REALTIME_STREAM_PATH } from "./realtime-proxy.js";
import {
  REALTIME_UNREACHABLE,
  type RelayedOperation,
  TOKEN_PARAMETER,
} from "./relayed-operation.js";

/** GET /v1/events/stream: the realtime channels as server-sent events, relayed unbuffered. */
export const v1EventsStreamGet: RelayedOperation = {
  method: "GET",
  path: REALTIME_STREAM_PATH,
  operationId: "streamEvents",
  summary: "Stream realtime events (server-sent events)",
  description: [
    "The realtime channels as `text/event-stream`, for clients and proxies that cannot use WebSocket. Same credentials (API key or `?token=`) and channels as GET /v1/realtime.",
    "",
    "Events: `subscribed` (one per channel, data as the WebSocket frame), `publication` with `id: <epoch>:<offset>` (for several channels `<channel>=<epoch>:<offset>`, comma-separated) and data the WebSocket `publication` frame, `error` (a refused channel; the stream stays open) and `close` `{ code, reason }` before the server ends the stream (the WebSocket close codes: 1012 shutdown and 4000 slow consumer are reconnectable). Comments (`: keep-alive`) every 25 s keep proxies from timing it out.",
    "",
    "Resume: reconnect with the last `id` seen as `Last-Event-ID` to receive exactly the publications missed, in order (`recovered: true` in `subscribed`), or `recovered: false` when history no longer holds them.",
  ].join("\n"),
  tags: ["realtime"],
  scope: "realtime:connect",
  parameters: [
    {
      name: "channels",
      in: "query",
      required: true,
      description:
        "1 to 8 distinct channels, comma-separated: account, keys, usage, webhooks, batch:{id}.",
      schema: { type: "string", minLength: 1, maxLength: 256 },
      example: "account,usage",
    },
    TOKEN_PARAMETER,
    {
      name: "Last-Event-ID",
      in: "header",
      required: false,
      description: "The `id` of the last publication received, to resume after it.",
      schema: { type: "string", maxLength: 2_048 },
      example: "kR2x9QbT1mZa1:41",
    },
  ],
  responses: {
    "200": {
      description: "The stream: it stays open until the client leaves or the server closes it.",
      content: {
        "text/event-stream": {
          schema: { type: "string" },
          example:
            ': connected\n\nevent: subscribed\ndata: {"type":"subscribed","channel":"account","recovered":false,"offset":40,"epoch":"kR2x9QbT1mZa1"}\n\nid: kR2x9QbT1mZa1:41\nevent: publication\ndata: {"type":"publication","channel":"account","offset":41,"epoch":"kR2x9QbT1mZa1","data":{"id":"evt_1","type":"batch.completed","time":"2026-12-02T10:00:00.000Z","data":{"accountId":"acc_1","batchId":"bat_1","status":"completed","totalItems":300,"succeededItems":300,"failedItems":0,"reason":"","percent":100}}}\n\n',
        },
      },
    },
    "503": REALTIME_UNREACHABLE,
  },
  problems: [
    "VALIDATION_FAILED",
    "API_KEY_REQUIRED",
    "INVALID_API_KEY",
    "REALTIME_TOKEN_INVALID",
    "INSUFFICIENT_SCOPE",
    "REALTIME_CONNECTION_LIMIT_REACHED",
  ],
};
