import type {
  V1Deployment,
  V1LabelSelector,
  V1PodDisruptionBudget,
  V2HorizontalPodAutoscaler,
  V2MetricSpec,
  V2MetricStatus,
  V2MetricTarget,
  V2MetricValueStatus,
} from "@kubernetes/client-node";

/** Where a Deployment's rollout stands, with the same rules as `kubectl rollout status`. */
export type RolloutState = "complete" | "progressing" | "failed" | "unobserved";

export interface RolloutSummary {
  readonly state: RolloutState;
  /** One line saying why, e.g. "2 of 3 updated replicas are available". */
  readonly message: string;
  readonly desiredReplicas: number;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
  /** Pods of every ReplicaSet of the Deployment, old ones included. */
  readonly totalReplicas: number;
  readonly generation: number;
  readonly observedGeneration: number;
}

export interface MetricSummary {
  /** `cpu`, `memory`, or the metric's name (e.g. KEDA's `s0-kafka-orrery.usage.v1`). */
  readonly name: string;
  /** "45%" or a quantity; undefined until the metrics pipeline reports one. */
  readonly current: string | undefined;
  readonly target: string;
}

export interface AutoscalerSummary {
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  readonly metrics: readonly MetricSummary[];
  /** Conditions that need a person: metrics missing, unable to scale, pinned at a bound. */
  readonly warnings: readonly string[];
}

export interface DisruptionBudgetSummary {
  readonly name: string;
  readonly disruptionsAllowed: number;
  readonly currentHealthy: number;
  readonly desiredHealthy: number;
  readonly expectedPods: number;
}

export interface ServiceStatus {
  /** The app.kubernetes.io/name label (the service), else the Deployment's name. */
  readonly service: string;
  readonly rollout: RolloutSummary;
  readonly autoscaler: AutoscalerSummary | undefined;
  readonly disruptionBudget: DisruptionBudgetSummary | undefined;
}

export interface PlatformStatus {
  readonly services: readonly ServiceStatus[];
  /** Everything that is not as it should be, one line each, prefixed with the service. */
  readonly problems: readonly string[];
}

export function summariseRollout(deployment: V1Deployment): RolloutSummary {
  const status = deployment.status ?? {};
  const desired = deployment.spec?.replicas ?? 1;
  const generation = deployment.metadata?.generation ?? 0;
  const observedGeneration = status.observedGeneration ?? 0;
  const counts = {
    desiredReplicas: desired,
    updatedReplicas: status.updatedReplicas ?? 0,
    readyReplicas: status.readyReplicas ?? 0,
    availableReplicas: status.availableReplicas ?? 0,
    totalReplicas: status.replicas ?? 0,
    generation,
    observedGeneration,
  };
  const state = (rolloutState: RolloutState, message: string): RolloutSummary => ({
    state: rolloutState,
    message,
    ...counts,
  });

  if (generation > observedGeneration) {
    return state("unobserved", "waiting for the controller to observe the new spec");
  }
  const progressing = status.conditions?.find((condition) => condition.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return state("failed", "exceeded its progress deadline");
  }
  if (counts.updatedReplicas < desired) {
    return state("progressing", `${counts.updatedReplicas} of ${desired} replicas updated`);
  }
  if (counts.totalReplicas > counts.updatedReplicas) {
    const old = counts.totalReplicas - counts.updatedReplicas;
    return state("progressing", `${old} old ${old === 1 ? "replica" : "replicas"} terminating`);
  }
  if (counts.availableReplicas < counts.updatedReplicas) {
    return state(
      "progressing",
      `${counts.availableReplicas} of ${counts.updatedReplicas} updated replicas available`,
    );
  }
  return state("complete", "rolled out");
}

