import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "@orrery/telemetry";

/** Paths the gateway passes to realtime as they are: the WebSocket endpoint and the event stream. */
export const REALTIME_WEBSOCKET_PATH = "/v1/realtime";
export const REALTIME_STREAM_PATH = "/v1/events/stream";

export interface RealtimeProxyOptions {
  /** realtime's HTTP endpoint, e.g. http://realtime:8090 (a Service spreading over its pods). */
  readonly target: string;
  readonly logger: Logger;
}

/**
 * Relays realtime's two long-lived endpoints on the gateway's public port. Realtime itself
 * authenticates (key or token), so the gateway adds only X-Forwarded-For; the upgrade is piped
 * byte for byte once realtime answered 101, and the event stream is streamed unbuffered.
 */
export function realtimeProxy(options: RealtimeProxyOptions) {
  const target = new URL(options.target);
  const forwardedHeaders = (request: IncomingMessage) => ({
    ...request.headers,
    host: target.host,
    "x-forwarded-for": [request.headers["x-forwarded-for"], request.socket.remoteAddress]
      .filter((value) => value !== undefined)
      .join(", "),
  });
  const upstream = (request: IncomingMessage) =>
    httpRequest({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: forwardedHeaders(request),
    });

  const relayed = new Set<Duplex>();
  return {
    /** At shutdown: ends relayed WebSockets, whose clients reconnect (to another replica). */
    drain(): void {
      for (const socket of relayed) socket.destroy();
    },

    /** The server's `upgrade` listener: true when the request was realtime's. */
    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (pathOf(request) !== REALTIME_WEBSOCKET_PATH) return false;
      socket.on("error", () => socket.destroy());
      relayed.add(socket);
      socket.on("close", () => relayed.delete(socket));
      const proxied = upstream(request);
      proxied.on("upgrade", (response, upstreamSocket, upstreamHead) => {
        upstreamSocket.on("error", () => socket.destroy());
        socket.on("close", () => upstreamSocket.destroy());
        upstreamSocket.on("close", () => socket.destroy());
        socket.write(`${statusLine(response)}${rawHeaders(response)}\r\n`);
        if (upstreamHead.length > 0) socket.write(upstreamHead);
        if (head.length > 0) upstreamSocket.write(head);
        upstreamSocket.pipe(socket);
        socket.pipe(upstreamSocket);
      });
      proxied.on("response", (response) => {
        // Refused before the upgrade (404, 503): passed on, then the connection ends.
        socket.write(`${statusLine(response)}${rawHeaders(response)}\r\n`);
        response.pipe(socket);
      });
      proxied.on("error", (error) => {
        options.logger.warn({ err: error }, "realtime upgrade not proxied");
        socket.end(
          "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n",
        );
      });
      proxied.end();
      return true;
    },

    /** GET /v1/events/stream: true when the request was realtime's. */
    stream(request: IncomingMessage, response: ServerResponse): boolean {
      if (pathOf(request) !== REALTIME_STREAM_PATH) return false;
      const proxied = upstream(request);
      proxied.on("response", (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        response.flushHeaders();
        upstreamResponse.pipe(response);
      });
      proxied.on("error", (error) => {
        options.logger.warn({ err: error }, "event stream not proxied");
        if (!response.headersSent) response.writeHead(503, { "retry-after": "2" });
        response.end();
      });
      response.on("close", () => proxied.destroy());
      request.pipe(proxied);
      return true;
    },
  };
}

function pathOf(request: IncomingMessage): string {
  return (request.url ?? "/").split("?")[0] ?? "/";
}

function statusLine(response: IncomingMessage): string {
  return `HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ""}\r\n`;
}

function rawHeaders(response: IncomingMessage): string {
  let text = "";
  for (let index = 0; index < response.rawHeaders.length; index += 2) {
    text += `${response.rawHeaders[index]}: ${response.rawHeaders[index + 1]}\r\n`;
  }
  return text;
}
