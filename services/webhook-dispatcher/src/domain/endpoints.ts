import { decodePageToken, pageSize, toPage } from "@orrery/db";
import { randomBase62 } from "@orrery/key-contract";
import { type DestinationPolicy, hostAddress } from "./destination-policy.js";
import { webhookErrors } from "./errors.js";
import { isEventTypeName } from "./event-catalogue.js";
import type { Endpoint, EndpointSettings, Page } from "./model.js";
import type { AddressResolver, EndpointPatch, EndpointStore } from "./ports.js";
import type { SecretBox } from "./secret-box.js";
import { generateSigningSecret } from "./signing.js";

/** The limits a caller can meet, each with its own error code. */
export const ENDPOINT_LIMITS = {
  urlLength: 2_048,
  descriptionLength: 500,
  eventTypes: 50,
  metadataPairs: 16,
  metadataKeyLength: 64,
  metadataValueLength: 512,
  rateLimitPerSecond: 10_000,
  recoverDays: 14,
} as const;

/** A prefixed random id ("ep_" + 22 base62 characters, ~131 bits), like the platform's others. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(22)}`;
}

export interface CreateEndpointInput extends EndpointSettings {
  readonly accountId: string;
  readonly maxEndpoints: number;
}

export interface EndpointServiceOptions {
  readonly store: EndpointStore;
  readonly policy: DestinationPolicy;
  readonly resolver: AddressResolver;
  readonly secrets: SecretBox;
  readonly now: () => Date;
  /** How long the previous secret keeps signing after a rotation. */
  readonly rotationGraceMs: number;
}

export class EndpointService {
  constructor(private readonly options: EndpointServiceOptions) {}

  async create(input: CreateEndpointInput): Promise<{ endpoint: Endpoint; secret: string }> {
    const url = await this.checkDestination(input.url);
    validateDescription(input.description);
    const eventTypes = validateEventTypes(input.eventTypes);
    validateMetadata(input.metadata);
    validateRateLimit(input.rateLimitPerSecond);
    const id = newId("ep");
    const secret = generateSigningSecret();
    const endpoint = await this.options.store.createEndpoint(
      {
        id,
        accountId: input.accountId,
        url,
        description: input.description,
        kind: input.kind,
        eventTypes,
        metadata: input.metadata,
        rateLimitPerSecond: input.rateLimitPerSecond,
        secret: this.options.secrets.seal(secret, id),
      },
      input.maxEndpoints,
    );
    if (endpoint === undefined) throw webhookErrors.endpointLimitReached(input.maxEndpoints);
    return { endpoint, secret };
  }

  async get(accountId: string, id: string): Promise<Endpoint> {
    const endpoint = await this.options.store.getEndpoint(accountId, id);
    if (endpoint === undefined) throw webhookErrors.endpointNotFound(id);
    return endpoint;
  }

  async list(accountId: string, requestedSize: number, pageToken: string): Promise<Page<Endpoint>> {
    const size = pageSize(requestedSize);
    const rows = await this.options.store.listEndpoints(
      accountId,
      size + 1,
      decodePageToken(pageToken),
    );
    return toPage(rows, size);
  }

  async update(accountId: string, id: string, patch: EndpointPatch): Promise<Endpoint> {
    const checked: EndpointPatch = {
      ...patch,
      ...(patch.url === undefined ? {} : { url: await this.checkDestination(patch.url) }),
      ...(patch.eventTypes === undefined
        ? {}
        : { eventTypes: validateEventTypes(patch.eventTypes) }),
    };
    if (patch.description !== undefined) validateDescription(patch.description);
    if (patch.metadata !== undefined) validateMetadata(patch.metadata);
    if (typeof patch.rateLimitPerSecond === "number") validateRateLimit(patch.rateLimitPerSecond);
    const endpoint = await this.options.store.updateEndpoint(accountId, id, checked);
    if (endpoint === undefined) throw webhookErrors.endpointNotFound(id);
    return endpoint;
  }

  async delete(accountId: string, id: string): Promise<void> {
    if (!(await this.options.store.deleteEndpoint(accountId, id))) {
      throw webhookErrors.endpointNotFound(id);
    }
  }

  async rotateSecret(
    accountId: string,
    id: string,
  ): Promise<{ endpoint: Endpoint; secret: string }> {
    const secret = generateSigningSecret();
    const previousExpiresAt = new Date(this.options.now().getTime() + this.options.rotationGraceMs);
    const endpoint = await this.options.store.rotateSecret(
      accountId,
      id,
      this.options.secrets.seal(secret, id),
      previousExpiresAt,
    );
    if (endpoint === undefined) throw webhookErrors.endpointNotFound(id);
    return { endpoint, secret };
  }

