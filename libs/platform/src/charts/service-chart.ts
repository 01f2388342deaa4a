// What a service chart is made of: the declaration of one service (its ports, what it uses, who
// calls it, its own settings) and the values, schema and traits written from it.
import { globalEntries } from "./global-values.js";
import {
  arrayOf,
  boolean,
  cidr,
  duration,
  egressRules,
  environmentName,
  imageDigest,
  imageTag,
  ingressRules,
  integerFrom,
  logLevel,
  networkPeers,
  nonEmptyString,
  oneOf,
  port,
  pullPolicy,
  quantity,
  resourceName,
  serviceName,
  string,
  stringMap,
} from "./schemas.js";
import { type Entries, environmentOf, group, schemaOnly, setting } from "./values-tree.js";

interface ComputeResources {
  readonly cpu: string;
  readonly memory: string;
}

/** Another Orrery service this one calls: its URL variable and a NetworkPolicy egress rule. */
export interface Upstream {
  /** The key under `upstreams` in the values. */
  readonly key: string;
  /** The service called (its declaration gives the port and the protocol). */
  readonly service: string;
  /** The variable holding its URL: dns:///host:port for gRPC, http://host:port for HTTP. */
  readonly env: string;
  /** What the variable is for, in the values' comment. */
  readonly purpose?: string;
}

/** A value taken from an existing Secret the operator creates (the chart never holds one). */
export interface SecretValue {
  readonly env: string;
  readonly doc: string;
  readonly secretName: string;
  readonly secretKey: string;
}

export interface ServiceDeclaration {
  /** Chart, Service and Deployment name; other services reach this one by it. */
  readonly name: string;
  /** Chart.yaml's description. */
  readonly description: string;
  /** HTTP_PORT and what answers there. */
  readonly http: { readonly port: number; readonly serves: string };
  /** GRPC_PORT and the gRPC services it registers; none for an HTTP-only service. */
  readonly grpc?: { readonly port: number; readonly serves: string };
  /** Owns a Postgres database: DATABASE_URL from a Secret, the migrations hook Job. */
  readonly database?: boolean;
  /** REDIS_URL: the shared Redis, or the rate-limit state's Redis. */
  readonly redis?: "shared" | "rateLimit";
  /** RATE_LIMIT_REDIS_URL: decides rate limits itself, on the rate-limit state's Redis. */
  readonly rateLimitRedis?: boolean;
  /** KAFKA_BROKERS. */
  readonly kafka: boolean;
  /**
   * A Kafka consumer that KEDA may scale on its consumer group's lag (the group is named after
   * the service); `topic` narrows the lag to one topic ("" for every topic it consumes).
   */
  readonly keda?: {
    readonly topic: string;
    /** The consumer group the service joins (its config's default); the service's name if absent. */
    readonly consumerGroup?: string;
    readonly lagThreshold?: number;
  };
  /** Orrery services whose pods may call it (on gRPC, or on HTTP when it serves no gRPC). */
  readonly calledBy: readonly string[];
  /** The public door: ingress from networkPolicy.ingressFrom on the HTTP port. */
  readonly public?: boolean;
  readonly upstreams?: readonly Upstream[];
  /** Values taken from Secrets, by their key in the values. */
  readonly secrets?: Readonly<Record<string, SecretValue>>;
  readonly resources: { readonly requests: ComputeResources; readonly limits: ComputeResources };
  readonly autoscaling: { readonly maxReplicas: number };
  /** Drain budget and the grace period built from it (a service draining long connections). */
  readonly shutdown?: {
    readonly drainTimeoutSeconds?: number;
    readonly preStopSleepSeconds?: number;
    readonly graceMarginSeconds?: number;
  };
  /**
   * Egress to the internet on these TCP ports, never to cluster-internal, private, loopback,
   * link-local (cloud metadata) or CGNAT ranges: for calls to partners' servers.
   */
  readonly internetEgress?: { readonly ports: readonly number[]; readonly purpose: string };
  /**
   * The service's own values, placed before the common ones. A setting declared with `env`
   * is passed to the service as that variable (lists joined with commas).
   */
  readonly settings?: Entries;
}

