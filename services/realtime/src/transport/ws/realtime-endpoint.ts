import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "@orrery/telemetry";
import { type WebSocket, WebSocketServer } from "ws";
import type { Gatekeeper } from "../../domain/admission.js";
import { CLOSE_CODES, type Principal } from "../../domain/model.js";
import { Session, type SessionDependencies } from "../../domain/session.js";
import { credentialOf } from "../http/credentials.js";
import { sendPublication } from "./prepared-frame.js";

export const REALTIME_PATH = "/v1/realtime";

export interface RealtimeEndpointOptions {
  readonly gatekeeper: Gatekeeper;
  readonly session: SessionDependencies;
  readonly logger: Logger;
  /** A client whose unsent frames exceed this is cut off (slow consumer). */
  readonly maxBufferedBytes: number;
  /** Larger inbound frames close the connection with 1009. */
  readonly maxFrameBytes: number;
}

interface Connection {
  readonly socket: WebSocket;
  readonly session: Session;
  readonly accountId: string;
  readonly connectionId: string;
}

/** GET /v1/realtime upgraded to a WebSocket: admission, then a Session per connection. */
export class RealtimeEndpoint {
  private readonly server: WebSocketServer;
  private readonly connections = new Set<Connection>();

  constructor(private readonly options: RealtimeEndpointOptions) {
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxFrameBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
  }

  get size(): number {
    return this.connections.size;
  }

  /** The connections open on this pod, for the cross-pod registry's refresh. */
  openConnections(): { accountId: string; connectionId: string }[] {
    return [...this.connections].map(({ accountId, connectionId }) => ({
      accountId,
      connectionId,
    }));
  }

  /** The server's `upgrade` listener. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const url = new URL(request.url ?? "/", "http://realtime");
    if (url.pathname !== REALTIME_PATH) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.options.gatekeeper.admit(credentialOf(request, url)).then(
      (admission) => {
        this.server.handleUpgrade(request, socket, head, (webSocket) => {
          if (admission.kind === "refused") {
            // Refused after the upgrade, so a browser learns why: it cannot read a 401.
            webSocket.close(admission.closeCode, `${admission.code}: ${admission.reason}`);
            return;
          }
          this.open(webSocket, admission.principal, admission.connectionId);
        });
      },
      (error: unknown) => {
        this.options.logger.warn({ err: error }, "realtime admission failed");
        socket.end(
          "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n",
        );
      },
    );
  }

  /** Closes every connection with 1012 (reconnect, with jitter) and waits for them to go. */
  async drain(timeoutMs: number): Promise<void> {
    const closing = [...this.connections].map(
      ({ socket, session }) =>
        new Promise<void>((resolve) => {
          socket.once("close", () => resolve());
          session.close(CLOSE_CODES.serverShutdown, "server shutting down; reconnect with jitter");
        }),
    );
    const deadline = new Promise<void>((resolve) =>
      setTimeout(resolve, Math.min(timeoutMs, 5_000)).unref(),
    );
    await Promise.race([Promise.all(closing), deadline]);
    for (const { socket } of this.connections) socket.terminate();
  }

  private open(socket: WebSocket, principal: Principal, connectionId: string): void {
    const { maxBufferedBytes, gatekeeper, logger } = this.options;
    let cut = false;
    /** False once the client is cut off for reading too slowly (then nothing more is sent). */
    const admit = (): boolean => {
      if (cut) return false;
      if (socket.bufferedAmount <= maxBufferedBytes) return true;
      cut = true;
      logger.info(
        { accountId: principal.accountId, bufferedBytes: socket.bufferedAmount },
        "slow consumer cut off",
      );
      session.close(CLOSE_CODES.slowConsumer, "slow consumer: too many unsent frames");
      // The close frame waits behind what is buffered; a client that reads nothing loses
      // the socket soon after, so its buffer cannot grow.
      setTimeout(() => socket.terminate(), 1_000).unref();
      return false;
    };
    const session: Session = new Session(
      principal,
      {
        send: (frame) => {
          if (admit()) socket.send(frame);
        },
        publish: (publication) => {
          if (admit()) sendPublication(socket, publication);
        },
        close: (code, reason) => socket.close(code, reason),
      },
      this.options.session,
    );
    const connection: Connection = {
      socket,
      session,
      accountId: principal.accountId,
      connectionId,
    };
    this.connections.add(connection);
    // Frames are handled one after another, in the order they came.
    let frames = Promise.resolve();
    socket.on("message", (data, isBinary) => {
      const text = isBinary ? "" : data.toString();
      frames = frames
        .then(() => session.receive(text))
        .catch((error: unknown) => logger.warn({ err: error }, "realtime frame not handled"));
    });
    socket.on("error", () => socket.terminate());
    socket.on("close", () => {
      session.end();
      this.connections.delete(connection);
      gatekeeper
        .release(principal.accountId, connectionId)
        .catch((error: unknown) => logger.warn({ err: error }, "realtime connection not released"));
    });
    session.start();
  }
}
