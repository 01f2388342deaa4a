import type { ClaimRequest } from "./ports.js";

/** What the scheduler knows of an endpoint when it claims for it. */
export interface EndpointCapacity {
  /** Attempts in flight to it now, over every dispatcher. */
  readonly inFlight: number;
  /** Its own throttle, if any. */
  readonly ratePerSecond: number | undefined;
  /** When its throttle's next slot opens (GCRA theoretical arrival time). */
  readonly nextSlot: Date | undefined;
  readonly now: Date;
}

/**
 * How many messages each endpoint gets in one claim: shares dealt one at a time round the
 * endpoints (so one endpoint's backlog cannot take the whole claim), capped by its free
 * concurrency and, when throttled, by the attempts that fit in the next second.
 */
export function fairAllowances(
  endpoints: readonly EndpointCapacity[],
  request: Pick<ClaimRequest, "limit" | "perEndpointConcurrency">,
): number[] {
  const caps = endpoints.map((endpoint) => {
    let cap = Math.max(request.perEndpointConcurrency - endpoint.inFlight, 0);
    if (endpoint.ratePerSecond !== undefined) {
      const now = endpoint.now.getTime();
      const interval = 1_000 / endpoint.ratePerSecond;
      const start = Math.max(endpoint.nextSlot?.getTime() ?? now, now);
      cap = Math.min(cap, Math.max(Math.floor((now + 1_000 - start) / interval), 0));
    }
    return cap;
  });
  const shares = endpoints.map(() => 0);
  let left = request.limit;
  let progress = true;
  while (left > 0 && progress) {
    progress = false;
    for (let index = 0; index < shares.length && left > 0; index += 1) {
      if ((shares[index] ?? 0) < (caps[index] ?? 0)) {
        shares[index] = (shares[index] ?? 0) + 1;
        left -= 1;
        progress = true;
      }
    }
  }
  return shares;
}
