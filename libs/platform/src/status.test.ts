import type {
  V1Deployment,
  V1DeploymentCondition,
  V1PodDisruptionBudget,
  V2HorizontalPodAutoscaler,
} from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import {
  formatPlatformStatus,
  summariseAutoscaler,
  summarisePlatform,
  summariseRollout,
} from "./status.js";

// Objects shaped as the Kubernetes API returns them for the charts in charts/ (test data).

function deployment(
  name: string,
  overrides: {
    generation?: number;
    replicas?: number;
    status?: V1Deployment["status"];
  } = {},
): V1Deployment {
  const selector = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "orrery" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace: "orrery",
      generation: overrides.generation ?? 4,
      labels: { ...selector, "app.kubernetes.io/part-of": "orrery" },
    },
    spec: {
      replicas: overrides.replicas ?? 3,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...selector, "app.kubernetes.io/part-of": "orrery" } },
        spec: { containers: [{ name, image: `orrery/${name}:0.1.0` }] },
      },
    },
    status: overrides.status ?? {
      observedGeneration: 4,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: "Progressing",
          status: "True",
          reason: "NewReplicaSetAvailable",
          message: `ReplicaSet "${name}-7d9c" has successfully progressed.`,
        },
      ],
    },
  };
}

/** A Deployment at generation 4 part-way through a rollout (every ready replica available). */
function midRollout(
  name: string,
  replicas: number,
  updatedReplicas: number,
  readyReplicas: number,
  conditions?: V1DeploymentCondition[],
): V1Deployment {
  const status = { observedGeneration: 4, replicas, updatedReplicas, readyReplicas };
  return deployment(name, {
    status: { ...status, availableReplicas: readyReplicas, ...(conditions ? { conditions } : {}) },
  });
}

function autoscaler(
  target: string,
  status: V2HorizontalPodAutoscaler["status"],
): V2HorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: target, namespace: "orrery" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
        },
        {
          type: "Resource",
          resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } },
        },
      ],
    },
    status,
  };
}

function budget(service: string, status: V1PodDisruptionBudget["status"]): V1PodDisruptionBudget {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: service, namespace: "orrery" },
    spec: {
      maxUnavailable: 1,
      selector: {
        matchLabels: { "app.kubernetes.io/name": service, "app.kubernetes.io/instance": "orrery" },
      },
    },
    status,
  };
}

