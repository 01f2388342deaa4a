/** What one HTTP attempt came to, as the sender saw it. */
export type AttemptResult =
  | {
      readonly kind: "response";
      readonly status: number;
      readonly retryAfter: string | undefined;
      readonly body: Buffer;
      readonly latencyMs: number;
    }
  | {
      /** No response: timeout, refused connection, TLS failure, an address the policy refuses. */
      readonly kind: "error";
      readonly error: string;
      readonly reason: NoResponseReason;
      readonly latencyMs: number;
    };

/** Why no response came, in classes an operator can act on (the error text has the detail). */
export type NoResponseReason =
  | "timeout"
  | "connection"
  | "tls"
  | "destination_not_allowed"
  | "other";

/** Why an attempt failed: a response that was not 2xx, or one of the reasons none came. */
export type FailureReason = "http_status" | NoResponseReason;

export type Verdict =
  | { readonly kind: "succeeded" }
  /** 410 Gone: the receiver says the endpoint no longer exists, so it is disabled at once. */
  | { readonly kind: "gone" }
  | { readonly kind: "retry"; readonly retryAfterHeader: string | undefined };

/**
 * 2xx succeeds; 3xx is a failure (redirects are never followed: a redirect could point anywhere,
 * and the signature covers the URL the partner registered); 429 and 503 name their own wait.
 */
export function judge(result: AttemptResult): Verdict {
  if (result.kind === "error") return { kind: "retry", retryAfterHeader: undefined };
  if (result.status >= 200 && result.status < 300) return { kind: "succeeded" };
  if (result.status === 410) return { kind: "gone" };
  const honoursRetryAfter = result.status === 429 || result.status === 503;
  return { kind: "retry", retryAfterHeader: honoursRetryAfter ? result.retryAfter : undefined };
}

export function describeFailure(result: AttemptResult): string {
  if (result.kind === "error") return result.error;
  if (result.status >= 300 && result.status < 400)
    return `HTTP ${result.status} (redirects are not followed)`;
  return `HTTP ${result.status}`;
}

/** The failure class of an attempt that did not succeed. */
export function failureReason(result: AttemptResult): FailureReason {
  return result.kind === "error" ? result.reason : "http_status";
}
