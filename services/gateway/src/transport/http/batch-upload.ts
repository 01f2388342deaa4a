import { DomainError } from "@orrery/errors";
import { JSONParser } from "@streamparser/json";
import type { Request } from "express";
import typeIs from "type-is";

/** One item as read from the upload: its value, or why its JSONL line did not parse. */
export type UploadedItem =
  | { readonly index: number; readonly value: unknown }
  | { readonly index: number; readonly malformed: string };

/** What a JSON upload said about the batch besides its items. */
export interface UploadSettings {
  metadata?: unknown;
  completionWindow?: unknown;
}

export interface UploadLimits {
  readonly maxBytes: number;
  readonly maxItemBytes: number;
}

function uploadTooLarge(limits: UploadLimits, what: string): DomainError {
  return new DomainError("BATCH_UPLOAD_TOO_LARGE", what, {
    metadata: { limitBytes: String(limits.maxBytes), itemLimitBytes: String(limits.maxItemBytes) },
  });
}

/** The body's media type: JSON or JSONL, else 415. No Content-Encoding. */
export function uploadKind(request: Request): "json" | "jsonl" {
  const encoding = request.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    throw new DomainError(
      "UNSUPPORTED_ENCODING",
      `The request body's content encoding ${encoding} is not supported.`,
    );
  }
  if (typeIs(request, ["application/jsonl", "application/x-ndjson"]) !== false) return "jsonl";
  if (typeIs(request, ["application/json"]) !== false) return "json";
  throw new DomainError(
    "UNSUPPORTED_MEDIA_TYPE",
    `A batch is application/json or application/jsonl (application/x-ndjson), not ${request.headers["content-type"] ?? "untyped"}.`,
  );
}

/**
 * The items of an upload as they arrive, never the whole body: JSONL one line at a time (blank
 * lines skipped, each line's index its line number - 1), a JSON body's `items` one element at a
 * time. The body may not pass `maxBytes`, nor a JSONL line `maxItemBytes` (413). Reading pauses
 * while the consumer works on an item (back-pressure to the client).
 */
export async function* readUpload(
  request: Request,
  kind: "json" | "jsonl",
  limits: UploadLimits,
  settings: UploadSettings,
): AsyncGenerator<UploadedItem> {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > limits.maxBytes)
    throw uploadTooLarge(limits, "The batch upload is larger than the limit.");
  let read = 0;
  const count = (chunk: Buffer) => {
    read += chunk.length;
    if (read > limits.maxBytes)
      throw uploadTooLarge(limits, "The batch upload is larger than the limit.");
  };
  if (kind === "jsonl") {
    yield* readJsonLines(request, limits, count);
  } else {
    yield* readJsonItems(request, count, settings);
  }
}

async function* readJsonLines(
  request: Request,
  limits: UploadLimits,
  count: (chunk: Buffer) => void,
): AsyncGenerator<UploadedItem> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let pending = "";
  let line = 0;
  const parse = (text: string): UploadedItem | undefined => {
    const index = line++;
    if (text.trim() === "") return undefined;
    if (Buffer.byteLength(text) > limits.maxItemBytes) {
      throw uploadTooLarge(limits, `Line ${index + 1} is larger than the per-item limit.`);
    }
    try {
      return { index, value: JSON.parse(text) as unknown };
    } catch {
      return { index, malformed: `Line ${index + 1} is not valid JSON.` };
    }
  };
  for await (const chunk of request as AsyncIterable<Buffer>) {
    count(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new DomainError("INVALID_UTF8", "The request body is not valid UTF-8.");
    }
    pending += text;
    let newline = pending.indexOf("\n");
    while (newline !== -1) {
      const item = parse(pending.slice(0, newline).replace(/\r$/, ""));
      pending = pending.slice(newline + 1);
      if (item !== undefined) yield item;
      newline = pending.indexOf("\n");
    }
    if (Buffer.byteLength(pending) > limits.maxItemBytes) {
      throw uploadTooLarge(limits, `Line ${line + 1} is larger than the per-item limit.`);
    }
  }
  const last = parse(pending);
  if (last !== undefined) yield last;
}

async function* readJsonItems(
  request: Request,
  count: (chunk: Buffer) => void,
  settings: UploadSettings,
): AsyncGenerator<UploadedItem> {
  const parser = new JSONParser({
    paths: ["$.items.*", "$.metadata", "$.completionWindow"],
    keepStack: false,
  });
  const ready: UploadedItem[] = [];
  let sawItems = false;
  parser.onValue = ({ value, key, stack }) => {
    if (stack.length === 2 && typeof key === "number") {
      sawItems = true;
      ready.push({ index: key, value });
    } else if (key === "metadata") settings.metadata = value;
    else if (key === "completionWindow") settings.completionWindow = value;
  };
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      count(chunk);
      parser.write(chunk);
      yield* ready.splice(0);
    }
    if (!parser.isEnded) parser.end();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("MALFORMED_JSON", "The request body is not valid JSON.");
  }
  yield* ready.splice(0);
  if (!sawItems) {
    throw new DomainError(
      "BATCH_EMPTY",
      "The upload holds no items (items must be a non-empty array).",
    );
  }
}
