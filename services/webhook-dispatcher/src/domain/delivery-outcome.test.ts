import { describe, expect, it } from "vitest";
import { type AttemptResult, describeFailure, judge } from "./delivery-outcome.js";

const response = (status: number, retryAfter?: string): AttemptResult => ({
  kind: "response",
  status,
  retryAfter,
  body: Buffer.alloc(0),
  latencyMs: 5,
});

describe("judge", () => {
  it("counts only 2xx as success", () => {
    for (const status of [200, 201, 202, 204, 299])
      expect(judge(response(status)).kind).toBe("succeeded");
    for (const status of [100, 301, 302, 307, 400, 401, 404, 500, 502])
      expect(judge(response(status)).kind).toBe("retry");
  });

  it("disables on 410 Gone", () => {
    expect(judge(response(410))).toEqual({ kind: "gone" });
  });

  it("honours Retry-After on 429 and 503 only", () => {
    expect(judge(response(429, "30"))).toEqual({ kind: "retry", retryAfterHeader: "30" });
    expect(judge(response(503, "30"))).toEqual({ kind: "retry", retryAfterHeader: "30" });
    expect(judge(response(500, "30"))).toEqual({ kind: "retry", retryAfterHeader: undefined });
  });

  it("retries when no response came", () => {
    expect(
      judge({ kind: "error", error: "connection refused", reason: "connection", latencyMs: 1 })
        .kind,
    ).toBe("retry");
    expect(describeFailure(response(302))).toBe("HTTP 302 (redirects are not followed)");
  });
});
