import { DomainError, isDomainError } from "@orrery/errors";
import type { Logger } from "@orrery/telemetry";
import type { NextFunction, Request, Response } from "express";
import { internalError, problemFromError, sendProblem } from "../problem.js";
import { requestIdOf } from "./request-id.js";

/** Errors thrown by body parsing (body-parser sets `type`). */
function parserError(error: unknown): DomainError | undefined {
  const type = (error as { type?: unknown }).type;
  switch (type) {
    case "entity.too.large":
      return new DomainError(
        "payload_too_large",
        "PAYLOAD_TOO_LARGE",
        "The request body is larger than the limit.",
        {
          metadata: { limitBytes: String((error as { limit?: number }).limit ?? "") },
        },
      );
    case "entity.parse.failed":
      return new DomainError(
        "invalid_argument",
        "MALFORMED_JSON",
        "The request body is not valid JSON.",
      );
    case "encoding.unsupported":
    case "charset.unsupported":
      return new DomainError(
        "invalid_argument",
        "UNSUPPORTED_ENCODING",
        "The request body's encoding is not supported.",
      );
    default:
      return undefined;
  }
}

/** The one mapper from errors to RFC 9457 responses; nothing else writes error bodies. */
export function errorHandler(logger: Logger) {
  return (error: unknown, _request: Request, response: Response, next: NextFunction): void => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const domainError = isDomainError(error) ? error : parserError(error);
    if (domainError === undefined || domainError.kind === "internal") {
      logger.error({ err: error, requestId: requestIdOf(response) }, "request failed");
    }
    sendProblem(response, problemFromError(domainError ?? internalError(), requestIdOf(response)));
  };
}

export function notFound(request: Request, _response: Response, next: NextFunction): void {
  next(
    new DomainError("not_found", "ROUTE_NOT_FOUND", `No route ${request.method} ${request.path}.`),
  );
}
