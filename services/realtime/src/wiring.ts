import type { PolicyStore } from "@orrery/policy";
import type { Logger } from "@orrery/telemetry";
import type { Redis } from "ioredis";
import { createAuthenticator } from "./adapters/authenticator.js";
import { RedisChannelHistory } from "./adapters/redis-channel-history.js";
import { RedisConnectionRegistry } from "./adapters/redis-connection-registry.js";
import type { Config } from "./config.js";
import { Gatekeeper } from "./domain/admission.js";
import { Hub } from "./domain/hub.js";
import type { ConnectionRegistry } from "./domain/ports.js";
import type { SessionDependencies } from "./domain/session.js";
import { EventsStream } from "./transport/http/v1-events-stream.js";
import { RealtimeEndpoint } from "./transport/ws/realtime-endpoint.js";

export interface RealtimeDomain {
  readonly hub: Hub;
  readonly registry: ConnectionRegistry;
  readonly endpoint: RealtimeEndpoint;
  readonly stream: EventsStream;
  close(): void;
}

/** Adapters built and handed to the domain, in one place. */
export function buildDomain(
  config: Config,
  redis: Redis,
  policies: PolicyStore,
  logger: Logger,
): RealtimeDomain {
  const now = () => Date.now();
  const history = new RedisChannelHistory(redis, {
    maxLength: config.REALTIME_HISTORY_MAX_LENGTH,
    maxAgeMs: config.REALTIME_HISTORY_MAX_AGE_MS,
    positionTtlMs: config.REALTIME_POSITION_TTL_MS,
  });
  const registry = new RedisConnectionRegistry(redis, config.REALTIME_CONNECTION_TTL_MS);
  const authenticator = createAuthenticator({
    apiKeyTarget: config.APIKEY_SERVICE_URL,
    timeoutMs: config.APIKEY_TIMEOUT_MS,
    tokenSecret: config.REALTIME_TOKEN_SECRET,
    policy: () => policies.policy,
    now,
  });
  const hub = new Hub(history, history);
  const gatekeeper = new Gatekeeper(authenticator, registry);
  const session: SessionDependencies = {
    hub,
    history,
    owners: history,
    authenticator,
    now,
    heartbeat: {
      intervalMs: config.REALTIME_PING_INTERVAL_MS,
      timeoutMs: config.REALTIME_PONG_TIMEOUT_MS,
    },
  };
  const endpoint = new RealtimeEndpoint({
    gatekeeper,
    session,
    logger,
    maxBufferedBytes: config.REALTIME_MAX_BUFFERED_BYTES,
    maxFrameBytes: config.REALTIME_MAX_FRAME_BYTES,
  });
  const { heartbeat: _pings, ...streamSession } = session;
  const stream = new EventsStream({
    gatekeeper,
    session: streamSession,
    logger,
    maxBufferedBytes: config.REALTIME_MAX_BUFFERED_BYTES,
    keepAliveMs: config.REALTIME_PING_INTERVAL_MS,
  });
  return { hub, registry, endpoint, stream, close: () => authenticator.close() };
}