export function summariseAutoscaler(autoscaler: V2HorizontalPodAutoscaler): AutoscalerSummary {
  const spec = autoscaler.spec;
  const status = autoscaler.status;
  const minReplicas = spec?.minReplicas ?? 1;
  const maxReplicas = spec?.maxReplicas ?? 0;
  const currentReplicas = status?.currentReplicas ?? 0;
  const desiredReplicas = status?.desiredReplicas ?? 0;
  const metrics = (spec?.metrics ?? []).map((metric) =>
    summariseMetric(metric, status?.currentMetrics ?? []),
  );

  const warnings: string[] = [];
  for (const condition of status?.conditions ?? []) {
    const detail = condition.message ?? condition.reason ?? "";
    if (condition.type === "ScalingActive" && condition.status === "False") {
      warnings.push(`not scaling: ${detail}`);
    } else if (condition.type === "AbleToScale" && condition.status === "False") {
      warnings.push(`unable to scale: ${detail}`);
    } else if (
      condition.type === "ScalingLimited" &&
      condition.status === "True" &&
      desiredReplicas >= maxReplicas
    ) {
      // Pinned at the floor is the quiet state; pinned at the ceiling means load exceeds it.
      warnings.push(`at maxReplicas (${maxReplicas}): ${detail}`);
    }
  }
  return {
    name: autoscaler.metadata?.name ?? "",
    minReplicas,
    maxReplicas,
    currentReplicas,
    desiredReplicas,
    metrics,
    warnings,
  };
}

function summariseMetric(metric: V2MetricSpec, current: readonly V2MetricStatus[]): MetricSummary {
  const { name, value: target } = metricIdentity(metric);
  const observed = current.find(
    (candidate) => candidate.type === metric.type && metricIdentity(candidate).name === name,
  );
  return {
    name,
    target: formatValue(target) ?? "?",
    current: observed ? formatValue(metricIdentity(observed).value) : undefined,
  };
}

/** The name and value of a metric spec (its target) or status (its current value). */
function metricIdentity(metric: V2MetricSpec | V2MetricStatus): {
  name: string;
  value: V2MetricTarget | V2MetricValueStatus | undefined;
} {
  const metricValue = (source: { target?: V2MetricTarget; current?: V2MetricValueStatus }) =>
    "current" in source ? source.current : source.target;
  switch (metric.type) {
    case "Resource":
      return {
        name: metric.resource?.name ?? "resource",
        value: metric.resource ? metricValue(metric.resource) : undefined,
      };
    case "ContainerResource":
      return {
        name: `${metric.containerResource?.container}/${metric.containerResource?.name}`,
        value: metric.containerResource ? metricValue(metric.containerResource) : undefined,
      };
    case "Pods":
      return {
        name: metric.pods?.metric.name ?? "pods",
        value: metric.pods ? metricValue(metric.pods) : undefined,
      };
    case "Object":
      return {
        name: metric.object?.metric.name ?? "object",
        value: metric.object ? metricValue(metric.object) : undefined,
      };
    case "External":
      return {
        name: metric.external?.metric.name ?? "external",
        value: metric.external ? metricValue(metric.external) : undefined,
      };
    default:
      return { name: metric.type, value: undefined };
  }
}

function formatValue(value: V2MetricTarget | V2MetricValueStatus | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.averageUtilization !== undefined) return `${value.averageUtilization}%`;
  return value.averageValue ?? value.value;
}

export function summariseDisruptionBudget(budget: V1PodDisruptionBudget): DisruptionBudgetSummary {
  return {
    name: budget.metadata?.name ?? "",
    disruptionsAllowed: budget.status?.disruptionsAllowed ?? 0,
    currentHealthy: budget.status?.currentHealthy ?? 0,
    desiredHealthy: budget.status?.desiredHealthy ?? 0,
    expectedPods: budget.status?.expectedPods ?? 0,
  };
}

export interface PlatformObjects {
  readonly deployments: readonly V1Deployment[];
  /** Every HPA of the namespace (KEDA's included); matched to Deployments by scaleTargetRef. */
  readonly autoscalers: readonly V2HorizontalPodAutoscaler[];
  /** Every PDB of the namespace; matched to Deployments by their pod selector. */
  readonly disruptionBudgets: readonly V1PodDisruptionBudget[];
}

