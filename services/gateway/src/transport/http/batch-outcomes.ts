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

/**
 * A JSONL export read from BatchService page by page and written as it comes (gzip when the
 * client takes it): nothing holds the batch in memory. `after` resumes after an item index.
 */
export async function outcomesStream(
  request: Request,
  first: OutcomePage,
  next: (afterIndex: number) => Promise<OutcomePage>,
  line: (item: BatchItemOutcome, requestId: string) => string,
  limit: number | undefined,
): Promise<RouteResult> {
  const requestId = requestContextOf(request).requestId;
  return {
    contentType: JSONL_CONTENT_TYPE,
    stream: async (write: StreamWriter) => {
      let page = first;
      let left = limit ?? Number.POSITIVE_INFINITY;
      for (;;) {
        let chunk = "";
        for (const item of page.items.slice(0, Math.min(page.items.length, left))) {
          chunk += line(item, requestId);
        }
        left -= page.items.length;
        if (chunk !== "") await write(chunk);
        if (page.nextAfterIndex === undefined || left <= 0) return;
        page = await next(page.nextAfterIndex);
      }
    },
  };
}

export const OUTCOME_PAGE_SIZE = PAGE_SIZE;
