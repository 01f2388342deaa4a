/** A billing cycle in Unix seconds: from 00:00 UTC on the anchor day to the same day a month on. */
export interface BillingCycle {
  readonly startSeconds: number;
  readonly endSeconds: number;
}

/** 1-28; anything else (unset is 0) falls back to the 1st. */
export function normalizeAnchorDay(day: number): number {
  return Number.isInteger(day) && day >= 1 && day <= 28 ? day : 1;
}

/**
 * The cycle containing `nowSeconds` for an anchor day (1-28), by the same rule as the decision
 * script's Lua, which stays the authority: it runs on Redis' clock and uses this only as a hint.
 */
export function billingCycle(nowSeconds: number, anchorDay: number): BillingCycle {
  const now = new Date(nowSeconds * 1000);
  let year = now.getUTCFullYear();
  let month = now.getUTCMonth();
  if (now.getUTCDate() < anchorDay) month -= 1;
  if (month < 0) {
    month = 11;
    year -= 1;
  }
  return {
    startSeconds: Date.UTC(year, month, anchorDay) / 1000,
    endSeconds: Date.UTC(year, month + 1, anchorDay) / 1000,
  };
}

/** Remembers the current cycle per anchor day until it ends, by the local clock. */
export class BillingCycleHints {
  private readonly cycles = new Map<number, BillingCycle>();

  constructor(private readonly nowSeconds: () => number = () => Date.now() / 1000) {}

  current(anchorDay: number): BillingCycle {
    const now = this.nowSeconds();
    const known = this.cycles.get(anchorDay);
    if (known !== undefined && now >= known.startSeconds && now < known.endSeconds) return known;
    const cycle = billingCycle(now, anchorDay);
    this.cycles.set(anchorDay, cycle);
    return cycle;
  }
}
