import { randomUUID } from "node:crypto";
import { createKafka, EventPublisher } from "@orrery/events";
import { type Publication, RealtimeClient, type Subscribed } from "@orrery/realtime-client";
import { createLogger } from "@orrery/telemetry";
import { createTenant, infra, type Tenant, waitFor } from "@orrery/testing";

// Accounts and keys through the running gateway; events straight onto Kafka where a test needs
// many (quota notices, as rate-limit publishes them); clients are @orrery/realtime-client.
const logger = createLogger({ service: "realtime-tests", level: "silent" });
export const publisher = new EventPublisher({
  kafka: createKafka({ brokers: infra.kafkaBrokers, clientId: "realtime-tests", logger }),
  source: "/orrery/realtime-tests",
  logger,
});

/** A new account on the free plan (realtimeConnections from the policy unless overridden). */
export function tenant(
  overrides: Record<string, number> = {},
  scopes: readonly string[] = ["realtime:connect", "keys:manage"],
): Promise<Tenant> {
  return createTenant({
    name: `realtime ${randomUUID().slice(0, 8)}`,
    plan: "free",
    scopes,
    overrides: { burstPerSecond: 100, requestsPerMinute: 3_000, ...overrides },
  });
}

/** `count` quota notices for the account, in order. */
export async function quotaNotices(accountId: string, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, index) => ({
    type: "orrery.quota.threshold_crossed" as const,
    accountId,
    data: { accountId, thresholdPercent: 80, used: BigInt(index + 1), quota: 1_000n },
  }));
  // In sends of 500: the broker refuses one request larger than its message size limit.
  for (let start = 0; start < events.length; start += 500) {
    await publisher.publishMany(events.slice(start, start + 500));
  }
}

export function realtimeWsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, "ws")}/v1/realtime`;
}

/** A client that records what it receives on the channels it subscribes to. */
export class RecordingClient {
  readonly client: RealtimeClient;
  readonly publications: Publication[] = [];
  readonly subscribed: Subscribed[] = [];
  readonly errors: { code: string; channel?: string }[] = [];
  readonly closes: { code: number; reason: string; reconnecting: boolean }[] = [];

  constructor(options: ConstructorParameters<typeof RealtimeClient>[0]) {
    this.client = new RealtimeClient({ backoff: { initialMs: 50, maxMs: 500 }, ...options });
    this.client.on((event) => {
      if (event.type === "subscribed") this.subscribed.push(event.subscribed);
      else if (event.type === "error") this.errors.push(event.error);
      else if (event.type === "close") this.closes.push(event);
    });
  }

  async subscribe(
    channel: Parameters<RealtimeClient["subscribe"]>[0],
    since?: { offset: number; epoch: string },
  ): Promise<Subscribed> {
    const before = this.subscribed.length;
    this.client.subscribe(channel, (publication) => this.publications.push(publication), since);
    await waitFor(() => this.subscribed.slice(before).some((s) => s.channel === channel), {
      timeoutMs: 10_000,
      message: `subscribed to ${channel}`,
    });
    return this.subscribed.slice(before).find((s) => s.channel === channel) as Subscribed;
  }

  of(channel: string): Publication[] {
    return this.publications.filter((publication) => publication.channel === channel);
  }
}

/**
 * Resolves once the realtime process at `httpUrl` consumes events: its consumer group joins a
 * few seconds after it starts. Publishes a notice for a probe account until one arrives there.
 */
export async function untilConsuming(httpUrl: string): Promise<void> {
  const probe = await tenant();
  const recording = new RecordingClient({ url: realtimeWsUrl(httpUrl), apiKey: probe.key });
  await recording.client.connect();
  await recording.subscribe("usage");
  try {
    await waitFor(
      async () => {
        await quotaNotices(probe.accountId, 1);
        return recording.of("usage").length > 0;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, message: `${httpUrl} consuming` },
    );
  } finally {
    recording.client.close();
  }
}

export interface StreamEvent {
  readonly id: string | undefined;
  readonly event: string | undefined;
  readonly data: string;
}

/** An open text/event-stream response, parsed as it arrives. */
export class EventStreamReader {
  readonly events: StreamEvent[] = [];
  readonly comments: string[] = [];
  private readonly controller = new AbortController();
  status = 0;

  async open(url: string, headers: Record<string, string>): Promise<void> {
    const response = await fetch(url, { headers, signal: this.controller.signal });
    this.status = response.status;
    if (!response.ok || response.body === null) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: "" }));
        if (done) return;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    })();
  }

  close(): void {
    this.controller.abort();
  }

  publications(): StreamEvent[] {
    return this.events.filter((event) => event.event === "publication");
  }

  private parse(block: string): void {
    let id: string | undefined;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("id: ")) id = line.slice(4);
      else if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (event !== undefined || data.length > 0)
      this.events.push({ id, event, data: data.join("\n") });
  }
}