/** Joins each Deployment with the HPA that scales it and the PDB that covers its pods. */
export function summarisePlatform(objects: PlatformObjects): PlatformStatus {
  const services: ServiceStatus[] = [];
  const problems: string[] = [];
  const deployments = [...objects.deployments].sort((a, b) =>
    serviceName(a).localeCompare(serviceName(b)),
  );
  for (const deployment of deployments) {
    const service = serviceName(deployment);
    const name = deployment.metadata?.name;
    const rollout = summariseRollout(deployment);
    const autoscalerObject = objects.autoscalers.find(
      (autoscaler) =>
        autoscaler.spec?.scaleTargetRef.kind === "Deployment" &&
        autoscaler.spec.scaleTargetRef.name === name,
    );
    const podLabels = deployment.spec?.template.metadata?.labels ?? {};
    const budgetObject = objects.disruptionBudgets.find((budget) =>
      selects(budget.spec?.selector, podLabels),
    );
    const autoscaler = autoscalerObject ? summariseAutoscaler(autoscalerObject) : undefined;
    const disruptionBudget = budgetObject ? summariseDisruptionBudget(budgetObject) : undefined;

    if (rollout.state !== "complete") problems.push(`${service}: ${rollout.message}`);
    for (const warning of autoscaler?.warnings ?? []) problems.push(`${service}: ${warning}`);
    if (disruptionBudget && disruptionBudget.disruptionsAllowed === 0) {
      problems.push(
        `${service}: PodDisruptionBudget allows no disruption (${disruptionBudget.currentHealthy} healthy of ${disruptionBudget.desiredHealthy} required): node drains will block`,
      );
    }
    services.push({ service, rollout, autoscaler, disruptionBudget });
  }
  return { services, problems };
}

function serviceName(deployment: V1Deployment): string {
  return (
    deployment.metadata?.labels?.["app.kubernetes.io/name"] ?? deployment.metadata?.name ?? "?"
  );
}

/** Label-selector semantics of matchLabels and matchExpressions; an empty selector selects nothing. */
function selects(selector: V1LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined) return false;
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) return false;
  return (
    matchLabels.every(([key, value]) => labels[key] === value) &&
    expressions.every((expression) => {
      const value = labels[expression.key];
      const values = expression.values ?? [];
      switch (expression.operator) {
        case "In":
          return value !== undefined && values.includes(value);
        case "NotIn":
          return value === undefined || !values.includes(value);
        case "Exists":
          return value !== undefined;
        case "DoesNotExist":
          return value === undefined;
        default:
          return false;
      }
    })
  );
}

/** A fixed-width table for terminals, one row per service. */
export function formatPlatformStatus(status: PlatformStatus): string {
  const header = [
    "SERVICE",
    "ROLLOUT",
    "UPD/READY/AVAIL/DESIRED",
    "HPA CUR→DESIRED [MIN-MAX]",
    "METRICS (CUR/TARGET)",
    "PDB ALLOWED",
  ];
  const rows = status.services.map((service) => {
    const { rollout, autoscaler, disruptionBudget } = service;
    return [
      service.service,
      rollout.state === "complete" ? "complete" : `${rollout.state}: ${rollout.message}`,
      `${rollout.updatedReplicas}/${rollout.readyReplicas}/${rollout.availableReplicas}/${rollout.desiredReplicas}`,
      autoscaler
        ? `${autoscaler.currentReplicas}→${autoscaler.desiredReplicas} [${autoscaler.minReplicas}-${autoscaler.maxReplicas}]`
        : "none",
      autoscaler
        ? autoscaler.metrics
            .map((metric) => `${metric.name} ${metric.current ?? "<unknown>"}/${metric.target}`)
            .join(", ")
        : "",
      disruptionBudget ? String(disruptionBudget.disruptionsAllowed) : "none",
    ];
  });
  const table = [header, ...rows];
  const widths = header.map((_, column) =>
    Math.max(...table.map((row) => (row[column] ?? "").length)),
  );
  const lines = table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  if (status.services.length === 0) lines.push("(no Orrery Deployments found)");
  if (status.problems.length > 0) {
    lines.push("", "problems:", ...status.problems.map((problem) => `  - ${problem}`));
  }
  return `${lines.join("\n")}\n`;
}
