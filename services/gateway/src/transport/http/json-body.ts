import { DomainError } from "@orrery/errors";
import type { Request, Response } from "express";

/** application/json or application/<anything>+json, with any parameters. */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  const semicolon = header.indexOf(";");
  const type = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

function payloadTooLarge(limitBytes: number): DomainError {
  return new DomainError("PAYLOAD_TOO_LARGE", "The request body is larger than the limit.", {
    metadata: { limitBytes: String(limitBytes) },
  });
}

function unsupportedEncoding(what: string): DomainError {
  return new DomainError("UNSUPPORTED_ENCODING", `The request body's ${what} is not supported.`);
}

/**
 * Reads a JSON request body as text: UTF-8 only, no Content-Encoding, at most `limitBytes`
 * (413 as soon as the declared length or the bytes read pass it). Leaner than body-parser,
 * which sits on every request's path; `parseJsonBody` turns the text into a value.
 */
export function readJsonBodyText(
  request: Request,
  response: Response,
  limitBytes: number,
): Promise<string> {
  const encoding = request.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    return Promise.reject(unsupportedEncoding(`content encoding ${encoding}`));
  }
  const charset = /;\s*charset=("?)([^";]+)\1/i
    .exec(request.headers["content-type"] ?? "")?.[2]
    ?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8") {
    return Promise.reject(unsupportedEncoding(`charset ${charset}`));
  }
  const tooLarge = () => {
    // The rest of the body is never read: close the connection after the 413.
    response.setHeader("connection", "close");
    return payloadTooLarge(limitBytes);
  };
  if (Number(request.headers["content-length"] ?? 0) > limitBytes)
    return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        request.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(
        chunks.length === 1
          ? (chunks[0] as Buffer).toString("utf8")
          : Buffer.concat(chunks).toString("utf8"),
      );
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}

/** 400 MALFORMED_JSON when the text does not parse. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("MALFORMED_JSON", "The request body is not valid JSON.");
  }
}