  async enable(accountId: string, id: string): Promise<Endpoint> {
    const endpoint = await this.options.store.enableEndpoint(accountId, id);
    if (endpoint === undefined) throw webhookErrors.endpointNotFound(id);
    return endpoint;
  }

  async recover(accountId: string, id: string, since: Date): Promise<number> {
    const endpoint = await this.get(accountId, id);
    const earliest =
      this.options.now().getTime() - ENDPOINT_LIMITS.recoverDays * 24 * 60 * 60 * 1000;
    if (since.getTime() < earliest)
      throw webhookErrors.recoverWindowExceeded(ENDPOINT_LIMITS.recoverDays);
    if (endpoint.disabledAt !== undefined) throw webhookErrors.endpointDisabled(id);
    return this.options.store.recoverMessages(accountId, id, since);
  }

  /**
   * The URL's form, and every address its host resolves to now (unless the operator
   * allow-lists the host): refused at creation already, checked again at every connect.
   */
  private async checkDestination(text: string): Promise<string> {
    if (characters(text) > ENDPOINT_LIMITS.urlLength) {
      throw webhookErrors.invalid(
        "url",
        "URL_TOO_LONG",
        `At most ${ENDPOINT_LIMITS.urlLength} characters.`,
      );
    }
    const checked = this.options.policy.checkUrl(text);
    if (!checked.ok) throw webhookErrors.urlNotAllowed(checked.reason);
    const { hostname } = checked.url;
    if (!checked.hostAllowListed && hostAddress(hostname) === undefined) {
      let addresses: string[];
      try {
        addresses = await this.options.resolver.resolve(hostname);
      } catch {
        throw webhookErrors.urlNotAllowed(`has a host, ${hostname}, that does not resolve`);
      }
      const refused = addresses.find((address) => !this.options.policy.addressAllowed(address));
      if (refused !== undefined) {
        throw webhookErrors.urlNotAllowed(
          `resolves to ${refused}, an address webhooks may not reach`,
        );
      }
    }
    return checked.url.toString();
  }
}

/** Characters as the API states its limits (and JSON Schema counts them): code points. */
function characters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function validateDescription(description: string): void {
  if (characters(description) > ENDPOINT_LIMITS.descriptionLength) {
    throw webhookErrors.invalid(
      "description",
      "DESCRIPTION_TOO_LONG",
      `At most ${ENDPOINT_LIMITS.descriptionLength} characters.`,
    );
  }
}

function validateEventTypes(eventTypes: readonly string[]): string[] {
  if (eventTypes.length > ENDPOINT_LIMITS.eventTypes) {
    throw webhookErrors.invalid(
      "eventTypes",
      "TOO_MANY_EVENT_TYPES",
      `At most ${ENDPOINT_LIMITS.eventTypes} event types.`,
    );
  }
  eventTypes.forEach((type, index) => {
    if (!isEventTypeName(type)) throw webhookErrors.unknownEventType(`eventTypes.${index}`, type);
  });
  return [...new Set(eventTypes)];
}

function validateMetadata(metadata: Readonly<Record<string, string>>): void {
  const entries = Object.entries(metadata);
  if (entries.length > ENDPOINT_LIMITS.metadataPairs) {
    throw webhookErrors.invalid(
      "metadata",
      "WEBHOOK_METADATA_TOO_LARGE",
      `At most ${ENDPOINT_LIMITS.metadataPairs} pairs.`,
    );
  }
  for (const [key, value] of entries) {
    if (key.length === 0 || characters(key) > ENDPOINT_LIMITS.metadataKeyLength) {
      throw webhookErrors.invalid(
        `metadata.${key}`,
        "WEBHOOK_METADATA_TOO_LARGE",
        `Keys are 1-${ENDPOINT_LIMITS.metadataKeyLength} characters.`,
      );
    }
    if (characters(value) > ENDPOINT_LIMITS.metadataValueLength) {
      throw webhookErrors.invalid(
        `metadata.${key}`,
        "WEBHOOK_METADATA_TOO_LARGE",
        `Values are at most ${ENDPOINT_LIMITS.metadataValueLength} characters.`,
      );
    }
  }
}

function validateRateLimit(rate: number | undefined): void {
  if (rate === undefined) return;
  if (!Number.isInteger(rate) || rate < 1 || rate > ENDPOINT_LIMITS.rateLimitPerSecond) {
    throw webhookErrors.invalid(
      "rateLimitPerSecond",
      "RATE_LIMIT_OUT_OF_RANGE",
      `1-${ENDPOINT_LIMITS.rateLimitPerSecond} deliveries per second.`,
    );
  }
}
