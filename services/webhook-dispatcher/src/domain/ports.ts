import type { Cursor } from "@orrery/db";
import type { FailureReason } from "./delivery-outcome.js";
import type {
  Attempt,
  DisabledReason,
  Endpoint,
  EndpointKind,
  EndpointSettings,
  Message,
  MessageStatus,
  SealedSecret,
} from "./model.js";

export interface NewEndpoint extends EndpointSettings {
  readonly id: string;
  readonly accountId: string;
  readonly secret: SealedSecret;
}

/** Fields left undefined keep their value; rateLimitPerSecond null removes the throttle. */
export interface EndpointPatch {
  readonly url?: string;
  readonly description?: string;
  readonly eventTypes?: readonly string[];
  readonly metadata?: Readonly<Record<string, string>>;
  readonly rateLimitPerSecond?: number | null;
  readonly disabled?: boolean;
}

export interface EndpointStore {
  /** undefined when the account already holds maxEndpoints (checked under a per-account lock). */
  createEndpoint(endpoint: NewEndpoint, maxEndpoints: number): Promise<Endpoint | undefined>;
  getEndpoint(accountId: string, id: string): Promise<Endpoint | undefined>;
  listEndpoints(accountId: string, limit: number, after: Cursor | undefined): Promise<Endpoint[]>;
  updateEndpoint(
    accountId: string,
    id: string,
    patch: EndpointPatch,
  ): Promise<Endpoint | undefined>;
  deleteEndpoint(accountId: string, id: string): Promise<boolean>;
  /** The current secret becomes the previous one until previousExpiresAt. */
  rotateSecret(
    accountId: string,
    id: string,
    next: SealedSecret,
    previousExpiresAt: Date,
  ): Promise<Endpoint | undefined>;
  enableEndpoint(accountId: string, id: string): Promise<Endpoint | undefined>;
  /** Failed messages created since `since` become due now, for one more attempt each. */
  recoverMessages(accountId: string, endpointId: string, since: Date): Promise<number>;
}

export interface NewEvent {
  readonly id: string;
  readonly accountId: string;
  readonly type: string;
  readonly payload: Buffer;
  readonly createdAt: Date;
}

/** Which of the account's endpoints an event goes to, besides the event-type filter. */
export interface FanoutTarget {
  /** Only this endpoint (a test event). */
  readonly onlyEndpointId?: string;
  /** Never this one (an operational event about it). */
  readonly excludeEndpointId?: string;
}

export interface MessageFilter {
  readonly endpointId?: string;
  readonly eventType?: string;
  readonly status?: MessageStatus;
}

export interface MessageStore {
  /**
   * Records the event and one message per matching endpoint in one transaction; an event id
   * seen before records nothing. Returns the messages created.
   */
  enqueue(event: NewEvent, target: FanoutTarget, maxAttempts: number): Promise<Message[]>;
  listMessages(
    accountId: string,
    filter: MessageFilter,
    limit: number,
    after: Cursor | undefined,
  ): Promise<Message[]>;
  getMessage(accountId: string, id: string): Promise<Message | undefined>;
  /** undefined when the message is not the account's. */
  listAttempts(
    accountId: string,
    messageId: string,
    limit: number,
    after: Cursor | undefined,
  ): Promise<Attempt[] | undefined>;
  /** Due now for one more attempt; undefined when not the account's. */
  retryMessage(accountId: string, id: string): Promise<Message | "endpoint_disabled" | undefined>;
  /** True the first time in `intervalMs` a batch's progress is let through. */
  admitBatchProgress(batchId: string, at: Date, intervalMs: number): Promise<boolean>;
}

/** A message claimed for one attempt, with what sending it needs. */
export interface ClaimedMessage {
  readonly messageId: string;
  readonly accountId: string;
  readonly endpointId: string;
  readonly eventType: string;
  /** This attempt's number, 1 for the first. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly payload: Buffer;
  readonly url: string;
  readonly kind: EndpointKind;
  /** Current secret first; the previous one while its window is open. */
  readonly secrets: readonly SealedSecret[];
  /** Not before this instant: the endpoint's own throttle spaces its attempts. */
  readonly notBefore: Date;
}

export interface ClaimRequest {
  /** Messages to claim at most, over all endpoints. */
  readonly limit: number;
  /** In-flight attempts per endpoint at most, across every dispatcher. */
  readonly perEndpointConcurrency: number;
  /** How long a claim holds before another dispatcher may take the message back. */
  readonly leaseMs: number;
  /** Endpoints to look at per claim at most (the walk resumes after the last one next time). */
  readonly endpointsPerClaim: number;
}

export interface AttemptRecord {
  readonly claim: ClaimedMessage;
  readonly attemptId: string;
  readonly startedAt: Date;
  readonly responseStatus: number;
  readonly latencyMs: number;
  readonly error: string;
  /** Why it failed; undefined when it succeeded. */
  readonly failureReason: FailureReason | undefined;
  readonly responseBody: Buffer;
  readonly succeeded: boolean;
  /** The next attempt's time, or undefined when the message is done (succeeded or failed). */
  readonly nextAttemptAt: Date | undefined;
  /** Disable the endpoint at once (it answered 410). */
  readonly endpointGone: boolean;
}

export interface DisabledEndpoint {
  readonly endpointId: string;
  readonly accountId: string;
  readonly reason: DisabledReason;
}

export interface DeliveryStore {
  claim(request: ClaimRequest): Promise<ClaimedMessage[]>;
  /**
   * Writes attempts and their messages' next state in one transaction, updates endpoint
   * health (failing clock, auto-disable after `disableAfterMs` of failures, 410) and queues the
   * operational events of what it disabled and of messages that crossed `failingAfterAttempts`.
   */
  record(
    records: readonly AttemptRecord[],
    options: { readonly disableAfterMs: number; readonly failingAfterAttempts: number },
  ): Promise<DisabledEndpoint[]>;
  /** Claims whose dispatcher died become pending again. */
  releaseExpiredLeases(): Promise<number>;
  /** Deletes up to `limit` events created before `cutoff`, with their messages and attempts. */
  deleteEventsBefore(cutoff: Date, limit: number): Promise<number>;
}

/** Resolves a host name to every address it has (A and AAAA). */
export interface AddressResolver {
  resolve(hostname: string): Promise<string[]>;
}
