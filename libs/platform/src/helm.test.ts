import { describe, expect, it } from "vitest";
import { dependencyBuildOrder, installArgs, templateArgs, upgradeArgs } from "./helm.js";

const release = {
  release: "orrery",
  namespace: "orrery-staging",
  chart: "/repo/charts/orrery",
  valuesFiles: ["charts/orrery/values-prod.yaml", "staging.yaml"],
  set: ["global.image.tag=1.4.2", "gateway.replicaCount=4"],
};

describe("helm argument vectors", () => {
  it("installs into a created namespace with every values file and override, in order", () => {
    expect(installArgs({ ...release, wait: true, atomic: false, timeout: "10m" })).toEqual([
      "install",
      "orrery",
      "/repo/charts/orrery",
      "--create-namespace",
      "--namespace",
      "orrery-staging",
      "--values",
      "charts/orrery/values-prod.yaml",
      "--values",
      "staging.yaml",
      "--set",
      "global.image.tag=1.4.2",
      "--set",
      "gateway.replicaCount=4",
      "--timeout",
      "10m",
      "--wait",
    ]);
  });

  it("upgrades without creating the namespace, with --atomic and a kube context when asked", () => {
    const args = upgradeArgs({
      ...release,
      wait: false,
      atomic: true,
      timeout: "15m",
      kubeContext: "prod-eu",
    });
    expect(args.slice(0, 3)).toEqual(["upgrade", "orrery", "/repo/charts/orrery"]);
    expect(args).not.toContain("--create-namespace");
    expect(args).not.toContain("--wait");
    expect(args).toContain("--atomic");
    expect(args.slice(-2)).toEqual(["--kube-context", "prod-eu"]);
  });

  it("never reuses the values of the previous release", () => {
    const args = upgradeArgs({ ...release, wait: true, atomic: false, timeout: "10m" });
    expect(args.filter((arg) => arg.startsWith("--reuse") || arg.startsWith("--reset"))).toEqual(
      [],
    );
  });

  it("renders for a given Kubernetes version", () => {
    expect(templateArgs({ ...release, valuesFiles: [], set: [], kubeVersion: "1.31.0" })).toEqual([
      "template",
      "orrery",
      "/repo/charts/orrery",
      "--namespace",
      "orrery-staging",
      "--kube-version",
      "1.31.0",
    ]);
  });

  it("builds the service charts' dependencies before the umbrella's", () => {
    const order = dependencyBuildOrder("/repo/charts");
    expect(order.at(-1)).toBe("/repo/charts/orrery");
    expect(order).toHaveLength(8);
    expect(order).toContain("/repo/charts/webhook-dispatcher");
    expect(order).not.toContain("/repo/charts/orrery-lib");
  });
});
