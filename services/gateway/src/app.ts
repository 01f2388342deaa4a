import type { IncomingMessage, ServerResponse } from "node:http";
import type { Lifecycle } from "@orrery/lifecycle";
import type { Logger } from "@orrery/telemetry";
import express, { type Express } from "express";
import type { DownstreamProbe } from "./domain/platform-health.js";
import { errorHandler, notFound } from "./transport/http/middleware/errors.js";
import { requestId } from "./transport/http/middleware/request-id.js";
import { tracing } from "./transport/http/middleware/tracing.js";
import { v1Health } from "./transport/http/v1-health.js";

export interface AppDependencies {
  readonly logger: Logger;
  readonly lifecycle: Lifecycle;
  readonly version: string;
  readonly downstream: readonly DownstreamProbe[];
  readonly metricsHandler: (request: IncomingMessage, response: ServerResponse) => void;
}

/** The public HTTP surface. Transport only: handlers decode, call the domain, map the result. */
export function createApp(dependencies: AppDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use(requestId);
  app.use(tracing);

  app.get("/healthz", (_request, response) => {
    response.setHeader("cache-control", "no-store").json({ status: "ok" });
  });
  app.get("/readyz", (_request, response) => {
    const report = dependencies.lifecycle.report();
    response
      .status(report.ready ? 200 : 503)
      .setHeader("cache-control", "no-store")
      .json(report);
  });
  app.get("/metrics", (request, response) => dependencies.metricsHandler(request, response));

  app.get("/v1/health", v1Health(dependencies.downstream, dependencies.version));

  app.use(notFound);
  app.use(errorHandler(dependencies.logger));
  return app;
}
