import { checkHealth, createHealthClient } from "@orrery/rpc";
import { createTenant, gatewayFetch, infra, stackComponent, waitFor } from "@orrery/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueChartInput } from "../../src/app.test-support.js";
import { readinessOf, SERVICES } from "./services.js";

// Stops the shared Redis and Kafka under the running platform: resilience project, alone.
let chartKey = "";

beforeAll(async () => {
  ({ key: chartKey } = await createTenant({ name: "recovery tenant", scopes: ["charts:read"] }));
});

afterAll(async () => {
  await stackComponent("up", "redis");
  await stackComponent("up", "kafka");
});

function chart(): Promise<Response> {
  return gatewayFetch("POST", "/v1/charts", chartKey, uniqueChartInput());
}

describe.each(["redis", "kafka"])("when %s goes away and comes back", (component) => {
  const gated = SERVICES.filter((service) => service.essential.includes(component));
  const reporting = SERVICES.filter((service) => service.reported.includes(component));

  it("only the services that cannot work without it stop being ready; all recover by themselves", async () => {
    expect(gated.length + reporting.length).toBeGreaterThan(0);
    await chart(); // the key's verification is cached before the outage
    await stackComponent("down", component);
    const during = await waitFor(
      async () => {
        const states = await readinessOf([...gated, ...reporting]);
        const seen = states.every((state) => state.body.checks[component]?.ok === false);
        return seen ? states : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 500, message: `every dependent of ${component} noticed` },
    );
    for (const state of during) {
      const essential = state.service.essential.includes(component);
      expect(state.status, state.service.name).toBe(essential ? 503 : 200);
    }
    // gRPC health follows readiness, so Kubernetes' native gRPC probes see the same thing.
    for (const state of during) {
      if (state.service.grpcPort === undefined) continue;
      const client = createHealthClient(`127.0.0.1:${state.service.grpcPort}`);
      expect((await checkHealth(client, { timeoutMs: 1_000 })).status, state.service.name).toBe(
        state.service.essential.includes(component) ? "not_serving" : "serving",
      );
      client.close();
    }
    // The gateway still does its job: a chart, authenticated and rate limited.
    expect((await chart()).status).toBe(200);

    await stackComponent("up", component);
    await waitFor(
      async () =>
        (await readinessOf(SERVICES)).every(
          (state) => state.status === 200 && state.body.checks[component]?.ok !== false,
        ),
      { timeoutMs: 90_000, intervalMs: 500, message: `every dependent of ${component} recovered` },
    );
    const health = await fetch(`${infra.gatewayUrl}/v1/health`);
    expect(health.status).toBe(200);
  });
});