/** What the library chart is told about the service (templates/<service>.yaml). */
export interface Traits {
  readonly grpc: boolean;
  readonly database: boolean;
  readonly redis: boolean | "rateLimit";
  readonly rateLimitRedis: boolean;
  readonly kafka: boolean;
  readonly clients: readonly string[];
  readonly public: boolean;
  readonly upstreams: readonly { key: string; env: string; protocol: "grpc" | "http" }[];
  readonly valueEnv: Readonly<Record<string, string>>;
  readonly secretValues: Readonly<Record<string, string>>;
}

/** Ranges an outbound call to a partner must never reach (IPv4 and IPv6). */
export const NON_PUBLIC_RANGES = {
  ipv4: [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
  ],
  ipv6: ["::1/128", "::ffff:0:0/96", "fc00::/7", "fe80::/10"],
} as const;

function upstreamTarget(upstream: Upstream, all: readonly ServiceDeclaration[]) {
  const target = all.find((service) => service.name === upstream.service);
  if (target === undefined) throw new Error(`upstream ${upstream.service} is not declared`);
  return target.grpc
    ? { protocol: "grpc" as const, port: target.grpc.port }
    : { protocol: "http" as const, port: target.http.port };
}

export function traitsOf(service: ServiceDeclaration, all: readonly ServiceDeclaration[]): Traits {
  return {
    grpc: service.grpc !== undefined,
    database: service.database ?? false,
    redis: service.redis === undefined ? false : service.redis === "rateLimit" ? "rateLimit" : true,
    rateLimitRedis: service.rateLimitRedis ?? false,
    kafka: service.kafka,
    clients: service.calledBy,
    public: service.public ?? false,
    upstreams: (service.upstreams ?? []).map((upstream) => ({
      key: upstream.key,
      env: upstream.env,
      protocol: upstreamTarget(upstream, all).protocol,
    })),
    valueEnv: environmentOf(service.settings ?? {}),
    secretValues: Object.fromEntries(
      Object.entries(service.secrets ?? {}).map(([key, secret]) => [secret.env, key]),
    ),
  };
}

const cpu = (value: string | undefined) =>
  setting("CPU, in cores or millicores.", value, quantity, { optional: true });
const memory = (value: string) => setting("Memory.", value, quantity);
const ephemeralStorage = schemaOnly(
  setting("Local ephemeral storage.", "", quantity, { optional: true }),
);

/** Requests of CPU and memory (scheduling and utilisation need both), a memory limit at least. */
export const resourcesGroup = (doc: string, value: ServiceDeclaration["resources"]) =>
  group(
    doc,
    {
      requests: group(
        "Reserved for the container: scheduling and the autoscaler's utilisation use these.",
        {
          cpu: { ...cpu(value.requests.cpu), optional: false },
          memory: memory(value.requests.memory),
          "ephemeral-storage": ephemeralStorage,
        },
      ),
      limits: group(
        "Caps: CPU is throttled above its limit, the container is OOM-killed above memory's.",
        {
          cpu: cpu(value.limits.cpu),
          memory: memory(value.limits.memory),
          "ephemeral-storage": ephemeralStorage,
        },
      ),
    },
    { definition: "resources" },
  );

/** What bounds a hook Job that an install or upgrade waits for: retries, run time, resources. */
export const hookJobEntries = (
  backoffLimit: number,
  activeDeadlineSeconds: number,
  resourcesDoc: string,
) => ({
  backoffLimit: setting(
    "Retries before the Job, and with it the install or upgrade, fails.",
    backoffLimit,
    integerFrom(0),
  ),
  activeDeadlineSeconds: setting(
    "Upper bound on the Job's run time, in seconds.",
    activeDeadlineSeconds,
    integerFrom(30),
  ),
  resources: resourcesGroup(resourcesDoc, {
    requests: { cpu: "50m", memory: "96Mi" },
    limits: { cpu: "1", memory: "256Mi" },
  }),
});

const probeTiming = (doc: string, period: number, failures: number, failureDoc: string) =>
  group(
    doc,
    {
      periodSeconds: setting("Seconds between checks.", period, integerFrom(1)),
      timeoutSeconds: setting("Seconds before a check counts as failed.", 2, integerFrom(1)),
      failureThreshold: setting(failureDoc, failures, integerFrom(1)),
    },
    { definition: "probeTiming" },
  );

