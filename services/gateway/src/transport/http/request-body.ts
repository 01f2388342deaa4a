import { DomainError, isDomainError } from "@orrery/errors";
import contentType from "content-type";
import type { Request, Response } from "express";
import getRawBody from "raw-body";
import typeIs from "type-is";
import { duplicateMemberPath } from "./strict-json.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function payloadTooLarge(limitBytes: number): DomainError {
  return new DomainError("PAYLOAD_TOO_LARGE", "The request body is larger than the limit.", {
    metadata: { limitBytes: String(limitBytes) },
  });
}

function unsupportedEncoding(what: string): DomainError {
  return new DomainError("UNSUPPORTED_ENCODING", `The request body's ${what} is not supported.`);
}

/**
 * A body was sent: some bytes announced, or a chunked stream. (type-is counts an announced
 * Content-Length: 0 as a body; a POST without one is "no body" here, which validation reports.)
 */
export function hasBody(request: Request): boolean {
  const length = request.headers["content-length"];
  if (length !== undefined) return Number(length) > 0;
  return request.headers["transfer-encoding"] !== undefined;
}

/** The request's charset parameter, lower-cased; undefined when absent or unparseable. */
function charsetOf(request: Request): string | undefined {
  try {
    return contentType
      .parse(request.headers["content-type"] ?? "")
      .parameters.charset?.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Reads a JSON request body as text: application/json or application/*+json (else 415), UTF-8
 * only, no Content-Encoding, at most `limitBytes` (413 as soon as the declared length or the
 * bytes read pass it; the rest is never read and the connection closes after the answer).
 */
export async function readJsonBodyText(
  request: Request,
  response: Response,
  limitBytes: number,
): Promise<string> {
  if (typeIs(request, ["application/json", "+json"]) === false) {
    throw new DomainError(
      "UNSUPPORTED_MEDIA_TYPE",
      `The request body must be application/json, not ${request.headers["content-type"] ?? "untyped"}.`,
    );
  }
  const encoding = request.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    throw unsupportedEncoding(`content encoding ${encoding}`);
  }
  const charset = charsetOf(request);
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    throw unsupportedEncoding(`charset ${charset}`);
  }
  try {
    const bytes = await getRawBody(request, {
      length: request.headers["content-length"] ?? null,
      limit: limitBytes,
    });
    return decodeUtf8(bytes);
  } catch (error) {
    if (isDomainError(error)) throw error;
    if ((error as getRawBody.RawBodyError).type === "entity.too.large") {
      response.setHeader("connection", "close");
      throw payloadTooLarge(limitBytes);
    }
    throw error;
  }
}

/** 400 INVALID_UTF8 for bytes that are not UTF-8, instead of reading them with U+FFFD. */
function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DomainError("INVALID_UTF8", "The request body is not valid UTF-8.");
  }
}

/**
 * The body as JSON, strictly: 400 MALFORMED_JSON when the text does not parse, 400
 * DUPLICATE_JSON_KEY when an object names a member twice.
 */
export function parseJsonBody(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError("MALFORMED_JSON", "The request body is not valid JSON.");
  }
  const duplicate = duplicateMemberPath(text);
  if (duplicate !== undefined) {
    const field = duplicate.join(".");
    throw new DomainError(
      "DUPLICATE_JSON_KEY",
      `The request body names the member ${JSON.stringify(String(duplicate.at(-1)))} twice in one object.`,
      { violations: [{ field, code: "DUPLICATE_KEY", message: "Named twice in one object." }] },
    );
  }
  return value;
}
