// The Helm charts under charts/, checked as rendered manifests: `helm lint --strict`, the
// hardened defaults of every service, the values schemas, the services' own config schemas
// against the environment the charts give them, Kubernetes object schemas (kubernetes-models)
// and the Prometheus alerts (promtool). Needs `helm` (scripts/test puts .cache/bin on PATH) and
// `promtool` (Debian's prometheus package, installed by the setup scripts). No cluster is
// involved: nothing here installs anything.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import {
  PrometheusRule,
  ServiceMonitor,
} from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Service, ServiceAccount } from "kubernetes-models/v1";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseAllDocuments, parse as parseYaml, stringify as toYaml } from "yaml";
import { serviceChartFiles } from "./charts/generate.js";
import { arrayOf, integerFrom, nonEmptyString } from "./charts/schemas.js";
import type { ServiceDeclaration } from "./charts/service-chart.js";
import { SERVICES } from "./charts/services.js";
import { group, setting } from "./charts/values-tree.js";
import {
  buildChartDependencies,
  LIBRARY_CHART,
  runHelm,
  SERVICE_CHARTS,
  templateArgs,
  UMBRELLA_CHART,
} from "./helm.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The oldest Kubernetes the charts support (kubeVersion ">=1.30.0-0" in every Chart.yaml). */
const KUBE_VERSION = "1.30.0";
const GRPC_SERVICES = new Set([
  "api-key",
  "rate-limit",
  "webhook-dispatcher",
  "batch-worker",
  "analytics",
]);
const DATABASE_SERVICES = GRPC_SERVICES;
/** Stand-ins for the values the Secrets hold, to run the services' config schemas. */
const SECRET_PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: "postgres://orrery:secret@postgres.example:5432/orrery",
  DATABASE_REPLICA_URLS: "postgres://orrery:secret@replica.example:5432/orrery",
  REDIS_URL: "redis://:secret@redis.example:6379",
  RATE_LIMIT_REDIS_URL: "redis://:secret@redis-limits.example:6379",
  API_KEY_PEPPER: "chart-test-pepper-0123456789abcdef-not-a-secret",
  WEBHOOK_SECRET_KEYS: "chart-1:Y2hhcnQtdGVzdC1lbnZlbG9wZS1rZXktMzItYnl0ZXM=",
  REALTIME_TOKEN_SECRET: "chart-test-realtime-token-secret-not-a-secret",
};

// biome-ignore lint/suspicious/noExplicitAny: manifests are untyped YAML checked field by field
type Manifest = Record<string, any>;

let chartsDir: string;
let workDir: string;

beforeAll(async () => {
  // A private copy, so `helm dependency build` leaves the working tree alone and a stale
  // charts/*/charts/*.tgz of the developer's never hides a change to the library.
  workDir = await mkdtemp(join(tmpdir(), "orrery-charts-"));
  chartsDir = join(workDir, "charts");
  await cp(join(ROOT, "charts"), chartsDir, {
    recursive: true,
    filter: (source) => !/\/charts\/[^/]+\/(charts|Chart\.lock)(\/|$)/.test(source),
  });
  await buildChartDependencies(chartsDir, "helm");
}, 120_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const helm = (args: readonly string[]) => runHelm(args, { helm: "helm", output: "capture" });

async function render(
  options: { valuesFiles?: string[]; set?: string[]; chart?: string } = {},
): Promise<Manifest[]> {
  const output = await helm(
    templateArgs({
      release: "orrery",
      namespace: "orrery",
      chart: join(chartsDir, options.chart ?? UMBRELLA_CHART),
      valuesFiles: (options.valuesFiles ?? []).map((file) => join(chartsDir, file)),
      set: options.set ?? [],
      kubeVersion: KUBE_VERSION,
    }),
  );
  return parseAllDocuments(output)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

async function renderFailure(options: Parameters<typeof render>[0]): Promise<string> {
  try {
    await render(options);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("helm template succeeded but was expected to fail");
}

const find = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata?.name === name);

const mustFind = (manifests: Manifest[], kind: string, name: string): Manifest => {
  const manifest = find(manifests, kind, name);
  if (manifest === undefined) throw new Error(`no ${kind} ${name} in the rendered release`);
  return manifest;
};

const hooks = (manifest: Manifest) => manifest.metadata?.annotations?.["helm.sh/hook"];

function expectHardenedPod(podSpec: Manifest, what: string) {
  expect(podSpec.automountServiceAccountToken, what).toBe(false);
  expect(podSpec.securityContext, what).toMatchObject({
    runAsNonRoot: true,
    runAsUser: 10001,
    seccompProfile: { type: "RuntimeDefault" },
  });
  for (const container of podSpec.containers) {
    expect(container.securityContext, `${what} ${container.name}`).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(container.resources?.requests, `${what} requests`).toMatchObject({
      cpu: expect.anything(),
      memory: expect.anything(),
    });
    expect(container.resources?.limits, `${what} limits`).toMatchObject({
      cpu: expect.anything(),
      memory: expect.anything(),
    });
    const tmp = container.volumeMounts?.find((mount: Manifest) => mount.mountPath === "/tmp");
    expect(tmp, `${what} /tmp mount`).toBeDefined();
    const volume = podSpec.volumes.find((v: Manifest) => v.name === tmp.name);
    expect(volume.emptyDir, `${what} /tmp is an emptyDir`).toBeDefined();
  }
}

/** Kubernetes schemas (types, required fields, enums) of every object the charts render. */
function validateObject(manifest: Manifest): void {
  // The models type their constructor input; the manifests are untyped YAML, checked here.
  type ModelClass = new (data: never) => { validate(): void };
  const models: Record<string, ModelClass> = {
    "v1/ConfigMap": ConfigMap,
    "v1/Service": Service,
    "v1/ServiceAccount": ServiceAccount,
    "apps/v1/Deployment": Deployment,
    "batch/v1/Job": Job,
    "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
    "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
    "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
    "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
    "monitoring.coreos.com/v1/PrometheusRule": PrometheusRule,
    "keda.sh/v1alpha1/ScaledObject": ScaledObject,
  };
  const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
  if (Model === undefined) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest as never).validate();
}

/** The environment a service's container gets: its ConfigMap plus Secret references. */
function containerEnvironment(manifests: Manifest[], service: string) {
  const deployment = mustFind(manifests, "Deployment", service);
  const container = deployment.spec.template.spec.containers[0];
  const configMapName = container.envFrom[0].configMapRef.name;
  const config: Record<string, string> = mustFind(manifests, "ConfigMap", configMapName).data;
  const secrets: Record<string, { name: string; key: string }> = {};
  for (const variable of container.env ?? []) {
    secrets[variable.name] = variable.valueFrom.secretKeyRef;
  }
  return { config, secrets, container, deployment };
}

/**
 * Runs the service's own zod schema (the `./config` export of its package) over the environment
 * the chart gives it, with placeholders for the Secrets. A variable the service requires and the
 * chart does not set fails here, naming the variable.
 */
async function loadServiceConfig(service: string, environment: Record<string, string>) {
  const module = (await import(`@orrery/${service}/config`)) as {
    loadServiceConfig(environment: Record<string, string>): Record<string, unknown>;
  };
  const messages: string[] = [];
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    messages.push(String(chunk).trim());
    return true;
  });
  const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(
      `${service} refuses the chart's environment (exit ${code}): ${messages.join("; ")}`,
    );
  });
  try {
    return module.loadServiceConfig(environment);
  } finally {
    stderr.mockRestore();
    exit.mockRestore();
  }
}

