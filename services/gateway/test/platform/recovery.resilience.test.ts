import { checkHealth, createHealthClient } from "@orrery/rpc";
import { stackComponent, waitFor } from "@orrery/testing";
import { afterAll, describe, expect, it } from "vitest";
import { readiness, SERVICES } from "./services.js";

// Stops the shared Redis and Kafka under the running platform: resilience project, alone.
async function readinessOf(names: readonly string[]) {
  return Promise.all(
    SERVICES.filter((service) => names.includes(service.name)).map(async (service) => ({
      name: service.name,
      ...(await readiness(service.httpPort).catch(() => ({ status: 0, body: undefined }))),
    })),
  );
}

afterAll(async () => {
  await stackComponent("up", "redis");
  await stackComponent("up", "kafka");
});

describe.each([
  { component: "redis", dependents: ["rate-limit", "batch-worker", "realtime", "gateway"] },
  {
    component: "kafka",
    dependents: [
      "api-key",
      "rate-limit",
      "webhook-dispatcher",
      "batch-worker",
      "analytics",
      "realtime",
      "gateway",
    ],
  },
])("when $component goes away and comes back", ({ component, dependents }) => {
  it("its dependents report not-ready, then recover by themselves", async () => {
    await stackComponent("down", component);
    const during = await waitFor(
      async () => {
        const states = await readinessOf(dependents);
        return states.every((state) => state.status === 503) ? states : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 500, message: `every dependent of ${component} not ready` },
    );
    for (const state of during) {
      const checks = (state.body as { checks: Record<string, { ok: boolean }> }).checks;
      expect(checks[component]?.ok, state.name).toBe(false);
    }
    // gRPC health follows readiness, so Kubernetes' native gRPC probes see the same thing.
    for (const service of SERVICES.filter((candidate) => dependents.includes(candidate.name))) {
      if (service.grpcPort === undefined) continue;
      const client = createHealthClient(`127.0.0.1:${service.grpcPort}`);
      expect((await checkHealth(client, { timeoutMs: 1_000 })).status, service.name).toBe(
        "not_serving",
      );
      client.close();
    }

    await stackComponent("up", component);
    await waitFor(
      async () => (await readinessOf(dependents)).every((state) => state.status === 200),
      {
        timeoutMs: 90_000,
        intervalMs: 500,
        message: `every dependent of ${component} ready again`,
      },
    );
    const health = await fetch("http://127.0.0.1:8080/v1/health");
    expect(health.status).toBe(200);
  });
});
