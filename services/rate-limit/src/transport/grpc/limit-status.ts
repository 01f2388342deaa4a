import type { MessageInitShape } from "@bufbuild/protobuf";
import type { LimitStatusSchema } from "@orrery/proto/ratelimit/v1/rate_limit";
import type { LimitState } from "../../domain/rate-limiter.js";

export function limitStatus(state: LimitState): MessageInitShape<typeof LimitStatusSchema> {
  return {
    name: state.name,
    limit: BigInt(state.limit),
    remaining: BigInt(state.remaining),
    windowSeconds: state.windowSeconds,
    resetSeconds: state.resetSeconds,
    exceeded: state.exceeded,
  };
}
