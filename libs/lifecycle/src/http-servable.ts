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
 * connections, lets in-flight requests finish and closes idle keep-alive connections.
 */
export function httpServable(name: string, server: Server, host: string, port: number): Servable {
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
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
