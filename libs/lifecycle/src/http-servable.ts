import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A server the service starts, and drains on SIGTERM. */
export interface Servable {
  readonly name: string;
  start(): Promise<number>;
  stop(timeoutMs: number): Promise<void>;
  /** Servers with their own health protocol (gRPC health) follow the service's readiness. */
  setServing?(serving: boolean): void;
}

/**
 * A node:http server as something the runtime starts and drains: on stop it refuses new
 * connections, runs `beforeClose` (which ends long-lived exchanges the server cannot see end by
 * themselves: upgraded WebSockets, event streams), lets in-flight requests finish and closes idle
 * keep-alive connections.
 */
export function httpServable(
  name: string,
  server: Server,
  host: string,
  port: number,
  beforeClose?: (timeoutMs: number) => Promise<void>,
): Servable {
  return {
    name,
    start: () =>
      new Promise<number>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    stop: async (timeoutMs) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await beforeClose?.(timeoutMs);
      server.closeIdleConnections();
      await closed;
    },
  };
}
