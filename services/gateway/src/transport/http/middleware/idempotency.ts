import { createHash } from "node:crypto";
import { canonicalJson } from "@orrery/astro-service";
import { DomainError, isDomainError } from "@orrery/errors";
import type { Request } from "express";
import type { Identity } from "../../../domain/authentication.js";
import {
  type IdempotencyPolicy,
  type IdempotencyStore,
  runIdempotently,
  type StoredResponse,
} from "../../../domain/idempotency.js";
import { problemFromError, statusForError } from "../problem.js";
import { requestContextOf } from "../request-context.js";
import type { MatchedRoute, RouteResult } from "../route.js";

/** Printable ASCII, as the IETF Idempotency-Key draft suggests (a UUID fits). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyGuard {
  /**
   * Runs a non-GET handler under the request's Idempotency-Key, if it sent one; returns the
   * result to write (fresh or replayed).
   */
  run(
    route: MatchedRoute,
    request: Request,
    caller: Identity | undefined,
    body: unknown,
    handler: () => Promise<RouteResult>,
  ): Promise<RouteResult>;
}

function toStored(result: RouteResult): StoredResponse {
  if ("stream" in result) throw new Error("a streamed result is never stored for replay");
  const isJson = "json" in result;
  const payload = isJson ? JSON.stringify(result.json) : result.payload;
  return {
    status: result.status ?? 200,
    contentType: isJson ? "application/json; charset=utf-8" : result.contentType,
    headers: { ...result.headers },
    body: Buffer.from(payload).toString("base64"),
  };
}

function fromStored(stored: StoredResponse, replayed: boolean): RouteResult {
  return {
    status: stored.status,
    contentType: stored.contentType,
    headers: replayed ? { ...stored.headers, "idempotent-replayed": "true" } : stored.headers,
    payload: Buffer.from(stored.body, "base64"),
    replayed,
  };
}

/**
 * Idempotency-Key for POSTs, stored in Redis (issue order: authenticate → rate limit →
 * idempotency → handler). Keys are per account (per client when unauthenticated) and bound to
 * the method, route and body. A handler failure with a 4xx problem is stored like a success
 * (the same request would fail the same way); a 5xx is not, so a retry runs again.
 */
export function idempotencyGuard(
  store: IdempotencyStore,
  policy: IdempotencyPolicy,
): IdempotencyGuard {
  return {
    run(route, request, caller, body, handler) {
      const key = request.headers["idempotency-key"];
      if (key === undefined || Array.isArray(key)) return handler();
      return runKeyed(key, route, request, caller, body, handler);
    },
  };

  async function runKeyed(
    key: string,
    route: MatchedRoute,
    request: Request,
    caller: Identity | undefined,
    body: unknown,
    handler: () => Promise<RouteResult>,
  ): Promise<RouteResult> {
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError(
        "INVALID_IDEMPOTENCY_KEY",
        "Idempotency-Key must be 1 to 255 printable ASCII characters.",
        {
          violations: [
            {
              field: "header:Idempotency-Key",
              code: "INVALID_FORMAT",
              message: "1 to 255 printable ASCII characters.",
            },
          ],
        },
      );
    }
    const owner = caller?.accountId ?? "anonymous";
    const storeKey = `${owner}:${createHash("sha256").update(key).digest("base64url")}`;
    const fingerprint = createHash("sha256")
      .update(`${route.key}\n${canonicalJson(request.params)}\n${canonicalJson(body)}`)
      .digest("base64url");
    const outcome = await runIdempotently(store, policy, storeKey, fingerprint, async () => {
      try {
        return toStored(await handler());
      } catch (error) {
        if (isDomainError(error) && statusForError(error) < 500) {
          const problem = problemFromError(error, requestContextOf(request).requestId);
          return {
            status: problem.status,
            contentType: "application/problem+json",
            headers: { "cache-control": "no-store" },
            body: Buffer.from(JSON.stringify(problem)).toString("base64"),
          };
        }
        throw error;
      }
    });
    return fromStored(outcome.response, outcome.replayed);
  }
}