describe("summariseRollout", () => {
  it("reports a finished rollout as complete with its replica counts", () => {
    const rollout = summariseRollout(deployment("api-key"));
    expect(rollout).toMatchObject({
      state: "complete",
      desiredReplicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
  });

  it("waits for the controller when the new generation is not observed yet", () => {
    const rollout = summariseRollout(deployment("api-key", { generation: 5 }));
    expect(rollout.state).toBe("unobserved");
    expect(rollout.generation).toBe(5);
    expect(rollout.observedGeneration).toBe(4);
  });

  it.each([
    [
      "counts updated replicas while the new ReplicaSet scales up",
      [4, 1, 3],
      "1 of 3 replicas updated",
    ],
    [
      "waits for old replicas to terminate after all are updated",
      [4, 3, 4],
      "1 old replica terminating",
    ],
    [
      "waits for updated replicas to become available",
      [3, 3, 2],
      "2 of 3 updated replicas available",
    ],
  ] as const)("%s", (_, [replicas, updated, ready], message) => {
    const rollout = summariseRollout(midRollout("gateway", replicas, updated, ready));
    expect(rollout).toMatchObject({ state: "progressing", message });
  });

  it("fails a rollout past its progress deadline even while replicas lag", () => {
    const rollout = summariseRollout(
      midRollout("batch-worker", 4, 1, 3, [
        {
          type: "Progressing",
          status: "False",
          reason: "ProgressDeadlineExceeded",
          message: 'ReplicaSet "batch-worker-5f6d" has timed out progressing.',
        },
      ]),
    );
    expect(rollout).toMatchObject({ state: "failed", message: "exceeded its progress deadline" });
  });

  it("treats a Deployment without status (just created) as progressing from zero", () => {
    const rollout = summariseRollout({
      ...deployment("realtime"),
      metadata: { name: "realtime", generation: 1 },
      status: { observedGeneration: 1 },
    });
    expect(rollout).toMatchObject({ state: "progressing", updatedReplicas: 0 });
  });
});

describe("summariseAutoscaler", () => {
  it("pairs each metric's current value with its target", () => {
    const summary = summariseAutoscaler(
      autoscaler("api-key", {
        currentReplicas: 3,
        desiredReplicas: 4,
        currentMetrics: [
          { type: "Resource", resource: { name: "memory", current: { averageUtilization: 41 } } },
          { type: "Resource", resource: { name: "cpu", current: { averageUtilization: 93 } } },
        ],
        conditions: [
          { type: "AbleToScale", status: "True", reason: "SucceededRescale" },
          { type: "ScalingActive", status: "True", reason: "ValidMetricFound" },
          { type: "ScalingLimited", status: "False", reason: "DesiredWithinRange" },
        ],
      }),
    );
    expect(summary).toMatchObject({ currentReplicas: 3, desiredReplicas: 4, minReplicas: 2 });
    expect(summary.metrics).toEqual([
      { name: "cpu", current: "93%", target: "70%" },
      { name: "memory", current: "41%", target: "80%" },
    ]);
    expect(summary.warnings).toEqual([]);
  });

  it("reports KEDA's external Kafka-lag metric by name and average value", () => {
    const hpa = autoscaler("batch-worker", {
      currentReplicas: 6,
      desiredReplicas: 8,
      currentMetrics: [
        {
          type: "External",
          external: {
            metric: { name: "s0-kafka-orrery.batch.items.v1" },
            current: { averageValue: "137" },
          },
        },
      ],
    });
    hpa.spec!.metrics = [
      {
        type: "External",
        external: {
          metric: { name: "s0-kafka-orrery.batch.items.v1" },
          target: { type: "AverageValue", averageValue: "50" },
        },
      },
    ];
    expect(summariseAutoscaler(hpa).metrics).toEqual([
      { name: "s0-kafka-orrery.batch.items.v1", current: "137", target: "50" },
    ]);
  });

  it("warns when metrics are missing, leaving the current value unknown", () => {
    const notScaling = {
      type: "ScalingActive",
      status: "False",
      reason: "FailedGetResourceMetric",
      message: "the HPA was unable to compute the replica count: no metrics returned",
    };
    const summary = summariseAutoscaler(
      autoscaler("analytics", { currentReplicas: 2, desiredReplicas: 2, conditions: [notScaling] }),
    );
    expect(summary.metrics[0]).toEqual({ name: "cpu", current: undefined, target: "70%" });
    expect(summary.warnings).toEqual([
      "not scaling: the HPA was unable to compute the replica count: no metrics returned",
    ]);
  });

  it("warns when pinned at maxReplicas but not when resting at minReplicas", () => {
    const limited = (desiredReplicas: number) =>
      summariseAutoscaler(
        autoscaler("gateway", {
          currentReplicas: desiredReplicas,
          desiredReplicas,
          conditions: [
            {
              type: "ScalingLimited",
              status: "True",
              reason: desiredReplicas === 10 ? "TooManyReplicas" : "TooFewReplicas",
              message: "the desired replica count is out of range",
            },
          ],
        }),
      ).warnings;
    expect(limited(10)).toEqual(["at maxReplicas (10): the desired replica count is out of range"]);
    expect(limited(2)).toEqual([]);
  });
});

describe("summarisePlatform", () => {
  it("joins Deployments with their HPA by target and their PDB by selector", () => {
    const status = summarisePlatform({
      deployments: [deployment("gateway"), deployment("api-key")],
      autoscalers: [
        autoscaler("gateway", { currentReplicas: 3, desiredReplicas: 3 }),
        autoscaler("api-key", { currentReplicas: 3, desiredReplicas: 3 }),
      ],
      disruptionBudgets: [
        budget("api-key", {
          disruptionsAllowed: 1,
          currentHealthy: 3,
          desiredHealthy: 2,
          expectedPods: 3,
        }),
        budget("gateway", {
          disruptionsAllowed: 1,
          currentHealthy: 3,
          desiredHealthy: 2,
          expectedPods: 3,
        }),
      ],
    });
    expect(status.services.map((service) => service.service)).toEqual(["api-key", "gateway"]);
    for (const service of status.services) {
      expect(service.autoscaler?.name).toBe(service.service);
      expect(service.disruptionBudget?.name).toBe(service.service);
    }
    expect(status.problems).toEqual([]);
  });

  it("lists an incomplete rollout, a stuck HPA and a blocking PDB as problems", () => {
    const status = summarisePlatform({
      deployments: [midRollout("rate-limit", 3, 3, 1)],
      autoscalers: [
        autoscaler("rate-limit", {
          currentReplicas: 3,
          desiredReplicas: 3,
          conditions: [{ type: "AbleToScale", status: "False", reason: "FailedGetScale" }],
        }),
      ],
      disruptionBudgets: [
        budget("rate-limit", {
          disruptionsAllowed: 0,
          currentHealthy: 1,
          desiredHealthy: 2,
          expectedPods: 3,
        }),
      ],
    });
    expect(status.problems).toEqual([
      "rate-limit: 1 of 3 updated replicas available",
      "rate-limit: unable to scale: FailedGetScale",
      "rate-limit: PodDisruptionBudget allows no disruption (1 healthy of 2 required): node drains will block",
    ]);
  });

  it("does not attach another service's HPA or PDB", () => {
    const status = summarisePlatform({
      deployments: [deployment("realtime")],
      autoscalers: [autoscaler("gateway", { currentReplicas: 2, desiredReplicas: 2 })],
      disruptionBudgets: [
        budget("gateway", {
          disruptionsAllowed: 1,
          currentHealthy: 2,
          desiredHealthy: 1,
          expectedPods: 2,
        }),
      ],
    });
    expect(status.services[0]).toMatchObject({
      service: "realtime",
      autoscaler: undefined,
      disruptionBudget: undefined,
    });
  });
});

describe("formatPlatformStatus", () => {
  it("prints one aligned row per service and the problems below", () => {
    const text = formatPlatformStatus(
      summarisePlatform({
        deployments: [deployment("gateway"), midRollout("analytics", 3, 2, 3)],
        autoscalers: [
          autoscaler("gateway", {
            currentReplicas: 3,
            desiredReplicas: 3,
            currentMetrics: [
              { type: "Resource", resource: { name: "cpu", current: { averageUtilization: 35 } } },
            ],
          }),
        ],
        disruptionBudgets: [],
      }),
    );
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^SERVICE\s+ROLLOUT\s+UPD\/READY\/AVAIL\/DESIRED/);
    expect(lines[1]).toMatch(
      /^analytics\s+progressing: 2 of 3 replicas updated\s+2\/3\/3\/3\s+none/,
    );
    expect(lines[2]).toMatch(
      /^gateway\s+complete\s+3\/3\/3\/3\s+3→3 \[2-10\]\s+cpu 35%\/70%, memory <unknown>\/80%\s+none$/,
    );
    // Columns line up: every row starts its second column at the same offset.
    const offsets = lines.slice(0, 3).map((line) => line.search(/\s{2}\S/));
    expect(new Set(offsets).size).toBe(1);
    expect(lines.slice(-2)).toEqual(["problems:", "  - analytics: 2 of 3 replicas updated"]);
  });
});
