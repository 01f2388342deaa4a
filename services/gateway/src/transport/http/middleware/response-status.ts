import type { ServerResponse } from "node:http";

/**
 * Calls `done` once, when the response is complete or its connection closed before that: a
 * ServerResponse emits "close" in both cases, after "finish" when it was sent. Observers read
 * the outcome there (responseStatus) instead of patching the response's methods.
 */
export function whenResponseDone(response: ServerResponse, done: () => void): void {
  response.once("close", done);
}

/** What nginx logs for a request whose client closed the connection before the answer. */
const CLIENT_CLOSED_REQUEST = 499;

/** The status a finished response was sent with; 499 when the client left before it was sent. */
export function responseStatus(response: ServerResponse): number {
  return response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST;
}

/**
 * Body bytes of a finished response. Every response of the public API is written whole, with
 * Content-Length (the route registry and the problem writer), so the header is the count:
 * nothing watches the stream. A 304 and a HEAD answer send no body.
 */
export function responseBodyBytes(method: string, response: ServerResponse): number {
  if (!response.writableFinished || method === "HEAD" || response.statusCode === 304) return 0;
  const length = Number(response.getHeader("content-length") ?? 0);
  return Number.isFinite(length) ? length : 0;
}
