import { setTimeout as sleep } from "node:timers/promises";
import {
  createTenant,
  gatewayCall,
  stackAdminKey,
  stackComponent,
  type Tenant,
  waitFor,
} from "@orrery/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueChartInput } from "../../src/app.test-support.js";
import { readinessOf, SERVICES } from "./services.js";

// Kills Postgres (SIGKILL, every backend with it) under load and starts it again: resilience
// project, alone. Every service that uses Postgres must stay up, be unready only while it cannot
// work, recover by itself, and lose nothing it accepted.
const usesPostgres = SERVICES.filter(
  (service) => service.essential.includes("postgres") || service.reported.includes("postgres"),
);
const watched = [...usesPostgres, ...SERVICES.filter((service) => service.name === "gateway")];

const call = (method: string, path: string, key: string, body?: unknown) =>
  gatewayCall(method, path, key, body, { timeoutMs: 10_000 });

function newTenant(admin: string): Promise<Tenant> {
  return createTenant({
    admin,
    name: "crash tenant",
    scopes: ["charts:read", "keys:manage", "analytics:read"],
  });
}

/** Requests until stopped, one at a time, paced well under the premium plan's limits. */
function load(name: string, request: () => Promise<number>, paceMs = 50) {
  const statuses: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      statuses.push(await request().catch(() => 0));
      await sleep(paceMs);
    }
  })();
  return {
    name,
    statuses,
    async stop() {
      running = false;
      await done;
    },
  };
}

let tenant: Tenant;

beforeAll(async () => {
  tenant = await newTenant(await stackAdminKey());
});

afterAll(async () => {
  await stackComponent("up", "postgres");
});

it("every service survives a Postgres crash under load, recovers, and loses nothing accepted", async () => {
  const chartInput = uniqueChartInput();
  const createdKeys: string[] = [];
  const charts = load("charts", async () => {
    return (await call("POST", "/v1/charts", tenant.key, chartInput)).status;
  });
  const keys = load(
    "keys",
    async () => {
      const created = await call("POST", "/v1/keys", tenant.key, {
        name: "during the crash",
        scopes: ["charts:read"],
      });
      if (created.status === 201) createdKeys.push(created.body.id as string);
      return created.status;
    },
    500,
  );
  // Nothing restarts a service that died: each must answer /healthz the whole time.
  const alive = watched.map((service) =>
    load(service.name, async () => {
      const response = await fetch(`${service.httpUrl}/healthz`, {
        signal: AbortSignal.timeout(2_000),
      });
      return response.status;
    }),
  );
  await sleep(2_000);

  await stackComponent("kill", "postgres");
  const during = await waitFor(
    async () => {
      const states = await readinessOf(usesPostgres);
      return states.every((state) => state.body.checks.postgres?.ok === false) ? states : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 250, message: "every Postgres user noticed the crash" },
  );
  for (const state of during) {
    const essential = state.service.essential.includes("postgres");
    expect(state.status, state.service.name).toBe(essential ? 503 : 200);
  }
  const chartsBeforeRestart = charts.statuses.length;
  await sleep(3_000);
  // The gateway kept serving charts (cached verification, limits in Redis, usage to Kafka).
  expect(charts.statuses.slice(chartsBeforeRestart)).toContain(200);

  await stackComponent("up", "postgres");
  await waitFor(async () => (await readinessOf(SERVICES)).every((state) => state.status === 200), {
    timeoutMs: 90_000,
    intervalMs: 500,
    message: "every service ready again",
  });
  await sleep(2_000);
  await Promise.all([charts.stop(), keys.stop(), ...alive.map((poll) => poll.stop())]);

  for (const poll of alive) {
    expect(
      poll.statuses.filter((status) => status !== 200),
      `${poll.name} /healthz`,
    ).toEqual([]);
  }
  // The gateway answered every request (0: no answer at all).
  expect(charts.statuses).not.toContain(0);
  expect(keys.statuses).not.toContain(0);
  expect(createdKeys.length).toBeGreaterThan(0);
  // Every key api-key said it created is there.
  for (const keyId of createdKeys) {
    expect((await call("GET", `/v1/keys/${keyId}`, tenant.key)).status, keyId).toBe(200);
  }
  // Every request answered was counted once by analytics, including those it received while
  // its database was gone.
  const expected = {
    "POST /v1/charts": charts.statuses.length,
    "POST /v1/keys": keys.statuses.length,
  };
  await waitFor(
    async () => {
      const usage = await call("GET", `/v1/keys/${tenant.keyId}/usage`, tenant.key);
      const buckets = (usage.body.buckets ?? []) as { route: string; requests: number }[];
      const counted = (route: string) =>
        buckets
          .filter((bucket) => bucket.route === route)
          .reduce((sum, bucket) => sum + bucket.requests, 0);
      return Object.entries(expected).every(([route, count]) => counted(route) === count);
    },
    {
      timeoutMs: 120_000,
      intervalMs: 1_000,
      message: `analytics counted ${JSON.stringify(expected)}`,
    },
  );
});