/** The values of a service chart, in the order values.yaml lists them. */
export function serviceEntries(
  service: ServiceDeclaration,
  all: readonly ServiceDeclaration[],
): Entries {
  const { name, grpc } = service;
  const shutdown = {
    drainTimeoutSeconds: 20,
    preStopSleepSeconds: 5,
    graceMarginSeconds: 5,
    ...service.shutdown,
  };
  const callers = service.calledBy.join(" and ");
  const ingress = service.public
    ? "the public on the HTTP port"
    : `calls from ${callers} to the ${grpc ? "gRPC" : "HTTP"} port`;
  return {
    enabled: setting(
      `Install this service. The umbrella chart's dependency condition (\`${name}.enabled\`); has no effect when this chart is installed on its own.`,
      true,
      boolean,
      { optional: true },
    ),
    nameOverride: setting(
      "Replaces the chart name in object names and in the app.kubernetes.io/name label. Other services reach this one by that name, so change it only together with their settings.",
      "",
      { type: "string", maxLength: 63 },
      { optional: true },
    ),
    fullnameOverride: setting(
      "Replaces the whole object name (same caveat as nameOverride).",
      "",
      { type: "string", maxLength: 63 },
      { optional: true },
    ),
    image: group("The service's container image.", {
      registry: setting(
        "Registry (and path) put before the repository; empty falls back to global.image.registry.",
        "",
        string,
        { optional: true },
      ),
      repository: setting(
        `Repository of the image built by skaffold (scripts/docker/service.Dockerfile, SERVICE=${name}).`,
        `orrery/${name}`,
        nonEmptyString,
      ),
      tag: setting(
        "Tag; empty falls back to global.image.tag, then to the chart's appVersion.",
        "",
        imageTag,
        { optional: true },
      ),
      digest: setting(
        "Digest (sha256:…) appended to the tag, pinning the exact image.",
        "",
        imageDigest,
        { optional: true },
      ),
      pullPolicy: setting("Kubernetes imagePullPolicy.", "IfNotPresent", pullPolicy),
    }),
    imagePullSecrets: setting(
      "Names of docker-registry Secrets for pulling the image, added to global.imagePullSecrets.",
      [],
      arrayOf(resourceName),
    ),
    replicaCount: setting("Pod count when neither the HPA nor KEDA is enabled.", 2, integerFrom(1)),
    logLevel: setting("LOG_LEVEL of the service (pino levels).", "info", logLevel),
    service: group("The Kubernetes Service in front of the pods, and the container ports.", {
      ...(grpc && {
        grpcPort: setting(
          `GRPC_PORT: ${grpc.serves}, grpc.health.v1 and reflection.`,
          grpc.port,
          port,
        ),
      }),
      httpPort: setting(`HTTP_PORT: ${service.http.serves}.`, service.http.port, port),
      ...(grpc && {
        headless: setting(
          `Headless Service (clusterIP: None): callers dial dns:///${name}:${grpc.port} with round_robin, so DNS must return every ready pod rather than one virtual IP.`,
          true,
          boolean,
        ),
      }),
      ...(service.public && {
        type: setting(
          "Service type: ClusterIP behind an ingress controller, or LoadBalancer to expose it directly.",
          "ClusterIP",
          oneOf("ClusterIP", "NodePort", "LoadBalancer"),
          { optional: true },
        ),
      }),
      annotations: setting(
        "Annotations on the Service (e.g. for a cloud load balancer).",
        {},
        stringMap,
        { optional: true },
      ),
    }),
    ...(grpc && {
      grpc: group("gRPC server settings.", {
        maxConnectionAgeSeconds: setting(
          "GRPC_MAX_CONNECTION_AGE_MS: connections older than this are closed, so clients re-resolve DNS and spread over pods added by a scale-up.",
          300,
          integerFrom(1),
        ),
      }),
    }),
    ...(service.upstreams && {
      upstreams: group(
        "The Orrery services it calls, by Service name and port in this namespace. Each becomes a URL variable (dns:///host:port for gRPC, http://host:port for HTTP) and a NetworkPolicy egress rule to the pods labelled app.kubernetes.io/name=host.",
        Object.fromEntries(
          service.upstreams.map((upstream) => {
            const target = upstreamTarget(upstream, all);
            return [
              upstream.key,
              group(
                `${upstream.env}${upstream.purpose ? `: ${upstream.purpose}` : ""}.`,
                {
                  host: setting("Service name.", upstream.service, serviceName),
                  port: setting(
                    `${target.protocol === "grpc" ? "gRPC" : "HTTP"} port.`,
                    target.port,
                    port,
                  ),
                },
                { definition: "upstream" },
              ),
            ];
          }),
        ),
      ),
    }),
    ...service.settings,
    ...Object.fromEntries(
      Object.entries(service.secrets ?? {}).map(([key, secret]) => [
        key,
        group(`${secret.env}: ${secret.doc}`, {
          existingSecret: setting(
            "Existing Secret holding it; the chart never creates or inlines it.",
            secret.secretName,
            resourceName,
          ),
          key: setting("Key of the value in that Secret.", secret.secretKey, nonEmptyString),
        }),
      ]),
    ),
    ...(service.database && {
      database: group("The service's own Postgres database.", {
        existingSecret: setting(
          "Existing Secret with the connection URL(s); the chart never creates or inlines it.",
          `${name}-database`,
          resourceName,
        ),
        urlKey: setting(
          "Key of DATABASE_URL (postgres://user:password@host:5432/database) in that Secret.",
          "url",
          nonEmptyString,
        ),
        replicaUrlsKey: setting(
          "Key of DATABASE_REPLICA_URLS (comma-separated read replicas) in that Secret; empty for none.",
          "",
          string,
          { optional: true },
        ),
        poolSize: setting(
          "DATABASE_POOL_SIZE: Postgres connections per pod (mind max_connections × maxReplicas).",
          10,
          integerFrom(1, 200),
        ),
      }),
      migrations: group("The migrations hook Job.", {
        enabled: setting(
          "Run the service's migrations (dbmate: db/migrations and the outbox table) as a pre-install/pre-upgrade hook Job, so new pods never start on an old schema.",
          true,
          boolean,
        ),
        ...hookJobEntries(2, 600, "Resources of the migrations container."),
      }),
    }),
    env: setting(
      'Extra non-secret environment variables (NAME: "value") put in the ConfigMap. Variables the chart already sets (ports, KAFKA_BROKERS, …) are refused: set them through their own key.',
      {},
      {
        type: "object",
        propertyNames: environmentName,
        additionalProperties: { type: ["string", "number", "boolean"] },
      },
    ),
    secretEnv: setting(
      "Extra environment variables from existing Secrets: NAME: { secretName: …, key: … }.",
      {},
      {
        type: "object",
        propertyNames: environmentName,
        additionalProperties: {
          type: "object",
          additionalProperties: false,
          required: ["secretName", "key"],
          properties: { secretName: resourceName, key: nonEmptyString },
        },
      },
    ),
    shutdown: group(
      "Graceful shutdown: how long a pod keeps serving, drains, and may take in total.",
      {
        drainTimeoutSeconds: setting(
          "SHUTDOWN_TIMEOUT_MS: on SIGTERM the service stops taking work and finishes what is in flight within this budget.",
          shutdown.drainTimeoutSeconds,
          integerFrom(1),
        ),
        preStopSleepSeconds: setting(
          "preStop sleep before SIGTERM: endpoints are removed while the pod still serves, so no new request reaches a draining pod.",
          shutdown.preStopSleepSeconds,
          integerFrom(1),
        ),
        graceMarginSeconds: setting(
          "Slack added to the two above to form terminationGracePeriodSeconds, so the kubelet never kills a drain that is on time.",
          shutdown.graceMarginSeconds,
          integerFrom(1),
        ),
      },
    ),
    probes: group(
      grpc
        ? 'Probe timing. The handlers are native gRPC health checks (grpc.health.v1, service "") on the gRPC port: NOT_SERVING while starting and draining.'
        : "Probe timing. The handlers are GET /healthz (startup, liveness) and GET /readyz (readiness: dependencies answer and the process is not draining) on the HTTP port.",
      {
        startup: probeTiming(
          "Allows up to periodSeconds × failureThreshold (60 s) for the first successful check.",
          2,
          30,
          "Failed checks before the container is restarted.",
        ),
        liveness: probeTiming(
          "Restarts a container that stopped answering.",
          10,
          3,
          "Failed checks before the container is restarted.",
        ),
        readiness: probeTiming(
          "Takes a pod out of the Service endpoints while it is not ready.",
          5,
          2,
          "Failed checks before the pod is marked unready.",
        ),
      },
    ),
    resources: resourcesGroup(
      "Container resources. Requests drive scheduling and the HPA's utilisation; limits cap a leak.",
      service.resources,
    ),
    tmpSizeLimit: setting(
      "Size limit of the /tmp emptyDir (the root file system is read-only).",
      "64Mi",
      quantity,
    ),
    autoscaling: group(
      "HorizontalPodAutoscaler (autoscaling/v2) on CPU and memory utilisation of the requests.",
      {
        enabled: setting(
          "Render the HPA; the Deployment then leaves replicas to it.",
          true,
          boolean,
        ),
        minReplicas: setting(
          "Fewest pods (2 keeps the service up through a node drain).",
          2,
          integerFrom(1),
        ),
        maxReplicas: setting("Most pods.", service.autoscaling.maxReplicas, integerFrom(1)),
        targetCPUUtilizationPercentage: setting(
          "Target average CPU utilisation, percent of the request.",
          70,
          integerFrom(1, 100),
        ),
        targetMemoryUtilizationPercentage: setting(
          "Target average memory utilisation, percent of the request.",
          80,
          integerFrom(1, 100),
        ),
        podMetrics: setting(
          "Per-pod metrics of the custom metrics API (e.g. served by prometheus-adapter from the service's /metrics) the HPA scales on as well: { name, averageValue } each, the target average per pod (e.g. open connections).",
          [],
          arrayOf({
            type: "object",
            additionalProperties: false,
            required: ["name", "averageValue"],
            properties: {
              name: { type: "string", pattern: "^[a-zA-Z_:][a-zA-Z0-9_:]*$" },
              averageValue: quantity,
            },
          }),
          { optional: true },
        ),
        scaleUpStabilizationWindowSeconds: setting(
          "Seconds of recommendations considered before scaling up (0: react at once).",
          0,
          integerFrom(0, 3600),
        ),
        scaleDownStabilizationWindowSeconds: setting(
          "Seconds of recommendations considered before scaling down, so a burst does not flap.",
          300,
          integerFrom(0, 3600),
        ),
      },
    ),
    ...(service.keda && {
      keda: group(
        "KEDA ScaledObject (keda.sh/v1alpha1) instead of the HPA: scales on the consumer group's Kafka lag as well as on CPU and memory (autoscaling.* gives the bounds and targets).",
        {
          enabled: setting(
            "Render the ScaledObject (needs KEDA in the cluster) and no HPA.",
            false,
            boolean,
          ),
          pollingInterval: setting("Seconds between lag checks.", 15, integerFrom(1)),
          cooldownPeriod: setting(
            "Seconds to wait after the last active trigger before scaling back to minReplicas.",
            300,
            integerFrom(0),
          ),
          kafka: group("The Kafka lag trigger.", {
            consumerGroup: setting(
              "Consumer group whose lag is measured.",
              service.keda.consumerGroup ?? name,
              nonEmptyString,
            ),
            topic: setting(
              "Topic to measure; empty measures every topic the group consumes.",
              service.keda.topic,
              string,
              { optional: true },
            ),
            lagThreshold: setting(
              "Target lag per pod.",
              service.keda.lagThreshold ?? 100,
              integerFrom(1),
            ),
            authenticationRef: setting(
              "Name of a KEDA TriggerAuthentication for the brokers; empty for none.",
              "",
              string,
              { optional: true },
            ),
          }),
        },
      ),
    }),
    podDisruptionBudget: group(
      "PodDisruptionBudget: limits voluntary evictions (node drains, upgrades) of the pods.",
      {
        enabled: setting("Render the PodDisruptionBudget.", true, boolean),
        maxUnavailable: setting(
          "Pods that may be down at once during voluntary disruptions (a number or a percentage).",
          1,
          {
            oneOf: [
              { type: "integer", minimum: 1 },
              { type: "string", pattern: "^([1-9][0-9]?|100)%$" },
            ],
          },
        ),
      },
    ),
    serviceAccount: group("The pods' ServiceAccount.", {
      create: setting(
        "Create a ServiceAccount for the pods (its token is never mounted).",
        true,
        boolean,
      ),
      name: setting(
        'Name; empty means the object name when created, "default" otherwise.',
        "",
        string,
        { optional: true },
      ),
      annotations: setting("Annotations (e.g. a cloud IAM role binding).", {}, stringMap, {
        optional: true,
      }),
    }),
    podAnnotations: setting("Annotations on the pods.", {}, stringMap),
    podLabels: setting("Extra labels on the pods.", {}, stringMap),
    priorityClassName: setting(
      "PriorityClass of the pods; empty for the cluster default.",
      "",
      string,
    ),
    nodeSelector: setting("Node labels the pods must match.", {}, stringMap),
    tolerations: setting("Tolerations of the pods.", [], arrayOf({ type: "object" })),
    affinity: setting("Affinity rules of the pods.", {}, { type: "object" }),
    topologySpread: group("Spread the pods over zones and nodes.", {
      enabled: setting("Render topologySpreadConstraints.", true, boolean),
      maxSkew: setting(
        "Largest allowed difference in pod count between two domains.",
        1,
        integerFrom(1),
      ),
      whenUnsatisfiable: setting(
        "ScheduleAnyway prefers spreading; DoNotSchedule enforces it.",
        "ScheduleAnyway",
        oneOf("ScheduleAnyway", "DoNotSchedule"),
      ),
      topologyKeys: setting(
        "Domains to spread over, one constraint each.",
        ["topology.kubernetes.io/zone", "kubernetes.io/hostname"],
        arrayOf(nonEmptyString),
      ),
    }),
    networkPolicy: group(
      `NetworkPolicy: deny everything, then allow ${ingress}, the metrics scraper (global.networkPolicy.metricsFrom) and egress to DNS and to what the service uses.`,
      {
        enabled: setting("Render the NetworkPolicy.", true, boolean),
        ...(service.public && {
          ingressFrom: setting(
            "Who may reach the HTTP port (NetworkPolicyPeers, e.g. the ingress controller's namespace); empty allows any source, as a LoadBalancer Service needs.",
            [],
            networkPeers,
            { optional: true },
          ),
        }),
        ...(service.internetEgress && {
          internetEgress: group(
            `Egress to the internet: ${service.internetEgress.purpose} Every address is allowed except the ranges below, so no URL can reach in-cluster, private or cloud-metadata addresses.`,
            {
              enabled: setting("Render the rule.", true, boolean),
              ports: setting("TCP ports allowed.", service.internetEgress.ports, {
                ...arrayOf(port),
                minItems: 1,
              }),
              exceptIPv4: setting(
                "IPv4 ranges never reached (private, loopback, link-local, CGNAT); add your cluster's pod and Service ranges if they lie elsewhere.",
                NON_PUBLIC_RANGES.ipv4,
                arrayOf(cidr),
              ),
              exceptIPv6: setting(
                "IPv6 ranges never reached (loopback, IPv4-mapped, unique-local, link-local).",
                NON_PUBLIC_RANGES.ipv6,
                arrayOf(cidr),
              ),
            },
          ),
        }),
        extraIngress: setting(
          "Extra ingress rules (NetworkPolicyIngressRule objects).",
          [],
          ingressRules,
          { optional: true },
        ),
        extraEgress: setting(
          "Extra egress rules (NetworkPolicyEgressRule objects).",
          [],
          egressRules,
          { optional: true },
        ),
      },
    ),
    serviceMonitor: group(
      "Prometheus Operator ServiceMonitor scraping /metrics on the HTTP port.",
      {
        enabled: setting(
          "Render the ServiceMonitor (needs the monitoring.coreos.com CRDs).",
          false,
          boolean,
        ),
        interval: setting("Scrape interval.", "30s", duration),
        scrapeTimeout: setting("Scrape timeout (at most the interval).", "10s", duration),
        labels: setting(
          "Extra labels, e.g. the one your Prometheus selects ServiceMonitors by.",
          {},
          stringMap,
          { optional: true },
        ),
      },
    ),
    global: group(
      "Settings shared by every Orrery chart. The umbrella chart (charts/orrery) sets them once for the whole platform and they override these; these make the chart installable on its own.",
      globalEntries({
        postgres: service.database ?? false,
        redis: service.redis !== undefined || (service.rateLimitRedis ?? false),
        rateLimitRedis: service.redis === "rateLimit" || (service.rateLimitRedis ?? false),
        kafka: service.kafka,
      }),
      { optional: true },
    ),
    "orrery-lib": setting(
      "Added by Helm for the library dependency; it takes no values.",
      undefined,
      { type: "object", additionalProperties: false, properties: { global: { type: "object" } } },
      { optional: true, schemaOnly: true },
    ),
  };
}
