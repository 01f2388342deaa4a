import { batchItemMediaType } from "@orrery/astro-service";
import { DomainError, isErrorCode } from "@orrery/errors";
import type { BatchItemOutcome } from "@orrery/proto/batch/v1/batch";
import type { Request } from "express";
import { problemFromError } from "./problem.js";
import { requestContextOf } from "./request-context.js";
import type { RouteResult, StreamWriter } from "./route.js";

export const JSONL_CONTENT_TYPE = "application/jsonl; charset=utf-8";

/** Items one page from BatchService holds. */
const PAGE_SIZE = 1_000;

/** About what one write to the socket carries. */
const CHUNK_CHARACTERS = 64 * 1024;

interface OutcomePage {
  readonly items: readonly BatchItemOutcome[];
  readonly nextAfterIndex?: number | undefined;
}

/** A results line: the result as the synchronous route answers it (JSON inline, SVG as a string). */
export function resultLine(item: BatchItemOutcome): string {
  const result =
    batchItemMediaType(item.type) === "application/json"
      ? item.result
      : JSON.stringify(item.result);
  return `{"index":${item.index},"customId":${JSON.stringify(item.customId)},"type":${JSON.stringify(item.type)},"result":${result}}\n`;
}

/** An errors line: the problem the synchronous route would have answered (or why it expired). */
export function errorLine(item: BatchItemOutcome, requestId: string): string {
  const stored = JSON.parse(item.errorJson) as {
    code?: string;
    detail?: string;
    errors?: { field: string; code: string; message: string }[];
  };
  const code =
    stored.code !== undefined && isErrorCode(stored.code) ? stored.code : "INTERNAL_ERROR";
  const problem = problemFromError(
    new DomainError(code, stored.detail ?? "", { violations: stored.errors ?? [] }),
    requestId,
  );
  return `${JSON.stringify({ index: item.index, customId: item.customId, type: item.type, error: problem })}\n`;
}

/** One page request of a batch's results or errors. */
export interface OutcomePageRequest {
  readonly pageSize: number;
  /** Resume after this item index; absent from the first item. */
  readonly afterIndex?: number;
}

/**
 * A JSONL export read from BatchService page by page and written as it comes (gzip when the
 * client takes it): nothing holds the batch in memory. `after` resumes after an item index,
 * `limit` stops after that many items. The first page is read before any byte is sent, so an
 * unknown batch is still answered 404.
 */
export async function outcomesStream(
  request: Request,
  query: { readonly after?: number | undefined; readonly limit?: number | undefined },
  line: (item: BatchItemOutcome, requestId: string) => string,
  list: (page: OutcomePageRequest) => Promise<OutcomePage>,
): Promise<RouteResult> {
  const requestId = requestContextOf(request).requestId;
  const pageSize = Math.min(PAGE_SIZE, query.limit ?? PAGE_SIZE);
  const next = (afterIndex: number | undefined) =>
    list({ pageSize, ...(afterIndex === undefined || afterIndex < 0 ? {} : { afterIndex }) });
  const first = await next(query.after);
  return {
    contentType: JSONL_CONTENT_TYPE,
    stream: async (write: StreamWriter) => {
      let page = first;
      let left = query.limit ?? Number.POSITIVE_INFINITY;
      for (;;) {
        let chunk = "";
        for (const item of page.items.slice(0, Math.min(page.items.length, left))) {
          chunk += line(item, requestId);
          // Small chunks: a page's text as one string would be a large object, kept until a
          // full collection, where strings this size die young.
          if (chunk.length >= CHUNK_CHARACTERS) {
            await write(chunk);
            chunk = "";
          }
        }
        left -= page.items.length;
        if (chunk !== "") await write(chunk);
        if (page.nextAfterIndex === undefined || left <= 0) return;
        page = await next(page.nextAfterIndex);
      }
    },
  };
}
