import { randomUUID } from "node:crypto";
import { createServer, type RequestListener, type Server } from "node:http";
import type { Duplex } from "node:stream";
import { DomainError } from "@orrery/errors";
import type { NextFunction, Request, Response } from "express";
import { problemFromError } from "./problem.js";

export interface HeaderLimits {
  /** Largest header section (request line and every field), bytes: 431 headers-too-large above. */
  readonly maxHeaderBytes: number;
  /** Most header fields in one request: 431 too-many-headers above. */
  readonly maxHeaders: number;
}

/** A problem written straight to the socket: the request was never parsed far enough for express. */
function rawProblem(socket: Duplex, error: DomainError): void {
  const requestId = `req_${randomUUID().replaceAll("-", "")}`;
  const problem = problemFromError(error, requestId);
  const body = JSON.stringify(problem);
  socket.end(
    [
      `HTTP/1.1 ${problem.status} Request Header Fields Too Large`,
      "Content-Type: application/problem+json; charset=utf-8",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Cache-Control: no-store",
      `X-Request-Id: ${requestId}`,
      "Connection: close",
      "",
      body,
    ].join("\r\n"),
  );
}

/**
 * The gateway's HTTP server with its header limits. Node refuses an oversized header section
 * with a bare 431 and drops the fields past maxHeadersCount silently (so a body's Content-Type
 * or the API key could vanish): here the first is a problem document, and the count stops one
 * past the limit so the tooManyHeaders middleware sees, and refuses, a request that has more.
 */
export function createHttpServer(listener: RequestListener, limits: HeaderLimits): Server {
  const server = createServer({ maxHeaderSize: limits.maxHeaderBytes }, listener);
  server.maxHeadersCount = limits.maxHeaders + 1;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    if (error.code === "HPE_HEADER_OVERFLOW") {
      rawProblem(
        socket,
        new DomainError(
          "HEADERS_TOO_LARGE",
          `The request's headers are larger than ${limits.maxHeaderBytes} bytes.`,
          { metadata: { limitBytes: String(limits.maxHeaderBytes) } },
        ),
      );
      return;
    }
    // Not HTTP at all, or a request that timed out: what Node answers by default.
    socket.end(
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"
        : "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n",
    );
  });
  return server;
}

/** 431 too-many-headers for a request with more header fields than the limit. */
export function tooManyHeaders(maxHeaders: number) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (request.rawHeaders.length / 2 > maxHeaders) {
      next(
        new DomainError(
          "TOO_MANY_HEADERS",
          `The request has more than ${maxHeaders} header fields.`,
          { metadata: { limit: String(maxHeaders) } },
        ),
      );
      return;
    }
    next();
  };
}
