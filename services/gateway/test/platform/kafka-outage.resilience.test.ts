import { setTimeout as sleep } from "node:timers/promises";
import {
  createTenant,
  gatewayCall,
  infra,
  type ServiceProcess,
  stackAdminKey,
  stackComponent,
  startServiceProcess,
  waitFor,
} from "@orrery/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uniqueChartInput } from "../../src/app.test-support.js";

// Kills Kafka (SIGKILL) for 30 s under load: resilience project, alone. The gateway keeps
// serving, keeps every usage event of every request it answered (a memory buffer of 100 here,
// so the outage outlasts it and the events spill to the journal), and once Kafka is back
// analytics counts each of those requests exactly once.

const OUTAGE_MS = 30_000;
let gateway: ServiceProcess;
let tenant: { key: string; keyId: string };

const call = (base: string, method: string, path: string, key: string, body?: unknown) =>
  gatewayCall(method, path, key, body, { base, timeoutMs: 10_000 });

/** The series of one of the gateway's metrics, as exposition rows. */
async function metricRows(name: string): Promise<string[]> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return text.split("\n").filter((row) => row.startsWith(`${name} `) || row.startsWith(`${name}{`));
}

/** A metric of the gateway's, summed over its series. */
async function metric(name: string): Promise<number> {
  const rows = await metricRows(name);
  return rows.reduce((sum, row) => sum + Number(row.slice(row.lastIndexOf(" ") + 1)), 0);
}

beforeAll(async () => {
  const admin = await stackAdminKey();
  tenant = await createTenant({
    admin,
    name: "kafka outage tenant",
    scopes: ["charts:read", "analytics:read"],
  });
  gateway = await startServiceProcess("gateway", { USAGE_EVENTS_MAX_BUFFERED: "100" });
});

afterAll(async () => {
  await stackComponent("up", "kafka");
  await gateway?.stop();
});

it("keeps every usage event through a 30 s Kafka outage, and analytics counts each request once", async () => {
  const chartInput = uniqueChartInput();
  const statuses: number[] = [];
  let running = true;
  // Four clients, each one request at a time: well under the premium plan's 50 requests/s.
  const clients = Array.from({ length: 4 }, async () => {
    while (running) {
      const status = await call(gateway.url, "POST", "/v1/charts", tenant.key, chartInput)
        .then((answer) => answer.status)
        .catch(() => 0);
      statuses.push(status);
      await sleep(90);
    }
  });
  await sleep(2_000);

  await stackComponent("kill", "kafka");
  const killedAt = Date.now();
  const servedBefore = statuses.length;
  await waitFor(async () => (await metric("events_journal_waiting")) > 0, {
    timeoutMs: OUTAGE_MS,
    intervalMs: 500,
    message: "the gateway journals usage events once its memory buffer is full",
  });
  // Still ready: a broker outage is not an API outage.
  expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - killedAt)));
  expect(statuses.slice(servedBefore).filter((status) => status === 200).length).toBeGreaterThan(
    100,
  );
  const journaled = await metric("events_journal_waiting");

  await stackComponent("up", "kafka");
  await sleep(5_000);
  running = false;
  await Promise.all(clients);

  // Every request was answered, and nothing was dropped anywhere.
  expect(statuses).not.toContain(0);
  expect((await metricRows("events_dropped_total")).filter((row) => !row.endsWith(" 0"))).toEqual(
    [],
  );
  expect(journaled).toBeGreaterThan(0);
  const answered = statuses.length;
  const counted = async () => {
    const usage = await call(infra.gatewayUrl, "GET", `/v1/keys/${tenant.keyId}/usage`, tenant.key);
    expect(usage.status).toBe(200);
    const buckets = (usage.body.buckets ?? []) as { route: string; requests: number }[];
    return buckets
      .filter((bucket) => bucket.route === "POST /v1/charts")
      .reduce((sum, bucket) => sum + bucket.requests, 0);
  };
  // After an unclean broker stop its group coordinator reloads the offsets first: consumers may
  // take a minute or two to rejoin.
  await waitFor(async () => (await counted()) === answered, {
    timeoutMs: 240_000,
    intervalMs: 1_000,
    message: `analytics counted all ${answered} requests`,
  });
  await waitFor(async () => (await metric("events_journal_waiting")) === 0, {
    timeoutMs: 30_000,
    intervalMs: 500,
    message: "the journal replayed",
  });
  // Replays are at least once; analytics de-duplicates by event id, so the count stays exact.
  await sleep(3_000);
  expect(await counted()).toBe(answered);
}, 420_000);
