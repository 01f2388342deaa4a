import type { Writable } from "node:stream";
import { promisify } from "node:util";
import { brotliCompress, constants, createGzip, type Gzip, gzip } from "node:zlib";
import etag from "etag";
import type { Request, Response } from "express";
import Negotiator from "negotiator";
import type { ContentEncoding } from "./encoded-payloads.js";
import type { RouteResult, StreamWriter } from "./route.js";

const JSON_TYPE = "application/json; charset=utf-8";

/** Below this a body is not worth compressing. */
const MIN_COMPRESSED_BYTES = 1_024;

const ENCODINGS: ContentEncoding[] = ["br", "gzip"];

/** br when the client takes it, else gzip, else none (q=0 refuses one; no header, none). */
export function acceptedEncoding(request: Request): ContentEncoding | undefined {
  if (request.headers["accept-encoding"] === undefined) return undefined;
  const accepted = new Negotiator(request).encodings(ENCODINGS);
  return ENCODINGS.find((encoding) => accepted.includes(encoding));
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compresses off the event loop (zlib's thread pool): bodies that are not cached compressed. */
export function compress(payload: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === "br"
    ? brotli(payload, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: payload.length,
        },
      })
    : gzipAsync(payload, { level: 6 });
}

function varyWithEncoding(response: Response): void {
  const current = response.getHeader("vary");
  const existing = current === undefined ? "" : String(current);
  response.setHeader("vary", existing === "" ? "Accept-Encoding" : `${existing}, Accept-Encoding`);
}

/**
 * Writes a handler's result: its headers, the body in the best encoding the client accepts
 * (the result's own compressed forms when it has them), always with Content-Length, so the
 * bytes a response carries are known without watching the stream. With `cacheControl` (GET
 * routes) an ETag, and 304 for a matching If-None-Match (before anything is compressed).
 */
export async function writeResult(
  request: Request,
  response: Response,
  result: RouteResult,
  cacheControl?: string,
): Promise<void> {
  const status = result.status ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) response.setHeader(name, value);
  if ("stream" in result) {
    await writeStream(request, response, status, result.contentType, result.stream);
    return;
  }
  let body: string | Buffer;
  let compressed: ((encoding: ContentEncoding) => Buffer | Promise<Buffer>) | undefined;
  if ("json" in result) {
    body = JSON.stringify(result.json);
    response.setHeader("content-type", JSON_TYPE);
  } else {
    body = result.payload;
    compressed = result.compressed;
    response.setHeader("content-type", result.contentType);
  }
  const compressible = body.length >= MIN_COMPRESSED_BYTES;
  if (compressible) varyWithEncoding(response);
  if (cacheControl !== undefined && status === 200 && request.method === "GET") {
    // Of the content, not of its encoding (as when compression came after): a client that
    // revalidates with another Accept-Encoding still gets its 304.
    const tag = etag(body);
    response.setHeader("etag", tag);
    response.setHeader("cache-control", cacheControl);
    if (ifNoneMatchHits(request.headers["if-none-match"], tag)) {
      response.statusCode = 304;
      response.end();
      return;
    }
  } else if (!response.hasHeader("cache-control")) {
    response.setHeader("cache-control", "no-store");
  }
  if (compressible) {
    const encoding = acceptedEncoding(request);
    if (encoding !== undefined) {
      body =
        compressed === undefined
          ? await compress(typeof body === "string" ? Buffer.from(body) : body, encoding)
          : await compressed(encoding);
      response.setHeader("content-encoding", encoding);
    }
  }
  send(response, status, body);
}

/**
 * A streamed body, chunked, gzip when the client takes it (a JSONL export of 50,000 results is
 * never held whole). Each chunk waits for the socket to drain, so memory stays flat however
 * slow the reader. A failure after the first byte cuts the response short (the client sees a
 * truncated stream and resumes with its cursor).
 */
async function writeStream(
  request: Request,
  response: Response,
  status: number,
  contentType: string,
  produce: (write: StreamWriter) => Promise<void>,
): Promise<void> {
  response.statusCode = status;
  response.setHeader("content-type", contentType);
  if (!response.hasHeader("cache-control")) response.setHeader("cache-control", "no-store");
  varyWithEncoding(response);
  const gzipped =
    request.headers["accept-encoding"] !== undefined &&
    new Negotiator(request).encodings(["gzip"]).includes("gzip");
  const sink: Writable = gzipped ? createGzip({ level: 6 }) : response;
  if (gzipped) {
    response.setHeader("content-encoding", "gzip");
    (sink as Gzip).pipe(response);
  }
  const write: StreamWriter = (chunk) =>
    new Promise((resolve, reject) => {
      if (response.destroyed) {
        reject(new Error("client went away"));
        return;
      }
      if (sink.write(chunk)) resolve();
      else sink.once("drain", () => resolve());
    });
  try {
    await produce(write);
    await new Promise<void>((resolve) => sink.end(() => resolve()));
  } catch (error) {
    response.destroy(error as Error);
  }
}

/**
 * If-None-Match, compared weakly as RFC 9110 asks. Not the `fresh` package: it answers 200 to
 * any request with Cache-Control: no-cache, which fetch() adds to every conditional request,
 * though that directive is for caches, not for the origin.
 */
function ifNoneMatchHits(header: string | undefined, tag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  const opaque = tag.replace(/^W\//, "");
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === opaque);
}

/** Written directly: express's send() would re-derive type, length and freshness. */
export function send(response: Response, status: number, body: string | Buffer): void {
  response.statusCode = status;
  response.setHeader("content-length", Buffer.byteLength(body));
  response.end(body);
}