describe("helm lint --strict", () => {
  it.each([LIBRARY_CHART, ...SERVICE_CHARTS, UMBRELLA_CHART])("%s", async (chart) => {
    const output = await helm([
      "lint",
      "--strict",
      join(chartsDir, chart),
      "--kube-version",
      KUBE_VERSION,
    ]);
    expect(output).toContain("0 chart(s) failed");
  });

  it.each(["values-dev.yaml", "values-prod.yaml"])("orrery with %s", async (file) => {
    const output = await helm([
      "lint",
      "--strict",
      join(chartsDir, UMBRELLA_CHART),
      "--values",
      join(chartsDir, UMBRELLA_CHART, file),
      "--kube-version",
      KUBE_VERSION,
    ]);
    expect(output).toContain("0 chart(s) failed");
  });
});

describe.each([
  ["default values", [] as string[]],
  ["values-prod.yaml", ["orrery/values-prod.yaml"]],
  ["values-dev.yaml", ["orrery/values-dev.yaml"]],
])("the umbrella chart rendered with %s", (label, valuesFiles) => {
  let manifests: Manifest[];
  const prod = label === "values-prod.yaml";
  const dev = label === "values-dev.yaml";
  beforeAll(async () => {
    manifests = await render({ valuesFiles });
  });

  it("renders objects that satisfy the Kubernetes (and CRD) schemas", () => {
    expect(manifests.length).toBeGreaterThan(SERVICE_CHARTS.length * 6);
    for (const manifest of manifests) {
      expect(
        () => validateObject(manifest),
        `${manifest.kind} ${manifest.metadata.name}`,
      ).not.toThrow();
    }
  });

  it.each(SERVICE_CHARTS)("%s: a hardened Deployment with requests, limits and /tmp", (service) => {
    const deployment = mustFind(manifests, "Deployment", service);
    expectHardenedPod(deployment.spec.template.spec, service);
    expect(deployment.spec.template.spec.enableServiceLinks).toBe(false);
    const serviceAccount = mustFind(
      manifests,
      "ServiceAccount",
      deployment.spec.template.spec.serviceAccountName,
    );
    expect(serviceAccount.automountServiceAccountToken).toBe(false);
  });

  it.each(SERVICE_CHARTS)("%s: gRPC or HTTP probes on the right port", (service) => {
    const { container } = containerEnvironment(manifests, service);
    const portOf = (name: string) =>
      container.ports.find((port: Manifest) => port.name === name)?.containerPort;
    if (GRPC_SERVICES.has(service)) {
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        expect(container[probe], `${service} ${probe}`).toMatchObject({
          grpc: { port: portOf("grpc") },
        });
        expect(container[probe].httpGet).toBeUndefined();
      }
      expect(portOf("grpc")).toBeGreaterThan(0);
    } else {
      expect(container.startupProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
      expect(container.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
      expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
    }
  });

  it.each(SERVICE_CHARTS)(
    "%s: the grace period outlasts the preStop sleep plus the drain",
    (service) => {
      const { config, container, deployment } = containerEnvironment(manifests, service);
      const preStop = container.lifecycle.preStop.sleep.seconds;
      const drainSeconds = Number(config.SHUTDOWN_TIMEOUT_MS) / 1000;
      expect(preStop).toBeGreaterThan(0);
      expect(drainSeconds).toBe(20);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        preStop + drainSeconds,
      );
    },
  );

  it.each(SERVICE_CHARTS)("%s: scaled by an HPA or KEDA, never both", (service) => {
    const deployment = mustFind(manifests, "Deployment", service);
    const autoscaler = find(manifests, "HorizontalPodAutoscaler", service);
    const scaledObject = find(manifests, "ScaledObject", service);
    if (dev) {
      expect(autoscaler).toBeUndefined();
      expect(scaledObject).toBeUndefined();
      expect(deployment.spec.replicas).toBe(1);
      return;
    }
    // The autoscaler owns the replica count; an upgrade must not reset it.
    expect(deployment.spec.replicas).toBeUndefined();
    const kedaServices = ["webhook-dispatcher", "batch-worker", "analytics"];
    if (prod && kedaServices.includes(service)) {
      expect(autoscaler).toBeUndefined();
      expect(scaledObject?.spec.scaleTargetRef).toEqual({
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: service,
      });
      const kafka = scaledObject?.spec.triggers.find((t: Manifest) => t.type === "kafka");
      // Which group: the service's own config decides (checked with it, below).
      expect(kafka.metadata.consumerGroup).toMatch(/^[a-z0-9-]+$/);
      expect(kafka.metadata.bootstrapServers).toContain("kafka-0.kafka-headless.kafka:9092");
      expect(
        scaledObject?.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown
          .stabilizationWindowSeconds,
      ).toBeGreaterThan(0);
      return;
    }
    expect(scaledObject).toBeUndefined();
    expect(autoscaler?.apiVersion).toBe("autoscaling/v2");
    expect(autoscaler?.spec.scaleTargetRef).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: service,
    });
    const resources = autoscaler?.spec.metrics.map((metric: Manifest) => [
      metric.resource.name,
      metric.resource.target.type,
    ]);
    expect(resources).toEqual([
      ["cpu", "Utilization"],
      ["memory", "Utilization"],
    ]);
    expect(autoscaler?.spec.behavior.scaleDown.stabilizationWindowSeconds).toBeGreaterThan(0);
    expect(autoscaler?.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it.each(SERVICE_CHARTS)("%s: a PDB and a NetworkPolicy that select its pods", (service) => {
    const deployment = mustFind(manifests, "Deployment", service);
    const podLabels = deployment.spec.template.metadata.labels;
    const budget = mustFind(manifests, "PodDisruptionBudget", service);
    expect(podLabels).toMatchObject(budget.spec.selector.matchLabels);
    expect(budget.spec.maxUnavailable).toBe(1);
    const policy = mustFind(manifests, "NetworkPolicy", service);
    expect(podLabels).toMatchObject(policy.spec.podSelector.matchLabels);
    expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    const dnsRule = policy.spec.egress[0];
    expect(dnsRule.ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
  });

  it.each(SERVICE_CHARTS)(
    "%s: the service's own config accepts the chart's environment",
    async (service) => {
      const { config, secrets, container } = containerEnvironment(manifests, service);
      const environment = { ...config };
      for (const [name, reference] of Object.entries(secrets)) {
        expect(reference.name, `${name} comes from a named Secret`).toMatch(/^[a-z0-9-]+$/);
        const placeholder = SECRET_PLACEHOLDERS[name];
        if (placeholder === undefined) throw new Error(`add a placeholder for the secret ${name}`);
        environment[name] = placeholder;
      }
      const parsed = await loadServiceConfig(service, environment);
      const portOf = (name: string) =>
        container.ports.find((port: Manifest) => port.name === name)?.containerPort;
      expect(parsed.NODE_ENV).toBe("production");
      expect(parsed.BIND_HOST).toBe("0.0.0.0");
      expect(parsed.HTTP_PORT).toBe(portOf("http"));
      if (GRPC_SERVICES.has(service)) expect(parsed.GRPC_PORT).toBe(portOf("grpc"));
      // KEDA measures the lag of the consumer group the service really joins.
      const scaled = manifests.find(
        (manifest: Manifest) =>
          manifest.kind === "ScaledObject" && manifest.spec?.scaleTargetRef?.name === service,
      );
      const trigger = scaled?.spec.triggers.find((t: Manifest) => t.type === "kafka");
      if (trigger !== undefined) {
        const groups = Object.entries(parsed)
          .filter(([key]) => key.endsWith("_CONSUMER_GROUP"))
          .map(([, value]) => value);
        expect(groups, `${service}: KEDA's consumer group`).toContain(
          trigger.metadata.consumerGroup,
        );
      }

      // Everything the local stack sets for this service is set in the cluster too.
      const envFile = await readFile(join(ROOT, "scripts/env", `${service}.env`), "utf8");
      const localVariables = envFile
        .split("\n")
        .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
        .map((line) => line.slice(0, line.indexOf("=")));
      for (const variable of localVariables) {
        expect(Object.keys(environment), `${service}: ${variable}`).toContain(variable);
      }
      if (prod) {
        // Secrets stay in Secrets: no credentials in a ConfigMap.
        expect(Object.keys(config)).not.toContain("DATABASE_URL");
        expect(Object.keys(config)).not.toContain("REDIS_URL");
        expect(Object.keys(config)).not.toContain("RATE_LIMIT_REDIS_URL");
      }
    },
  );

  it.each([...DATABASE_SERVICES])("%s: a hardened migrations hook Job", (service) => {
    const job = mustFind(manifests, "Job", `${service}-migrations`);
    expect(job.metadata.annotations).toMatchObject({
      "helm.sh/hook": "pre-install,pre-upgrade",
      "helm.sh/hook-delete-policy": "before-hook-creation,hook-succeeded",
    });
    const pod = job.spec.template.spec;
    expectHardenedPod(pod, `${service} migrations`);
    expect(pod.restartPolicy).toBe("Never");
    const container = pod.containers[0];
    expect(container.command).toEqual([
      "node",
      "node_modules/@orrery/db/dist/bin/migrate.js",
      "db/migrations",
      "node_modules/@orrery/events/migrations",
    ]);
    expect(container.image).toBe(
      mustFind(manifests, "Deployment", service).spec.template.spec.containers[0].image,
    );
    expect(container.env.find((v: Manifest) => v.name === "DATABASE_URL").valueFrom).toEqual({
      secretKeyRef: expect.objectContaining({ key: "url" }),
    });
    // Hook objects exist before the release's ordinary ones: the Job has a hook
    // ServiceAccount created earlier (lower weight) than itself.
    const account = mustFind(manifests, "ServiceAccount", pod.serviceAccountName);
    expect(hooks(account)).toBe("pre-install,pre-upgrade");
    expect(Number(account.metadata.annotations["helm.sh/hook-weight"])).toBeLessThan(
      Number(job.metadata.annotations["helm.sh/hook-weight"]),
    );
  });

  it("has no migrations Job for the services without a database", () => {
    const jobs = manifests.filter((m) => m.kind === "Job").map((m) => m.metadata.name);
    expect(jobs).not.toContain("gateway-migrations");
    expect(jobs).not.toContain("realtime-migrations");
  });

  it("creates the Kafka topics in a hook before the migrations", () => {
    const job = mustFind(manifests, "Job", "orrery-kafka-topics");
    expect(hooks(job)).toBe("pre-install,pre-upgrade");
    expectHardenedPod(job.spec.template.spec, "kafka topics");
    const container = job.spec.template.spec.containers[0];
    expect(container.command).toEqual([
      "node",
      "node_modules/@orrery/events/dist/bin/ensure-topics.js",
    ]);
    expect(container.env.find((v: Manifest) => v.name === "KAFKA_BROKERS").value).toBeTruthy();
    const migrations = mustFind(manifests, "Job", "api-key-migrations");
    expect(Number(job.metadata.annotations["helm.sh/hook-weight"])).toBeLessThan(
      Number(migrations.metadata.annotations["helm.sh/hook-weight"]),
    );
  });

  it("lets each service be reached only by its callers", () => {
    const ingressPeers = (service: string) =>
      mustFind(manifests, "NetworkPolicy", service)
        .spec.ingress.flatMap((rule: Manifest) => rule.from ?? [])
        .map((peer: Manifest) => peer.podSelector?.matchLabels?.["app.kubernetes.io/name"])
        .filter(Boolean);
    expect(ingressPeers("api-key").sort()).toEqual(["gateway", "rate-limit", "realtime"]);
    expect(ingressPeers("batch-worker")).toEqual(["gateway"]);
    expect(ingressPeers("realtime")).toEqual(["gateway"]);
    const gatewayEgress = mustFind(manifests, "NetworkPolicy", "gateway")
      .spec.egress.flatMap((rule: Manifest) => rule.to ?? [])
      .map((peer: Manifest) => peer.podSelector?.matchLabels?.["app.kubernetes.io/name"])
      .filter(Boolean);
    expect(gatewayEgress.sort()).toEqual([
      "analytics",
      "api-key",
      "batch-worker",
      "rate-limit",
      "realtime",
      "webhook-dispatcher",
    ]);
  });

  it("points the gateway at its upstreams by Service name and port", () => {
    const { config } = containerEnvironment(manifests, "gateway");
    expect(config).toMatchObject({
      APIKEY_SERVICE_URL: "dns:///api-key:50051",
      RATELIMIT_SERVICE_URL: "dns:///rate-limit:50052",
      WEBHOOK_SERVICE_URL: "dns:///webhook-dispatcher:50053",
      BATCH_SERVICE_URL: "dns:///batch-worker:50054",
      ANALYTICS_SERVICE_URL: "dns:///analytics:50055",
      REALTIME_URL: "http://realtime:8090",
    });
    // Client-side round_robin needs every pod address from DNS: headless gRPC Services.
    for (const service of GRPC_SERVICES) {
      expect(mustFind(manifests, "Service", service).spec.clusterIP).toBe("None");
    }
  });
});

describe("the production values", () => {
  it("scrape every service and ship the alerts", async () => {
    const manifests = await render({ valuesFiles: ["orrery/values-prod.yaml"] });
    for (const service of SERVICE_CHARTS) {
      const monitor = mustFind(manifests, "ServiceMonitor", service);
      expect(monitor.spec.endpoints).toEqual([
        expect.objectContaining({ port: "http", path: "/metrics" }),
      ]);
    }
    expect(mustFind(manifests, "PrometheusRule", "orrery-alerts").metadata.labels.release).toBe(
      "kube-prometheus-stack",
    );
  });
});

describe("images", () => {
  it("default to orrery/<service>:<appVersion>, the service's package version", async () => {
    const manifests = await render();
    for (const service of SERVICE_CHARTS) {
      const chart = parseYaml(await readFile(join(ROOT, "charts", service, "Chart.yaml"), "utf8"));
      const packageJson = JSON.parse(
        await readFile(join(ROOT, "services", service, "package.json"), "utf8"),
      );
      expect(chart.appVersion).toBe(packageJson.version);
      const image = mustFind(manifests, "Deployment", service).spec.template.spec.containers[0]
        .image;
      expect(image).toBe(`orrery/${service}:${chart.appVersion}`);
    }
  });

  it("take the global registry and tag, and a service's own tag wins", async () => {
    const manifests = await render({
      set: [
        "global.image.registry=registry.example.com",
        "global.image.tag=2.3.0",
        "gateway.image.tag=2.3.1-hotfix",
        `api-key.image.digest=sha256:${"a".repeat(64)}`,
      ],
    });
    const imageOf = (service: string) =>
      mustFind(manifests, "Deployment", service).spec.template.spec.containers[0].image;
    expect(imageOf("gateway")).toBe("registry.example.com/orrery/gateway:2.3.1-hotfix");
    expect(imageOf("analytics")).toBe("registry.example.com/orrery/analytics:2.3.0");
    expect(imageOf("api-key")).toBe(
      `registry.example.com/orrery/api-key:2.3.0@sha256:${"a".repeat(64)}`,
    );
    expect(
      mustFind(manifests, "Job", "orrery-kafka-topics").spec.template.spec.containers[0].image,
    ).toBe("registry.example.com/orrery/gateway:2.3.0");
  });
});

describe("configuration changes", () => {
  it("roll exactly the pods whose ConfigMap changed", async () => {
    const checksums = (manifests: Manifest[]) =>
      Object.fromEntries(
        SERVICE_CHARTS.map((service) => [
          service,
          mustFind(manifests, "Deployment", service).spec.template.metadata.annotations[
            "checksum/config"
          ],
        ]),
      );
    const before = checksums(await render());
    const after = checksums(await render({ set: ["api-key.logLevel=debug"] }));
    for (const service of SERVICE_CHARTS) {
      expect(before[service]).toMatch(/^[a-f0-9]{64}$/);
      if (service === "api-key") expect(after[service]).not.toBe(before[service]);
      else expect(after[service]).toBe(before[service]);
    }
  });
});

describe("values.schema.json", () => {
  it.each([
    ["an unknown key of a service", ["gateway.replicaCountt=3"], /replicaCountt/],
    ["an unknown global key", ["global.kafka.broker=kafka:9092"], /broker/],
    ["an unknown umbrella key", ["prometheusRule.enabled=true"], /prometheusRule/],
    ["a string for an integer", ["api-key.replicaCount=three"], /replicaCount/],
    ["a value outside the enum", ["gateway.logLevel=verbose"], /logLevel/],
    ["a pool past its maximum", ["analytics.database.poolSize=500"], /poolSize/],
    ["a port out of range", ["realtime.service.httpPort=70000"], /httpPort/],
    ["a malformed broker address", ["global.kafka.brokers[0]=kafka"], /brokers/],
    ["a Kafka lag target of zero", ["batch-worker.keda.kafka.lagThreshold=0"], /lagThreshold/],
  ])("rejects %s", async (_label, set, message) => {
    const error = await renderFailure({ set });
    expect(error).toMatch(/values don't meet the specifications of the schema/);
    expect(error).toMatch(message);
  });

  it("rejects an unknown key in a service chart installed on its own", async () => {
    const error = await renderFailure({ chart: "api-key", set: ["autoscaling.targetCPU=50"] });
    expect(error).toMatch(/targetCPU/);
  });

  it("refuses env entries that shadow variables the chart sets", async () => {
    const error = await renderFailure({ set: ["gateway.env.KAFKA_BROKERS=elsewhere:9092"] });
    expect(error).toMatch(/env.KAFKA_BROKERS is set by the chart/);
  });

  it("gives rate-limit and the gateway a Redis of their own for limit state when one is set", async () => {
    const shared = await render({});
    expect(containerEnvironment(shared, "rate-limit").config.REDIS_URL).toBe("redis://redis:6379");
    expect(containerEnvironment(shared, "gateway").config.RATE_LIMIT_REDIS_URL).toBe(
      "redis://redis:6379",
    );

    const dedicated = await render({
      set: ["global.rateLimitRedis.url=redis://redis-limits:6379"],
    });
    expect(containerEnvironment(dedicated, "rate-limit").config.REDIS_URL).toBe(
      "redis://redis-limits:6379",
    );
    expect(containerEnvironment(dedicated, "gateway").config).toMatchObject({
      REDIS_URL: "redis://redis:6379",
      RATE_LIMIT_REDIS_URL: "redis://redis-limits:6379",
    });
    expect(containerEnvironment(dedicated, "realtime").config.REDIS_URL).toBe("redis://redis:6379");

    const secret = await render({
      set: [
        "global.rateLimitRedis.existingSecret=limits-redis",
        "global.rateLimitRedis.urlKey=uri",
      ],
    });
    const rateLimit = containerEnvironment(secret, "rate-limit");
    expect(rateLimit.config.REDIS_URL).toBeUndefined();
    expect(rateLimit.secrets.REDIS_URL).toEqual({ name: "limits-redis", key: "uri" });
    expect(containerEnvironment(secret, "gateway").secrets.RATE_LIMIT_REDIS_URL).toEqual({
      name: "limits-redis",
      key: "uri",
    });
  });

  it("accepts extra env and Secret references and renders them", async () => {
    const manifests = await render({
      set: [
        "analytics.env.FEATURE_X=on",
        "analytics.secretEnv.PARTNER_TOKEN.secretName=partner",
        "analytics.secretEnv.PARTNER_TOKEN.key=token",
      ],
    });
    const { config, secrets } = containerEnvironment(manifests, "analytics");
    expect(config.FEATURE_X).toBe("on");
    expect(secrets.PARTNER_TOKEN).toEqual({ name: "partner", key: "token" });
  });
});

describe("egress to the internet", () => {
  it("lets webhook-dispatcher reach partners on HTTPS only, never private or metadata ranges", async () => {
    const manifests = await render();
    const internetRules = (service: string) =>
      mustFind(manifests, "NetworkPolicy", service).spec.egress.filter((rule: Manifest) =>
        (rule.to ?? []).some((peer: Manifest) => peer.ipBlock?.cidr === "0.0.0.0/0"),
      );
    const [rule, ...others] = internetRules("webhook-dispatcher");
    expect(others).toEqual([]);
    expect(rule.ports).toEqual([{ protocol: "TCP", port: 443 }]);
    const blocks = Object.fromEntries(
      rule.to.map((peer: Manifest) => [peer.ipBlock.cidr, peer.ipBlock.except]),
    );
    expect(Object.keys(blocks).sort()).toEqual(["0.0.0.0/0", "::/0"]);
    for (const range of ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"]) {
      expect(blocks["0.0.0.0/0"]).toContain(range);
    }
    expect(blocks["::/0"]).toEqual(expect.arrayContaining(["fc00::/7", "fe80::/10", "::1/128"]));
    for (const service of SERVICE_CHARTS.filter((name) => name !== "webhook-dispatcher")) {
      expect(internetRules(service), service).toEqual([]);
    }
  });

  it("can be switched off, leaving only the declared destinations", async () => {
    const manifests = await render({
      set: ["webhook-dispatcher.networkPolicy.internetEgress.enabled=false"],
    });
    const peers = mustFind(manifests, "NetworkPolicy", "webhook-dispatcher").spec.egress.flatMap(
      (rule: Manifest) => rule.to ?? [],
    );
    expect(peers.filter((peer: Manifest) => peer.ipBlock)).toEqual([]);
  });
});

describe("autoscaling.podMetrics", () => {
  it("adds per-pod custom metrics to the HPA beside CPU and memory", async () => {
    const manifests = await render({
      set: [
        "realtime.autoscaling.podMetrics[0].name=realtime_open_connections",
        "realtime.autoscaling.podMetrics[0].averageValue=2000",
      ],
    });
    const metrics = mustFind(manifests, "HorizontalPodAutoscaler", "realtime").spec.metrics;
    expect(metrics.map((metric: Manifest) => metric.type)).toEqual([
      "Resource",
      "Resource",
      "Pods",
    ]);
    expect(metrics[2].pods).toEqual({
      metric: { name: "realtime_open_connections" },
      target: { type: "AverageValue", averageValue: "2000" },
    });
    const gateway = mustFind(manifests, "HorizontalPodAutoscaler", "gateway").spec.metrics;
    expect(gateway).toHaveLength(2);
  });
});

/**
 * A service declared the way a feature adds one (its own settings passed as environment, a
 * Secret, an upstream, egress to partners, a long drain, KEDA), written by the generator and
 * rendered with the library: what the declarations can express reaches the manifests.
 */
describe("a chart written from a new service's declaration", () => {
  const declaration: ServiceDeclaration = {
    name: "partner-sync",
    description: "A service declared by the chart tests.",
    http: { port: 8095, serves: "WebSocket connections, /healthz, /readyz and /metrics" },
    redis: "shared",
    kafka: true,
    keda: { topic: "orrery.accounts.v1", lagThreshold: 25 },
    calledBy: ["gateway"],
    upstreams: [{ key: "apiKey", service: "api-key", env: "APIKEY_SERVICE_URL" }],
    secrets: {
      signing: {
        env: "PARTNER_SIGNING_KEY",
        doc: "the key deliveries are signed with.",
        secretName: "partner-sync-signing",
        secretKey: "key",
      },
    },
    internetEgress: { ports: [443], purpose: "calls to partners' APIs." },
    shutdown: { drainTimeoutSeconds: 120 },
    settings: {
      delivery: group("Outbound calls.", {
        allowList: setting(
          "PARTNER_ALLOW_LIST: hosts or ranges admitted although private.",
          ["partner.internal.example"],
          arrayOf(nonEmptyString),
          { env: "PARTNER_ALLOW_LIST" },
        ),
        timeoutMs: setting("PARTNER_TIMEOUT_MS: deadline of one call.", 15000, integerFrom(1), {
          env: "PARTNER_TIMEOUT_MS",
        }),
      }),
    },
    resources: { requests: { cpu: "1", memory: "512Mi" }, limits: { cpu: "2", memory: "1Gi" } },
    autoscaling: { maxReplicas: 8 },
  };
  let chart: string;

  beforeAll(async () => {
    chart = join(chartsDir, declaration.name);
    const files = serviceChartFiles(declaration, [...SERVICES, declaration], "1.2.3");
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(chart, path)), { recursive: true });
      await writeFile(join(chart, path), content);
    }
    await helm(["dependency", "build", chart]);
  });

  it("passes helm lint --strict", async () => {
    const output = await helm(["lint", "--strict", chart, "--kube-version", KUBE_VERSION]);
    expect(output).toContain("0 chart(s) failed");
  });

  it("renders the declared settings, Secret, upstream, egress and grace period", async () => {
    const manifests = await render({ chart: declaration.name });
    for (const manifest of manifests) {
      expect(() => validateObject(manifest), `${manifest.kind}`).not.toThrow();
    }
    const { config, secrets, container, deployment } = containerEnvironment(
      manifests,
      declaration.name,
    );
    expect(config).toMatchObject({
      HTTP_PORT: "8095",
      PARTNER_ALLOW_LIST: "partner.internal.example",
      PARTNER_TIMEOUT_MS: "15000",
      APIKEY_SERVICE_URL: "dns:///api-key:50051",
      SHUTDOWN_TIMEOUT_MS: "120000",
    });
    expect(secrets.PARTNER_SIGNING_KEY).toEqual({ name: "partner-sync-signing", key: "key" });
    expect(container.image).toBe("orrery/partner-sync:1.2.3");
    expect(container.resources.requests).toEqual({ cpu: "1", memory: "512Mi" });
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(5 + 120 + 5);
    expect(container.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });

    const policy = mustFind(manifests, "NetworkPolicy", declaration.name);
    const ingressFrom = policy.spec.ingress.flatMap((rule: Manifest) => rule.from ?? []);
    expect(ingressFrom).toContainEqual({
      podSelector: {
        matchLabels: {
          "app.kubernetes.io/name": "gateway",
          "app.kubernetes.io/instance": "orrery",
        },
      },
    });
    expect(policy.spec.egress).toContainEqual({
      ports: [{ protocol: "TCP", port: 50051 }],
      to: [
        {
          podSelector: {
            matchLabels: {
              "app.kubernetes.io/name": "api-key",
              "app.kubernetes.io/instance": "orrery",
            },
          },
        },
      ],
    });
    const internet = policy.spec.egress.find((rule: Manifest) =>
      rule.to?.some((peer: Manifest) => peer.ipBlock?.cidr === "0.0.0.0/0"),
    );
    expect(internet.ports).toEqual([{ protocol: "TCP", port: 443 }]);
    expect(find(manifests, "Job", `${declaration.name}-migrations`)).toBeUndefined();
  });

  it("takes overrides of the declared settings and refuses unknown keys under them", async () => {
    const manifests = await render({
      chart: declaration.name,
      set: ["delivery.allowList={a.example,10.1.0.0/16}", "keda.enabled=true"],
    });
    const { config } = containerEnvironment(manifests, declaration.name);
    expect(config.PARTNER_ALLOW_LIST).toBe("a.example,10.1.0.0/16");
    const scaledObject = mustFind(manifests, "ScaledObject", declaration.name);
    expect(scaledObject.spec.triggers[0].metadata).toMatchObject({
      consumerGroup: "partner-sync",
      topic: "orrery.accounts.v1",
      lagThreshold: "25",
    });
    expect(find(manifests, "HorizontalPodAutoscaler", declaration.name)).toBeUndefined();

    const error = await renderFailure({ chart: declaration.name, set: ["delivery.allowLisst=x"] });
    expect(error).toMatch(/allowLisst/);
    const shadowing = await renderFailure({
      chart: declaration.name,
      set: ["env.PARTNER_TIMEOUT_MS=1"],
    });
    expect(shadowing).toMatch(/env.PARTNER_TIMEOUT_MS is set by the chart/);
  });
});

