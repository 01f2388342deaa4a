import type { Redis } from "ioredis";
import { BillingCycleHints } from "./billing-cycle.js";
import { DECIDE_LUA, REFUND_LUA } from "./decide-script.js";
import { limitLocation } from "./keys.js";
import type { LimitCheck, LimitOutcome, LimitStore, QuotaRefund, StoreDecision } from "./limits.js";

type DecideCommand = (
  numberOfKeys: number,
  ...keysAndArgs: (string | number)[]
) => Promise<number[]>;

const FIELDS_PER_LIMIT = 4;

/** A check, where its state lives, and where its outcome goes in the caller's order. */
interface Placed {
  readonly check: LimitCheck;
  readonly index: number;
  readonly key: string;
  readonly field: string;
}

/**
 * Decisions as one Lua script per request. ioredis sends EVALSHA and loads the script with EVAL
 * the first time Redis answers NOSCRIPT (a restart or failover flushes the script cache), so a
 * decision is one round trip.
 */
export class RedisLimitStore implements LimitStore {
  private readonly decideCommand: DecideCommand;
  private readonly refundCommand: DecideCommand;
  private readonly cycles: BillingCycleHints;

  constructor(redis: Redis, options: { cycles?: BillingCycleHints } = {}) {
    redis.defineCommand("orreryRateLimitDecide", { lua: DECIDE_LUA });
    redis.defineCommand("orreryRateLimitRefund", { lua: REFUND_LUA });
    const commands = redis as unknown as {
      orreryRateLimitDecide: DecideCommand;
      orreryRateLimitRefund: DecideCommand;
    };
    this.decideCommand = commands.orreryRateLimitDecide.bind(redis);
    this.refundCommand = commands.orreryRateLimitRefund.bind(redis);
    this.cycles = options.cycles ?? new BillingCycleHints();
  }

  /** Gives the quota units of a charge back; resolves to each counter's units used after it. */
  async refund(refund: QuotaRefund): Promise<number[]> {
    const keys = refund.quotas.map(
      (check) => limitLocation(refund.accountId, check.name, check.keyId, check.sandbox).key,
    );
    if (keys.length === 0) return [];
    const reply = await this.refundCommand(
      keys.length,
      ...keys,
      refund.cycleStartSeconds,
      ...refund.quotas.map((check) => check.cost),
    );
    return reply.map(Number);
  }

  async decide(request: {
    accountId: string;
    billingCycleAnchorDay: number;
    checks: readonly LimitCheck[];
    mode: "charge" | "peek";
  }): Promise<StoreDecision> {
    // The script takes the limits grouped by hash, in the order the hashes are first named.
    const keys: string[] = [];
    const groups: Placed[][] = [];
    request.checks.forEach((check, index) => {
      const { key, field } = limitLocation(
        request.accountId,
        check.name,
        check.keyId,
        check.sandbox,
      );
      let group = keys.indexOf(key);
      if (group < 0) {
        group = keys.push(key) - 1;
        groups.push([]);
      }
      groups[group]?.push({ check, index, key, field });
    });
    const placed = groups.flat();
    const hint = this.cycles.current(request.billingCycleAnchorDay);
    const args: (string | number)[] = [
      request.mode,
      request.billingCycleAnchorDay,
      hint.startSeconds,
      hint.endSeconds,
    ];
    for (const group of groups) args.push(group.length);
    for (const { field } of placed) args.push(field);
    for (const { check } of placed) {
      const window = check.windowSeconds * 1_000_000;
      const interval =
        check.kind === "quota"
          ? 0
          : check.limit > 0
            ? Math.max(Math.floor(window / check.limit), 1)
            : window;
      args.push(check.limit, interval, check.cost);
    }

    const reply = await this.decideCommand(keys.length, ...keys, ...args);
    const cycle = { startSeconds: Number(reply[1]), endSeconds: Number(reply[2]) };
    const outcomes: LimitOutcome[] = new Array(placed.length);
    placed.forEach(({ check, index }, position) => {
      const offset = 3 + position * FIELDS_PER_LIMIT;
      const field = (at: number) => Number(reply[offset + at] ?? 0);
      const retryUs = field(0);
      outcomes[index] = {
        name: check.name,
        kind: check.kind,
        limit: check.limit,
        windowSeconds:
          check.kind === "rate" ? check.windowSeconds : cycle.endSeconds - cycle.startSeconds,
        exceeded: retryUs > 0,
        remaining: field(1),
        resetMs: Math.ceil(field(2) / 1000),
        retryAfterMs: Math.ceil(retryUs / 1000),
        used: field(3),
      };
    });
    return { allowed: Number(reply[0]) === 1, outcomes, cycle };
  }
}
