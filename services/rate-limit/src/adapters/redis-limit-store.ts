import type { Redis } from "ioredis";
import type { LimitCheck, LimitOutcome, LimitStore, StoreDecision } from "../domain/limits.js";
import { limitLocation } from "./redis-keys.js";
import { DECIDE_LUA } from "./redis-scripts.js";

type DecideCommand = (
  numberOfKeys: number,
  ...keysAndArgs: (string | number)[]
) => Promise<number[]>;

const FIELDS_PER_LIMIT = 5;

/**
 * Decisions as one Lua script per request. ioredis sends EVALSHA and loads the script with EVAL
 * the first time Redis answers NOSCRIPT (a restart or failover flushes the script cache), so a
 * decision is one round trip.
 */
export class RedisLimitStore implements LimitStore {
  private readonly decideCommand: DecideCommand;

  constructor(redis: Redis) {
    redis.defineCommand("orreryRateLimitDecide", { lua: DECIDE_LUA });
    const command = (redis as unknown as { orreryRateLimitDecide: DecideCommand })
      .orreryRateLimitDecide;
    this.decideCommand = command.bind(redis);
  }

  async decide(request: {
    accountId: string;
    billingCycleAnchorDay: number;
    checks: readonly LimitCheck[];
    mode: "charge" | "peek";
  }): Promise<StoreDecision> {
    const keys: string[] = [];
    const args: (string | number)[] = [request.mode, request.billingCycleAnchorDay];
    for (const check of request.checks) {
      const { key, field } = limitLocation(request.accountId, check.name, check.keyId);
      let index = keys.indexOf(key);
      if (index < 0) index = keys.push(key) - 1;
      args.push(index + 1, check.kind, field, check.limit, check.windowSeconds, check.cost);
    }
    const reply = await this.decideCommand(keys.length, ...keys, ...args);
    const cycle = { startSeconds: Number(reply[1]), endSeconds: Number(reply[2]) };
    const outcomes: LimitOutcome[] = request.checks.map((check, index) => {
      const offset = 3 + index * FIELDS_PER_LIMIT;
      const field = (position: number) => Number(reply[offset + position] ?? 0);
      return {
        name: check.name,
        kind: check.kind,
        limit: check.limit,
        windowSeconds:
          check.kind === "rate" ? check.windowSeconds : cycle.endSeconds - cycle.startSeconds,
        exceeded: field(0) === 1,
        remaining: field(1),
        resetMs: field(2),
        retryAfterMs: field(3),
        used: field(4),
      };
    });
    return { allowed: Number(reply[0]) === 1, outcomes, cycle };
  }
}
