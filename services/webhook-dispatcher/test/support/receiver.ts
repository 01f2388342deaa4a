import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly receivedAt: number;
}

/** What the receiver answers: a status (and headers, body), after an optional delay. */
export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly delayMs?: number;
}

/**
 * A partner's HTTP server on 127.0.0.1 (port 0): records every request as it arrived and answers
 * with what `respond` says for it (200 by default).
 */
export class Receiver {
  readonly requests: ReceivedRequest[] = [];
  respond: (request: ReceivedRequest, index: number) => Reply = () => ({ status: 200 });
  private server: Server | undefined;
  private readonly pendingTimers = new Set<NodeJS.Timeout>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  get port(): number {
    const address = this.server?.address() as AddressInfo | undefined;
    if (address === undefined) throw new Error("receiver not started");
    return address.port;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const received = {
          headers: request.headers,
          body: Buffer.concat(chunks),
          receivedAt: Date.now(),
        };
        const index = this.requests.push(received) - 1;
        this.answer(response, this.respond(received, index));
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  /** Requests whose webhook-id is this one. */
  withId(id: string): ReceivedRequest[] {
    return this.requests.filter((request) => request.headers["webhook-id"] === id);
  }

  json(index: number): { type: string; timestamp: string; data: Record<string, unknown> } {
    const request = this.requests[index];
    if (request === undefined) throw new Error(`no request ${index}`);
    return JSON.parse(request.body.toString("utf8"));
  }

  async stop(): Promise<void> {
    for (const timer of this.pendingTimers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private answer(response: ServerResponse, reply: Reply): void {
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body ?? "");
    };
    if (reply.delayMs === undefined) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.pendingTimers.delete(timer);
      send();
    }, reply.delayMs);
    this.pendingTimers.add(timer);
  }
}
