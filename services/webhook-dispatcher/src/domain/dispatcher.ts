import { setTimeout as sleep } from "node:timers/promises";
import { bodyForKind } from "./chat-presets.js";
import { type AttemptResult, describeFailure, failureReason, judge } from "./delivery-outcome.js";
import { newId } from "./endpoints.js";
import type {
  AttemptRecord,
  ClaimedMessage,
  ClaimRequest,
  DeliveryStore,
  DisabledEndpoint,
} from "./ports.js";
import { nextAttemptDelay, parseRetryAfter, type RetryPolicy } from "./retry-schedule.js";
import type { SecretBox } from "./secret-box.js";
import { signAttempt } from "./signing.js";

export interface OutboundRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Sends one attempt; never throws: every failure is an AttemptResult of kind "error". */
export interface Sender {
  send(request: OutboundRequest): Promise<AttemptResult>;
}

export interface DispatcherOptions {
  readonly store: DeliveryStore;
  readonly sender: Sender;
  readonly secrets: SecretBox;
  readonly retry: RetryPolicy;
  readonly now: () => Date;
  readonly userAgent: string;
  readonly claim: Omit<ClaimRequest, "limit"> & { readonly batchSize: number };
  /** Attempts this process has in flight at most. */
  readonly maxInFlight: number;
  /** Claims at least this far apart, however often work arrives. */
  readonly minClaimIntervalMs: number;
  /** Looks for due work this often when nothing wakes it. */
  readonly pollIntervalMs: number;
  readonly disableAfterMs: number;
  readonly failingAfterAttempts: number;
  /** Results are written together: this many, or after flushIntervalMs. */
  readonly recordBatchSize: number;
  readonly recordFlushIntervalMs: number;
  readonly onError: (error: unknown, what: string) => void;
  readonly onDisabled?: (endpoints: readonly DisabledEndpoint[]) => void;
  readonly onAttempt?: (record: AttemptRecord) => void;
}

/**
 * The delivery loop: claims due messages fairly across endpoints (the store caps each
 * endpoint's in-flight attempts and throttle, across every dispatcher), sends each signed
 * attempt, and records every result before its claim is let go. A dispatcher that dies mid-way
 * loses nothing: its claims expire and another dispatcher attempts them again, same webhook-id.
 */
export class Dispatcher {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private pending: { record: AttemptRecord; done: () => void }[] = [];
  private flushing: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    this.loop = this.run();
  }

  /** New work may be due (a message was queued here or elsewhere). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops claiming, lets attempts in flight finish and records them. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
    await this.flush();
  }

  private async run(): Promise<void> {
    let lastClaim = 0;
    while (!this.stopped) {
      const wait = lastClaim + this.options.minClaimIntervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      const free = this.options.maxInFlight - this.inFlight.size;
      let full = false;
      if (free > 0) {
        lastClaim = Date.now();
        this.woken = false;
        const limit = Math.min(free, this.options.claim.batchSize);
        try {
          const claims = await this.options.store.claim({ ...this.options.claim, limit });
          for (const claim of claims) this.track(this.deliver(claim));
          full = claims.length >= limit;
        } catch (error) {
          this.options.onError(error, "claim");
          await sleep(this.options.pollIntervalMs);
        }
      }
      if (this.stopped) break;
      if (full && this.inFlight.size < this.options.maxInFlight) continue;
      await this.waitForWork();
    }
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => {
      this.inFlight.delete(delivery);
      // A finished attempt frees a slot of its endpoint: its backlog may be claimable now.
      this.wake();
    });
  }

  private waitForWork(): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollIntervalMs);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = undefined;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async deliver(claim: ClaimedMessage): Promise<void> {
    const wait = claim.notBefore.getTime() - this.options.now().getTime();
    if (wait > 0) await sleep(wait);
    const started = this.options.now();
    let result: AttemptResult;
    try {
      result = await this.options.sender.send(this.request(claim, started));
    } catch (error) {
      result = {
        kind: "error",
        error: error instanceof Error ? error.message : String(error),
        reason: "other",
        latencyMs: 0,
      };
    }
    const record = this.outcome(claim, started, result);
    this.options.onAttempt?.(record);
    await this.enqueueRecord(record);
  }

  private request(claim: ClaimedMessage, at: Date): OutboundRequest {
    const secrets = claim.secrets.map((sealed) =>
      this.options.secrets.open(sealed, claim.endpointId),
    );
    const body = bodyForKind(claim.kind, claim.payload);
    const signed = signAttempt(claim.messageId, Math.floor(at.getTime() / 1000), body, secrets);
    return {
      url: claim.url,
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": this.options.userAgent,
        ...signed,
      },
    };
  }

  private outcome(claim: ClaimedMessage, startedAt: Date, result: AttemptResult): AttemptRecord {
    const verdict = judge(result);
    const base = {
      claim,
      attemptId: newId("att"),
      startedAt,
      responseStatus: result.kind === "response" ? result.status : 0,
      latencyMs: Math.round(result.latencyMs),
      responseBody: result.kind === "response" ? result.body : Buffer.alloc(0),
    };
    if (verdict.kind === "succeeded") {
      return {
        ...base,
        error: "",
        failureReason: undefined,
        succeeded: true,
        nextAttemptAt: undefined,
        endpointGone: false,
      };
    }
    const error = describeFailure(result);
    const reason = failureReason(result);
    if (verdict.kind === "gone" || claim.attempt >= claim.maxAttempts) {
      return {
        ...base,
        error,
        failureReason: reason,
        succeeded: false,
        nextAttemptAt: undefined,
        endpointGone: verdict.kind === "gone",
      };
    }
    const now = this.options.now().getTime();
    const delay = nextAttemptDelay(
      this.options.retry,
      claim.attempt,
      parseRetryAfter(verdict.retryAfterHeader, now),
    );
    return {
      ...base,
      error,
      failureReason: reason,
      succeeded: false,
      nextAttemptAt: delay === undefined ? undefined : new Date(now + delay),
      endpointGone: false,
    };
  }

  private enqueueRecord(record: AttemptRecord): Promise<void> {
    return new Promise((resolve) => {
      this.pending.push({ record, done: resolve });
      if (this.pending.length >= this.options.recordBatchSize) void this.flush();
      else
        this.flushTimer ??= setTimeout(() => void this.flush(), this.options.recordFlushIntervalMs);
    });
  }

  /** Writes every pending result; a failed write is retried, the claims still held meanwhile. */
  private async flush(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.flushing = (async () => {
      for (let failures = 0; ; failures += 1) {
        try {
          const disabled = await this.options.store.record(
            batch.map((entry) => entry.record),
            {
              disableAfterMs: this.options.disableAfterMs,
              failingAfterAttempts: this.options.failingAfterAttempts,
            },
          );
          if (disabled.length > 0) this.options.onDisabled?.(disabled);
          break;
        } catch (error) {
          this.options.onError(error, "record attempts");
          // Past the lease the messages are claimed again anyway; stop holding them here.
          if (failures >= 20 || (this.stopped && failures >= 3)) break;
          await sleep(Math.min(100 * 2 ** failures, 2_000));
        }
      }
      for (const entry of batch) entry.done();
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = undefined;
    }
    if (this.pending.length >= this.options.recordBatchSize) await this.flush();
    else if (this.pending.length > 0) {
      this.flushTimer ??= setTimeout(() => void this.flush(), this.options.recordFlushIntervalMs);
    }
  }
}
