import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { isDomainError } from "@orrery/errors";
import { isPlanName, limitOverridesToProto, planToProto } from "@orrery/policy";
import {
  type AccountContextSchema,
  type CheckRequestSchema,
  type CheckResponse,
  type LimitStatus,
  RateLimitService,
} from "@orrery/proto/ratelimit/v1/rate_limit";
import {
  createRpcClient,
  errorFromStatus,
  type ServiceClient,
  UpstreamError,
  upstreamError,
} from "@orrery/rpc";
import {
  type AccountLimits,
  type CheckInput,
  type LimitState,
  type RateLimitDecider,
  type RateLimitDecision,
  RateLimitUndecided,
  type Usage,
} from "../domain/rate-limit.js";

function accountContext(
  account: AccountLimits | undefined,
): MessageInitShape<typeof AccountContextSchema> | undefined {
  if (account === undefined || !isPlanName(account.plan)) return undefined;
  return {
    plan: planToProto(account.plan),
    overrides:
      account.overrides === undefined ? undefined : limitOverridesToProto(account.overrides),
    billingCycleAnchorDay: account.billingCycleAnchorDay,
  };
}

function limitState(status: LimitStatus): LimitState {
  return {
    name: status.name,
    limit: Number(status.limit),
    remaining: Number(status.remaining),
    windowSeconds: status.windowSeconds,
    resetSeconds: status.resetSeconds,
    exceeded: status.exceeded,
  };
}

function decision(response: CheckResponse): RateLimitDecision {
  return {
    allowed: response.allowed,
    limits: response.limits.map(limitState),
    retryAfterSeconds: response.retryAfterSeconds,
    degraded: response.degraded,
  };
}

/**
 * No answer from the service, or an internal failure as its answer, is no decision; any other
 * domain error it answered with (a fail-closed refusal, an unknown account) is its answer.
 */
function unansweredAsUndecided(error: unknown): unknown {
  return error instanceof UpstreamError || (isDomainError(error) && error.kind === "internal")
    ? new RateLimitUndecided("The rate-limit service reached no decision.", { cause: error })
    : error;
}

interface PendingCheck {
  readonly request: MessageInitShape<typeof CheckRequestSchema>;
  resolve(value: RateLimitDecision): void;
  reject(error: unknown): void;
}

/** Checks per CheckBatch call at most (the service accepts 1000). */
const MAX_BATCH = 256;

/**
 * RateLimitService over gRPC with a tight deadline: a decision that does not come back in
 * `timeoutMs` fails with DEADLINE_EXCEEDED and the plan's fail mode decides.
 *
 * Checks are micro-batched: those issued in the same event-loop turn (concurrent requests) go
 * out together, as one Check when alone or one CheckBatch otherwise, after the turn's I/O
 * callbacks (setImmediate). A gRPC call costs far more CPU than a decision does, on both
 * sides, so this is what lets one gateway and one rate-limit replica carry tens of thousands
 * of decisions a second; each decision is still atomic on its own.
 */
export class RateLimitServiceClient implements RateLimitDecider {
  private readonly client: ServiceClient<typeof RateLimitService>;
  private readonly usageTimeoutMs: number;
  private pending: PendingCheck[] = [];
  private scheduled = false;

  constructor(options: {
    target: string;
    /** A decision's deadline: past it, the plan's fail mode decides. */
    timeoutMs: number;
    /** GetUsage answers a client who waits for it: an ordinary downstream deadline. */
    usageTimeoutMs: number;
  }) {
    this.client = createRpcClient(RateLimitService, {
      target: options.target,
      defaultTimeoutMs: options.timeoutMs,
    });
    this.usageTimeoutMs = options.usageTimeoutMs;
  }

  check(input: CheckInput): Promise<RateLimitDecision> {
    return new Promise((resolve, reject) => {
      this.pending.push({
        request: {
          accountId: input.accountId,
          keyId: input.keyId,
          route: input.route,
          cost: input.cost,
          account: accountContext(input.account),
          keyOverrides:
            input.keyOverrides === undefined
              ? undefined
              : limitOverridesToProto(input.keyOverrides),
        },
        resolve,
        reject,
      });
      if (this.pending.length >= MAX_BATCH) {
        this.flush();
      } else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    const [only] = batch;
    if (only === undefined) return;
    if (batch.length === 1) {
      this.client.check(only.request).then(
        (response) => only.resolve(decision(response)),
        (error: unknown) => only.reject(unansweredAsUndecided(error)),
      );
      return;
    }
    this.client.checkBatch({ checks: batch.map((pending) => pending.request) }).then(
      (response) => {
        batch.forEach((pending, index) => {
          const result = response.results[index]?.result;
          if (result?.case === "response") pending.resolve(decision(result.value));
          else if (result?.case === "error") {
            pending.reject(
              errorFromStatus(result.value) ??
                unansweredAsUndecided(upstreamError(result.value.code, result.value.message)),
            );
          } else {
            pending.reject(
              unansweredAsUndecided(
                new UpstreamError("UPSTREAM_ERROR", "CheckBatch answered fewer results"),
              ),
            );
          }
        });
      },
      (error: unknown) => {
        for (const pending of batch) pending.reject(unansweredAsUndecided(error));
      },
    );
  }

  async usage(accountId: string, account: AccountLimits | undefined): Promise<Usage> {
    const response = await this.client.getUsage(
      { accountId, account: accountContext(account) },
      { timeoutMs: this.usageTimeoutMs },
    );
    return {
      plan: response.plan,
      policyVersion: response.policyVersion,
      limits: response.limits.map(limitState),
      monthlyUsed: Number(response.monthlyUsed),
      monthlyQuota: Number(response.monthlyQuota),
      cycleStartedAt:
        response.cycleStartedAt === undefined ? undefined : timestampDate(response.cycleStartedAt),
      cycleResetsAt:
        response.cycleResetsAt === undefined ? undefined : timestampDate(response.cycleResetsAt),
      sandbox: false,
    };
  }

  close(): void {
    this.client.close();
  }
}
