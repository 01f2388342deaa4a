// `global`: the settings every Orrery chart shares. The umbrella chart sets them once for the
// platform; each service chart carries the part it reads, so it also installs on its own.
import {
  arrayOf,
  boolean,
  networkPeers,
  nonEmptyString,
  oneOf,
  port,
  resourceName,
  string,
} from "./schemas.js";
import { type Entries, group, schemaOnly, setting, type Value } from "./values-tree.js";

/**
 * Which shared infrastructure a chart's services reach. The others' settings are still accepted
 * (the umbrella chart passes every global to every chart) but left out of its values.yaml.
 */
export interface Infrastructure {
  readonly postgres: boolean;
  readonly redis: boolean;
  readonly rateLimitRedis: boolean;
  readonly kafka: boolean;
}

const redisConnection = (what: string, url: string) =>
  group(
    what,
    {
      url: setting(
        "Its URL when it holds no password (redis:// or rediss://); ignored when existingSecret is set.",
        url,
        { type: "string", pattern: "^(rediss?://.+)?$" },
        { optional: true },
      ),
      existingSecret: setting(
        "Existing Secret holding the URL (use it when the URL carries a password); empty to use url.",
        "",
        string,
        { optional: true },
      ),
      urlKey: setting("Key of the URL in that Secret.", "url", nonEmptyString, { optional: true }),
    },
    { optional: true, definition: "redisConnection" },
  );

const peersOn = (what: string, defaultPort: number) =>
  group(
    what,
    {
      to: setting("Peers; empty for any.", [], networkPeers, { optional: true }),
      port: setting("TCP port.", defaultPort, port, { optional: true }),
    },
    { optional: true, definition: "peersOnPort" },
  );

const onlyIf = <T extends Value>(used: boolean, value: T): T => (used ? value : schemaOnly(value));

export function globalEntries(uses: Infrastructure): Entries {
  return {
    image: group(
      "Image defaults for every Orrery chart.",
      {
        registry: setting(
          "Registry (and path) put before every Orrery image repository, e.g. ghcr.io/acme; a service's image.registry wins.",
          "",
          string,
          { optional: true },
        ),
        tag: setting(
          "Tag of every Orrery image (a service's image.tag wins); empty means each chart's appVersion, the service's version.",
          "",
          string,
          { optional: true },
        ),
      },
      { optional: true },
    ),
    imagePullSecrets: setting(
      "Pull secrets (existing docker-registry Secrets) for every Orrery pod.",
      [],
      arrayOf(resourceName),
      { optional: true },
    ),
    kafka: onlyIf(
      uses.kafka,
      group(
        "The Kafka cluster.",
        {
          brokers: setting(
            "KAFKA_BROKERS: bootstrap servers of your Kafka, host:port.",
            ["kafka:9092"],
            {
              type: "array",
              minItems: 1,
              items: { type: "string", pattern: "^[A-Za-z0-9.-]+:[0-9]{1,5}$" },
            },
            { optional: true },
          ),
        },
        { optional: true },
      ),
    ),
    redis: onlyIf(
      uses.redis,
      redisConnection("The Redis server (REDIS_URL).", "redis://redis:6379"),
    ),
    rateLimitRedis: onlyIf(
      uses.rateLimitRedis,
      redisConnection(
        "A Redis of its own for rate-limit state (rate-limit's REDIS_URL, the gateway's RATE_LIMIT_REDIS_URL): best without persistence, since rate-limit copies monthly counts to Postgres itself and GCRA times are worthless after a restart. Empty: global.redis. The NetworkPolicy lets pods reach it like the shared one (networkPolicy.redis: peers, port).",
        "",
      ),
    ),
    telemetry: group(
      "OpenTelemetry (the OTEL_* variables).",
      {
        sdkDisabled: setting(
          "OTEL_SDK_DISABLED: no tracing at all (trace context is not propagated either).",
          false,
          boolean,
          { optional: true },
        ),
        tracesExporter: setting(
          "OTEL_TRACES_EXPORTER: otlp, console or none (spans still carry trace ids into logs).",
          "none",
          oneOf("otlp", "console", "none"),
          { optional: true },
        ),
        otlpEndpoint: setting(
          "OTEL_EXPORTER_OTLP_ENDPOINT, e.g. http://otel-collector.observability:4318; empty for the default.",
          "",
          { type: "string", pattern: "^(https?://.+)?$" },
          { optional: true },
        ),
        samplerRatio: setting(
          "OTEL_TRACES_SAMPLER_ARG: share of new traces sampled, 0 to 1.",
          1,
          { type: "number", minimum: 0, maximum: 1 },
          { optional: true },
        ),
      },
      { optional: true },
    ),
    networkPolicy: group(
      "Peers of the services' NetworkPolicy rules. An empty `to` allows the port towards any destination: narrow it to the namespaces or CIDRs of your Postgres, Redis and Kafka.",
      {
        metricsFrom: setting(
          "Who may scrape /metrics (NetworkPolicyPeers); empty renders no such rule.",
          [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
          networkPeers,
          { optional: true },
        ),
        dns: group(
          "DNS (UDP and TCP 53).",
          { to: setting("Peers; empty for any.", [], networkPeers, { optional: true }) },
          { optional: true },
        ),
        postgres: onlyIf(uses.postgres, peersOn("Postgres.", 5432)),
        redis: onlyIf(uses.redis || uses.rateLimitRedis, peersOn("Redis.", 6379)),
        kafka: onlyIf(uses.kafka, peersOn("Kafka brokers.", 9092)),
        otlp: peersOn("OpenTelemetry collector (OTLP/HTTP), when tracesExporter is otlp.", 4318),
      },
      { optional: true },
    ),
  };
}
