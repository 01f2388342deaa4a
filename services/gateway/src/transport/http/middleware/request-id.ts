import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

// A client-sent id is echoed only when it is short and plain, so it is safe in logs and headers.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Every response carries X-Request-Id: the client's own when valid, otherwise a new one. */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  const sent = request.header("x-request-id");
  const id =
    sent !== undefined && CLIENT_REQUEST_ID.test(sent)
      ? sent
      : `req_${randomUUID().replaceAll("-", "")}`;
  response.locals.requestId = id;
  response.setHeader("x-request-id", id);
  next();
}

export function requestIdOf(response: Response): string {
  return String(response.locals.requestId ?? "");
}
