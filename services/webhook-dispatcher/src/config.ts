import {
  backendServiceEnv,
  booleanFlag,
  type ConfigIssue,
  commaList,
  defineServiceConfig,
  durationMs,
  secret,
  z,
} from "@orrery/config";
import { parseSchedule } from "./domain/retry-schedule.js";
import type { EnvelopeKey } from "./domain/secret-box.js";

/** The local-stack value in scripts/env/webhook-dispatcher.env: refused in production. */
const LOCAL_DEVELOPMENT_KEY = "local-1:bG9jYWwtZGV2ZWxvcG1lbnQta2V5LW5vdC1hLXNlY3I=";

const DAY_MS = 24 * 60 * 60 * 1000;

const envelopeKeys = z
  .string()
  .min(1)
  .transform((value, context): EnvelopeKey[] => {
    const keys: EnvelopeKey[] = [];
    for (const entry of value.split(",")) {
      const separator = entry.indexOf(":");
      const id = entry.slice(0, separator).trim();
      const key = Buffer.from(entry.slice(separator + 1).trim(), "base64");
      if (separator <= 0 || key.length !== 32) {
        context.addIssue({ code: "custom", message: "must list id:base64-of-32-bytes entries" });
        return z.NEVER;
      }
      keys.push({ id, key });
    }
    return keys;
  });

const schedule = z
  .string()
  .default("0,5s,5m,30m,2h,5h,10h,10h")
  .transform((value, context) => {
    try {
      const parsed = parseSchedule(value);
      if (parsed.length === 0) throw new Error("must name at least one attempt");
      return parsed;
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

export const loadServiceConfig = defineServiceConfig(
  "webhook-dispatcher",
  {
    ...backendServiceEnv({ http: 9403, grpc: 50053 }),
    /**
     * Envelope keys that seal endpoint signing secrets at rest, "id:base64,…" (32-byte keys).
     * New secrets are sealed with WEBHOOK_SECRET_ACTIVE_KEY; the others still open old ones.
     */
    WEBHOOK_SECRET_KEYS: secret(envelopeKeys),
    /** Id of the key new secrets are sealed with; the first listed when unset. */
    WEBHOOK_SECRET_ACTIVE_KEY: z.string().min(1).optional(),
    /** Plain-http endpoint URLs (local development only; refused in production). */
    WEBHOOK_ALLOW_HTTP: booleanFlag(false),
    /** Host names ("hooks.internal", "*.corp.example") and ranges ("10.1.0.0/16") admitted despite the SSRF rules. */
    WEBHOOK_ALLOWED_DESTINATIONS: commaList().optional(),
    /** DNS servers ("127.0.0.1:53") to resolve endpoint hosts with; the system resolver when unset. */
    WEBHOOK_DNS_SERVERS: commaList().optional(),
    /** The wait before each attempt, the first one included: "0,5s,5m,30m,2h,5h,10h,10h". */
    WEBHOOK_RETRY_SCHEDULE: schedule,
    /** ± this fraction of each retry delay. */
    WEBHOOK_RETRY_JITTER: z.coerce.number().min(0).max(0.5).default(0.2),
    /** A receiver's Retry-After (429, 503) is honoured up to this long. */
    WEBHOOK_RETRY_AFTER_MAX_MS: durationMs(60 * 60 * 1000),
    /** One attempt, connect to the last byte of the response. */
    WEBHOOK_TIMEOUT_MS: durationMs(15_000),
    WEBHOOK_CONNECT_TIMEOUT_MS: durationMs(5_000),
    /** An endpoint failing without a single success for this long is disabled. */
    WEBHOOK_DISABLE_AFTER_MS: durationMs(5 * DAY_MS),
    /** A webhook.message.failing event goes out when a message's attempt number this fails. */
    WEBHOOK_FAILING_AFTER_ATTEMPTS: z.coerce.number().int().min(1).default(3),
    /** Attempts in flight to one endpoint at most, over every dispatcher. */
    WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(10),
    /** Attempts in flight in this process at most. */
    WEBHOOK_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(500),
    WEBHOOK_CLAIM_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(200),
    /** Endpoints with pending messages one claim looks at (the next claim resumes after them). */
    WEBHOOK_CLAIM_ENDPOINTS: z.coerce.number().int().min(1).max(10_000).default(500),
    WEBHOOK_POLL_INTERVAL_MS: durationMs(1_000),
    /** Events, messages and attempts are kept this long. */
    WEBHOOK_RETENTION_MS: durationMs(30 * DAY_MS),
    /** How long the previous secret keeps signing after a rotation. */
    WEBHOOK_ROTATION_GRACE_MS: durationMs(DAY_MS),
    /** batch.progress at most once per batch per this interval. */
    WEBHOOK_BATCH_PROGRESS_INTERVAL_MS: durationMs(10_000),
    /** Kafka consumer group of the account-event consumers. */
    WEBHOOK_CONSUMER_GROUP: z.string().min(1).default("webhook-dispatcher"),
  },
  {
    refine: (config) => {
      const issues: ConfigIssue[] = [];
      const production = config.NODE_ENV === "production";
      const keys = config.WEBHOOK_SECRET_KEYS;
      if (
        production &&
        keys.some((key) => `${key.id}:${key.key.toString("base64")}` === LOCAL_DEVELOPMENT_KEY)
      ) {
        issues.push({
          variable: "WEBHOOK_SECRET_KEYS",
          message: "holds the local development key; set real keys",
        });
      }
      if (production && config.WEBHOOK_ALLOW_HTTP) {
        issues.push({
          variable: "WEBHOOK_ALLOW_HTTP",
          message: "production webhooks must use https",
        });
      }
      const active = config.WEBHOOK_SECRET_ACTIVE_KEY;
      if (active !== undefined && !keys.some((key) => key.id === active)) {
        issues.push({
          variable: "WEBHOOK_SECRET_ACTIVE_KEY",
          message: "names no key of WEBHOOK_SECRET_KEYS",
        });
      }
      return issues;
    },
  },
);

export type Config = ReturnType<typeof loadServiceConfig>;

/** Throws a ConfigError naming every bad variable (loadServiceConfig prints them and exits). */
export const parseServiceConfig = loadServiceConfig.parse;
