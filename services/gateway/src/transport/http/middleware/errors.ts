import { DomainError, isDomainError } from "@orrery/errors";
import type { Logger } from "@orrery/telemetry";
import type { NextFunction, Request, Response } from "express";
import { internalError, problemFromError, publicCode, sendProblem } from "../problem.js";
import { requestContextOf } from "../request-context.js";

/** The one mapper from errors to RFC 9457 responses; nothing else writes error bodies. */
export function errorHandler(logger: Logger) {
  return (error: unknown, request: Request, response: Response, next: NextFunction): void => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const { requestId } = requestContextOf(request);
    const domainError = isDomainError(error) ? error : undefined;
    if (domainError === undefined || publicCode(domainError) === "INTERNAL_ERROR") {
      logger.error({ err: error, requestId }, "request failed");
    }
    sendProblem(response, problemFromError(domainError ?? internalError(), requestId));
  };
}

export function notFound(request: Request, _response: Response, next: NextFunction): void {
  next(new DomainError("ROUTE_NOT_FOUND", `No route ${request.method} ${request.path}.`));
}
