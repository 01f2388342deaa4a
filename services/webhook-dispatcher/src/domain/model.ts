/** What an endpoint is sent: the raw signed event, or a readable chat message. */
export type EndpointKind = "standard" | "slack" | "discord";

export type DisabledReason = "failing" | "gone" | "manual";

/** What a partner sets on an endpoint. */
export interface EndpointSettings {
  readonly url: string;
  readonly description: string;
  readonly kind: EndpointKind;
  /** Empty: every type. */
  readonly eventTypes: readonly string[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly rateLimitPerSecond: number | undefined;
}

export interface Endpoint extends EndpointSettings {
  readonly id: string;
  readonly accountId: string;
  readonly disabledAt: Date | undefined;
  readonly disabledReason: DisabledReason | undefined;
  readonly failingSince: Date | undefined;
  readonly previousSecretExpiresAt: Date | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type MessageStatus = "pending" | "delivering" | "succeeded" | "failed";

export interface Message {
  readonly id: string;
  readonly accountId: string;
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: MessageStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly payload: Buffer;
}

export interface Attempt {
  readonly id: string;
  readonly messageId: string;
  readonly endpointId: string;
  readonly number: number;
  readonly startedAt: Date;
  /** 0 when no response arrived. */
  readonly responseStatus: number;
  readonly latencyMs: number;
  readonly error: string;
  readonly responseBody: Buffer;
  readonly succeeded: boolean;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextPageToken: string | undefined;
}

/** A secret as the store keeps it: sealed under an envelope key. */
export interface SealedSecret {
  readonly keyId: string;
  readonly ciphertext: Buffer;
}
