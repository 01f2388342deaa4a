import { DomainError } from "@orrery/errors";
import { closestToExhaustion, type LimitName, limitChecks } from "@orrery/limits";
import type { Policy } from "@orrery/policy";
import { type LimitState, LimitsUnavailable, type RateLimiter } from "./rate-limiter.js";

/**
 * How Envoy's descriptors map to Orrery's limits (domain "orrery"):
 *
 * - `account_id` (required): the account whose plan limits apply. A descriptor without it is not
 *   Orrery's and is answered OK without a limit.
 * - `limit` (optional): `burst`, `minute` or `month` checks that limit alone; without it the
 *   descriptor checks all three.
 * - `route` (optional): a route key such as `POST /v1/charts`; the month is charged the route's
 *   cost times hits_addend. Without it each hit is one request unit.
 *
 * hits_addend (1 when unset) is charged to every selected rate limit. All descriptors of one
 * account are decided in one atomic call, so they are charged all or none; an account's status
 * per descriptor is OVER_LIMIT when any limit that descriptor selects is exceeded.
 */
export interface EnvoyDescriptor {
  readonly entries: readonly { readonly key: string; readonly value: string }[];
}

export type EnvoyStatus =
  | { readonly code: "ok"; readonly limit: LimitState | undefined }
  | { readonly code: "over_limit"; readonly limit: LimitState | undefined };

interface ParsedDescriptor {
  readonly accountId: string | undefined;
  readonly only: LimitName | undefined;
  readonly route: string | undefined;
}

const SELECTABLE: readonly LimitName[] = ["burst", "minute", "month"];

function parseDescriptor(descriptor: EnvoyDescriptor, index: number): ParsedDescriptor {
  const values = new Map(descriptor.entries.map((entry) => [entry.key, entry.value]));
  const limit = values.get("limit");
  if (limit !== undefined && !(SELECTABLE as readonly string[]).includes(limit)) {
    throw new DomainError("UNKNOWN_LIMIT", `Unknown limit "${limit}".`, {
      violations: [
        {
          field: `descriptors.${index}.entries`,
          code: "UNKNOWN_LIMIT",
          message: `limit must be one of ${SELECTABLE.join(", ")}`,
        },
      ],
    });
  }
  return {
    accountId: values.get("account_id"),
    only: limit as LimitName | undefined,
    route: values.get("route"),
  };
}

/** Decides an Envoy ShouldRateLimit request; statuses come back in the descriptors' order. */
export async function decideDescriptors(
  limiter: RateLimiter,
  policy: Policy,
  request: { descriptors: readonly EnvoyDescriptor[]; hitsAddend: number },
): Promise<EnvoyStatus[]> {
  const hits = request.hitsAddend > 0 ? request.hitsAddend : 1;
  const parsed = request.descriptors.map(parseDescriptor);
  const byAccount = new Map<string, ParsedDescriptor[]>();
  for (const descriptor of parsed) {
    if (descriptor.accountId === undefined) continue;
    const group = byAccount.get(descriptor.accountId) ?? [];
    group.push(descriptor);
    byAccount.set(descriptor.accountId, group);
  }

  const limitsByAccount = new Map<string, Map<LimitName, LimitState> | "refused" | "unlimited">();
  await Promise.all(
    [...byAccount].map(async ([accountId, group]) => {
      limitsByAccount.set(accountId, await decideAccount(limiter, policy, accountId, group, hits));
    }),
  );

  return parsed.map((descriptor): EnvoyStatus => {
    if (descriptor.accountId === undefined) return { code: "ok", limit: undefined };
    const states = limitsByAccount.get(descriptor.accountId);
    if (states === "refused" || states === undefined) {
      return { code: "over_limit", limit: undefined };
    }
    if (states === "unlimited") return { code: "ok", limit: undefined };
    const selected = (descriptor.only === undefined ? SELECTABLE : [descriptor.only])
      .map((name) => states.get(name))
      .filter((state): state is LimitState => state !== undefined);
    const exceeded = selected.find((state) => state.exceeded);
    if (exceeded !== undefined) return { code: "over_limit", limit: exceeded };
    return { code: "ok", limit: closestToExhaustion(selected) };
  });
}

async function decideAccount(
  limiter: RateLimiter,
  policy: Policy,
  accountId: string,
  group: readonly ParsedDescriptor[],
  hits: number,
): Promise<Map<LimitName, LimitState> | "refused" | "unlimited"> {
  let account: Awaited<ReturnType<RateLimiter["resolveAccount"]>>;
  try {
    account = await limiter.resolveAccount(accountId);
  } catch (error) {
    // An unknown or suspended account gets nothing through Envoy.
    if (error instanceof DomainError && error.kind !== "unavailable") return "refused";
    throw error;
  }
  const only = new Set<LimitName>();
  for (const descriptor of group) {
    for (const name of descriptor.only === undefined ? SELECTABLE : [descriptor.only]) {
      only.add(name);
    }
  }
  const routeCosts = group
    .filter((descriptor) => descriptor.route !== undefined)
    .map((descriptor) => policy.routeCost(descriptor.route as string));
  const unitCost = routeCosts.length > 0 ? Math.max(...routeCosts) : 1;
  const limits = policy.limitsFor({ plan: account.plan, accountOverrides: account.overrides });
  const checks = limitChecks(limits, { rateHits: hits, quotaCost: unitCost * hits, only });
  try {
    const decision = await limiter.decide(account, checks, limits.failMode, "charge");
    if (decision.degraded) return "unlimited";
    return new Map(decision.limits.map((state) => [state.name, state]));
  } catch (error) {
    if (error instanceof LimitsUnavailable) return "refused";
    throw error;
  }
}
