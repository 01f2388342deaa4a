import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Lifecycle } from "./lifecycle.js";

export interface OpsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly lifecycle: Lifecycle;
  readonly metricsHandler: (request: IncomingMessage, response: ServerResponse) => void;
}

/**
 * The HTTP side of a gRPC service: /healthz (the process is alive), /readyz (its dependencies
 * answer and it is not shutting down) and /metrics (Prometheus). Kubernetes probes gRPC health
 * natively; these serve humans, scripts and scrapers.
 */
/**
 * Answers /healthz, /readyz and /metrics (GET or HEAD) and returns true, or returns false for any
 * other path: for a service whose public HTTP server also carries its ops endpoints.
 */
export function opsRequestHandler(
  options: Pick<OpsServerOptions, "lifecycle" | "metricsHandler">,
): (request: IncomingMessage, response: ServerResponse) => boolean {
  return (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path !== "/healthz" && path !== "/readyz" && path !== "/metrics") return false;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return true;
    }
    if (path === "/healthz") {
      json(response, 200, { status: "ok" });
    } else if (path === "/readyz") {
      const report = options.lifecycle.report();
      json(response, report.ready ? 200 : 503, report);
    } else {
      options.metricsHandler(request, response);
    }
    return true;
  };
}

export async function startOpsServer(
  options: OpsServerOptions,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const ops = opsRequestHandler(options);
  const server = createServer((request, response) => {
    if (ops(request, response)) return;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    json(response, 404, { error: "not found" });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
  });
  response.end(payload);
}
