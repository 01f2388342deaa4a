import { DomainError } from "@orrery/errors";
import { JSONParser } from "@streamparser/json";
import type { Request } from "express";
import typeIs from "type-is";

/**
 * One item as read from the upload: its value, why its JSONL line did not parse, or that it
 * is larger than the per-item limit (with its customId when it could be read).
 */
export type UploadedItem =
  | { readonly index: number; readonly value: unknown }
  | { readonly index: number; readonly malformed: string }
  | { readonly index: number; readonly oversized: string; readonly customId: string };

function oversized(index: number, limits: UploadLimits, value?: unknown): UploadedItem {
  const customId =
    typeof value === "object" && value !== null && "customId" in value ? value.customId : "";
  return {
    index,
    oversized: `Item ${index} is larger than the per-item limit of ${limits.maxItemBytes} bytes.`,
    customId: typeof customId === "string" ? customId.slice(0, 64) : "",
  };
}

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
 * time. The body may not pass `maxBytes` (413). An item larger than `maxItemBytes` (a JSONL
 * line's bytes, a JSON item's compact JSON) is handed on as oversized, to fail alone; the rest
 * of such a line is skipped unread, never held. Reading pauses while the consumer works on an
 * item (back-pressure to the client).
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
    yield* readJsonItems(request, limits, count, settings);
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
  // Inside a line past the per-item limit: its bytes are dropped until its newline.
  let skipping = false;
  const parse = (text: string): UploadedItem | undefined => {
    const index = line++;
    if (text.trim() === "") return undefined;
    if (Buffer.byteLength(text) > limits.maxItemBytes) return oversized(index, limits);
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
    if (skipping) {
      const end = text.indexOf("\n");
      if (end === -1) continue;
      skipping = false;
      yield oversized(line++, limits);
      text = text.slice(end + 1);
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
      pending = "";
      skipping = true;
    }
  }
  if (skipping) {
    yield oversized(line, limits);
    return;
  }
  const last = parse(pending);
  if (last !== undefined) yield last;
}

async function* readJsonItems(
  request: Request,
  limits: UploadLimits,
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
      // The item's size as compact JSON (what is stored), so whitespace does not count.
      ready.push(
        Buffer.byteLength(JSON.stringify(value)) > limits.maxItemBytes
          ? oversized(key, limits, value)
          : { index: key, value },
      );
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
