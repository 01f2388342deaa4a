import { type Item, parseList } from "structured-headers";
import { describe, expect, it } from "vitest";
import type { LimitState } from "./rate-limit.js";
import { rateLimitHeaders } from "./rate-limit-headers.js";

const limit = (name: string, values: Partial<LimitState>): LimitState => ({
  name,
  limit: 10,
  remaining: 10,
  windowSeconds: 1,
  resetSeconds: 0,
  exceeded: false,
  ...values,
});

const parsed = (header: string) =>
  parseList(header).map((member) => {
    const [name, parameters] = member as Item;
    return { name, ...Object.fromEntries(parameters) };
  });

describe("rateLimitHeaders", () => {
  const limits = [
    limit("burst", { limit: 25, remaining: 24, windowSeconds: 1, resetSeconds: 1 }),
    limit("minute", { limit: 600, remaining: 12, windowSeconds: 60, resetSeconds: 58 }),
    limit("month", {
      limit: 250_000,
      remaining: 200_000,
      windowSeconds: 2_592_000,
      resetSeconds: 86_400,
    }),
  ];

  it("writes every policy and names the one closest to exhaustion", () => {
    const headers = rateLimitHeaders(limits);
    expect(headers?.policy).toBe(
      '"burst";q=25;w=1, "minute";q=600;w=60, "month";q=250000;w=2592000;qu="requests"',
    );
    expect(headers?.limit).toBe('"minute";r=12;t=58');
    expect(parsed(headers?.policy ?? "")).toEqual([
      { name: "burst", q: 25, w: 1 },
      { name: "minute", q: 600, w: 60 },
      { name: "month", q: 250_000, w: 2_592_000, qu: "requests" },
    ]);
    expect(parsed(headers?.limit ?? "")).toEqual([{ name: "minute", r: 12, t: 58 }]);
  });

  it("names the exceeded policy on a refusal, even when another has less left", () => {
    const refused = [
      limit("burst", { remaining: 0, limit: 5, exceeded: true, resetSeconds: 1 }),
      limit("key-month", { remaining: 0, limit: 1, windowSeconds: 2_592_000 }),
    ];
    expect(rateLimitHeaders(refused)?.limit).toBe('"burst";r=0;t=1');
    expect(rateLimitHeaders(refused)?.policy).toContain('"key-month";q=1;w=2592000;qu="requests"');
  });

  it("writes nothing without limits (a decision made without Redis)", () => {
    expect(rateLimitHeaders([])).toBeUndefined();
  });
});