describe("Prometheus alerts", () => {
  const execFileAsync = promisify(execFile);
  /** Each alert's description template, to expect it rendered for a job. */
  let descriptions: Record<string, string> = {};
  beforeAll(async () => {
    await execFileAsync("promtool", ["--version"]).catch((error: NodeJS.ErrnoException) => {
      throw new Error(
        `promtool is required to check the alerts (Debian's prometheus package): ${error.message}`,
      );
    });
    const manifests = await render({ valuesFiles: ["orrery/values-prod.yaml"] });
    const rule = mustFind(manifests, "PrometheusRule", "orrery-alerts");
    await writeFile(join(workDir, "rules.yaml"), toYaml({ groups: rule.spec.groups }));
    descriptions = Object.fromEntries(
      rule.spec.groups.flatMap((group: Manifest) =>
        group.rules.map((r: Manifest) => [r.alert, r.annotations.description]),
      ),
    );
  });

  const alert = (name: string, job: string, severity: string, summary: string) => ({
    exp_labels: { severity, namespace: "orrery", job },
    exp_annotations: {
      summary,
      description: descriptions[name]?.replaceAll("{{ $labels.job }}", job),
    },
  });

  it("pass promtool check rules", async () => {
    const { stdout } = await execFileAsync("promtool", [
      "check",
      "rules",
      join(workDir, "rules.yaml"),
    ]);
    expect(stdout).toMatch(/SUCCESS: 7 rules found/);
  });

  it("fire on a backlog, a stalled relay, failures, drops and error rates (promtool test rules)", async () => {
    const series = (name: string, labels: Record<string, string>, values: string) => ({
      series: `${name}{${Object.entries({ namespace: "orrery", ...labels })
        .map(([key, value]) => `${key}="${value}"`)
        .join(",")}}`,
      values,
    });
    const responses = (status: string, values: string) =>
      series(
        "http_server_duration_seconds_count",
        { job: "gateway", http_response_status_code: status },
        values,
      );
    const calls = (job: string, code: string, values: string) =>
      series("rpc_server_duration_seconds_count", { job, rpc_grpc_status_code: code }, values);
    // The alerts expected at one evaluation time with one severity, by name: each fires once,
    // for its job, with a summary that starts with the job's name.
    const firing = (at: string, severity: string, alerts: Record<string, [string, string]>) =>
      Object.entries(alerts).map(([name, [job, what]]) => ({
        eval_time: at,
        alertname: name,
        exp_alerts: [alert(name, job, severity, `${job}: ${what}`)],
      }));
    const outboxAndUsageAlerts = [
      ...firing("15m", "warning", {
        OrreryOutboxBacklog: ["api-key", "1500 outbox events waiting to be published"],
        OrreryUsageEventsDropped: ["gateway", "usage events dropped (buffer and journal full)"],
        OrreryUsageEventsJournaled: ["gateway", "usage events waiting in the journal"],
      }),
      ...firing("15m", "critical", {
        OrreryOutboxStalled: ["analytics", "outbox relay published nothing for 10 minutes"],
      }),
      // Failing for less than 15 minutes is not yet an alert.
      { eval_time: "10m", alertname: "OrreryOutboxPublishFailures", exp_alerts: [] },
      ...firing("25m", "warning", {
        OrreryOutboxPublishFailures: ["api-key", "outbox publish attempts keep failing"],
      }),
    ];
    const errorRateAlerts = firing("10m", "critical", {
      OrreryGatewayErrorRate: ["gateway", "10% of public requests fail with 5xx"],
      OrreryGrpcErrorRate: ["analytics", "20% of gRPC calls fail"],
    });
    const tests = {
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            // api-key: a large backlog that is still draining, with failing attempts.
            series("outbox_events_pending", { job: "api-key" }, "1500x30"),
            series("outbox_events_published_total", { job: "api-key" }, "0+10x30"),
            series("outbox_publish_failures_total", { job: "api-key" }, "0+1x30"),
            // analytics: a few rows and nothing ever published.
            series("outbox_events_pending", { job: "analytics" }, "5x30"),
            // webhook-dispatcher: an empty outbox, nothing to say.
            series("outbox_events_pending", { job: "webhook-dispatcher" }, "0x30"),
            series("events_dropped_total", { job: "gateway" }, "0+5x30"),
            // gateway: 300 usage events have waited in the journal the whole time.
            series("events_journal_waiting", { job: "gateway" }, "300x30"),
          ],
          alert_rule_test: outboxAndUsageAlerts,
        },
        {
          interval: "1m",
          input_series: [
            // gateway: 10% of responses are 5xx.
            responses("200", "0+90x20"),
            responses("503", "0+10x20"),
            // analytics: 20% UNAVAILABLE.
            calls("analytics", "0", "0+80x20"),
            calls("analytics", "14", "0+20x20"),
            // batch-worker: many INVALID_ARGUMENT (the callers' fault) and 1% INTERNAL.
            calls("batch-worker", "0", "0+49x20"),
            calls("batch-worker", "3", "0+50x20"),
            calls("batch-worker", "13", "0+1x20"),
          ],
          alert_rule_test: errorRateAlerts,
        },
      ],
    };
    const testFile = join(workDir, "rules.test.yaml");
    await writeFile(testFile, toYaml(tests));
    const result = await execFileAsync("promtool", ["test", "rules", testFile]).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`promtool test rules failed:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
      },
    );
    expect(`${result.stdout}${result.stderr}`).toMatch(/SUCCESS/);
  });
});
