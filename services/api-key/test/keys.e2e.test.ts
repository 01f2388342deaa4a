import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { createKafka, decodeEvent, TOPICS } from "@orrery/events";
import { createLogger } from "@orrery/telemetry";
import {
  createTenant,
  gatewayCall,
  infra,
  repoRoot,
  type ServiceProcess,
  stackEnvironment,
  startServiceProcess,
  waitFor,
} from "@orrery/testing";
import type { Consumer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// API keys and accounts through the running stack (scripts/stack up): the shared gateway at
// GATEWAY_URL, plus a second gateway replica, and a private api-key + gateway pair whose metrics
// no other traffic touches.
const run = promisify(execFile);
const gateway = infra.gatewayUrl;
let replica: ServiceProcess;
let privateApiKey: ServiceProcess;
let privateGateway: ServiceProcess;
let admin: string;
let consumer: Consumer;
const events: { type: string; accountId: string; raw: string }[] = [];
/** Every plaintext key this run sees: none may show up in logs, events or the database. */
const secrets: string[] = [];

const call = (
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
  base = gateway,
) => gatewayCall(method, path, key, body, { base });

async function newTenant(plan = "basic") {
  const tenant = await createTenant({
    admin,
    name: "e2e tenant",
    plan,
    scopes: ["charts:read", "keys:manage", "analytics:read"],
  });
  secrets.push(tenant.key);
  return tenant;
}

async function createKey(owner: string, body: Record<string, unknown>) {
  const created = await call("POST", "/v1/keys", owner, { name: "app", ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  secrets.push(created.body.key as string);
  return { key: created.body.key as string, keyId: created.body.id as string };
}

/** Sum of a Prometheus counter's samples whose labels include `labels`. */
async function metric(base: string, name: string, labels: Record<string, string> = {}) {
  const text = await (await fetch(`${base}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`)))
      continue;
    total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

const status = async (path: string, key: string, base = gateway) =>
  (await call("GET", path, key, undefined, base)).status;

beforeAll(async () => {
  const bootstrap = await run("node", ["services/api-key/dist/cli/bootstrap-admin.js"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...stackEnvironment("api-key") },
  });
  admin = bootstrap.stdout.split("\n")[0]!.trim();
  secrets.push(admin);
  replica = await startServiceProcess("gateway", { LOG_LEVEL: "debug" });
  privateApiKey = await startServiceProcess("api-key", { LOG_LEVEL: "debug" });
  privateGateway = await startServiceProcess("gateway", {
    LOG_LEVEL: "debug",
    APIKEY_SERVICE_URL: `dns:///127.0.0.1:${privateApiKey.grpcPort}`,
  });
  const kafka = createKafka({
    brokers: [...infra.kafkaBrokers],
    clientId: "api-key-e2e",
    logger: createLogger({ service: "api-key-e2e", level: "silent" }),
  });
  consumer = kafka.consumer({ groupId: `api-key-e2e-${Date.now()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.accounts, fromBeginning: false });
  let assigned = false;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    assigned = true;
  });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = decodeEvent(message.headers, message.value);
      const raw = `${JSON.stringify(message.headers, (_, value) => (Buffer.isBuffer(value) ? value.toString("latin1") : value))}${message.value?.toString("latin1") ?? ""}`;
      if (event !== undefined) events.push({ type: event.type, accountId: event.accountId, raw });
    },
  });
  await waitFor(() => assigned, { timeoutMs: 30_000, message: "event consumer joined" });
}, 120_000);

afterAll(async () => {
  await consumer?.disconnect();
  await replica?.stop();
  await privateGateway?.stop();
  await privateApiKey?.stop();
});

describe("API keys through the gateway", () => {
  it("bootstrap prints the same admin key on every run and keeps it only in .data/admin-key (0600)", async () => {
    const again = await run("node", ["services/api-key/dist/cli/bootstrap-admin.js"], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", ...stackEnvironment("api-key") },
    });
    expect(again.stdout.split("\n")[0]).toBe(admin);
    const file = await stat(join(repoRoot, ".data/admin-key"));
    expect(file.mode & 0o777).toBe(0o600);
    expect(await status("/v1/accounts", admin)).toBe(200);
  });

  it("create → use → rotate (both work during grace, old refused after) → revoke on two replicas within 2 s", async () => {
    const tenant = await newTenant();
    const original = await createKey(tenant.key, { scopes: ["keys:manage"] });
    expect(await status("/v1/keys", original.key)).toBe(200);

    const rotated = await call("POST", `/v1/keys/${original.keyId}/rotate`, original.key, {
      gracePeriodSeconds: 3,
    });
    expect(rotated.status).toBe(200);
    const next = { key: rotated.body.key as string, keyId: rotated.body.id as string };
    secrets.push(next.key);
    expect(next.key).not.toBe(original.key);
    expect(rotated.body.scopes).toEqual(["keys:manage"]);
    for (const base of [gateway, replica.url]) {
      expect(await status("/v1/keys", original.key, base)).toBe(200);
      expect(await status("/v1/keys", next.key, base)).toBe(200);
    }
    const graceEnd = Date.parse(rotated.body.previousKeyExpiresAt as string);
    await new Promise((resolve) => setTimeout(resolve, Math.max(graceEnd - Date.now(), 0) + 100));
    for (const base of [gateway, replica.url]) {
      const refused = await call("GET", "/v1/keys", original.key, undefined, base);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe("INVALID_API_KEY");
      expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await status("/v1/keys", next.key, base)).toBe(200);
    }

    // Both replicas have the new key cached; revocation must reach both within two seconds.
    const revoked = await call("POST", `/v1/keys/${next.keyId}/revoke`, tenant.key);
    const revokedAt = Date.now();
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeDefined();
    const refusedAfter = await Promise.all(
      [gateway, replica.url].map(async (base) => {
        await waitFor(async () => (await status("/v1/keys", next.key, base)) === 401, {
          timeoutMs: 2_000,
          intervalMs: 25,
          message: `${base} refuses the revoked key`,
        });
        return Date.now() - revokedAt;
      }),
    );
    for (const elapsed of refusedAfter) expect(elapsed).toBeLessThan(2_000);
    await waitFor(
      () =>
        events.some(
          (event) => event.type === "orrery.key.revoked" && event.accountId === tenant.accountId,
        ),
      { timeoutMs: 10_000, message: "orrery.key.revoked on orrery.accounts.v1" },
    );
    expect(events.some((event) => event.type === "orrery.key.rotated")).toBe(true);
  });

  it("refuses a mistyped key at the checksum: no VerifyKey call, no database lookup", async () => {
    const tenant = await newTenant();
    const { key } = await createKey(tenant.key, { scopes: ["keys:manage"] });
    const typo = `${key.slice(0, 15)}${key.charAt(15) === "A" ? "B" : "A"}${key.slice(16)}`;
    const verifyCalls = () =>
      metric(privateGateway.url, "rpc_client_duration_seconds_count", { rpc_method: "VerifyKey" });
    const lookups = () => metric(privateApiKey.url, "apikey_secret_lookups_total");
    const before = { calls: await verifyCalls(), lookups: await lookups() };
    for (let index = 0; index < 20; index += 1) {
      const refused = await call("GET", "/v1/keys", typo, undefined, privateGateway.url);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe("INVALID_API_KEY");
    }
    expect(
      await metric(privateGateway.url, "gateway_authentications_total", { outcome: "malformed" }),
    ).toBeGreaterThanOrEqual(20);
    expect(await verifyCalls()).toBe(before.calls);
    expect(await lookups()).toBe(before.lookups);
    // The control: the real key costs one VerifyKey and one lookup, then comes from the cache.
    expect(await status("/v1/keys", key, privateGateway.url)).toBe(200);
    expect(await status("/v1/keys", key, privateGateway.url)).toBe(200);
    expect(await verifyCalls()).toBe(before.calls + 1);
    expect(await lookups()).toBe(before.lookups + 1);
  });

  it("expires a key on time, even while it is cached", async () => {
    const tenant = await newTenant();
    const { key } = await createKey(tenant.key, {
      scopes: ["keys:manage"],
      expiresAt: new Date(Date.now() + 2_000).toISOString(),
    });
    expect(await status("/v1/keys", key)).toBe(200);
    await waitFor(async () => (await status("/v1/keys", key)) === 401, { timeoutMs: 4_000 });
  });

  it("enforces scopes: 403 insufficient-scope, and no key can mint a stronger one", async () => {
    const tenant = await newTenant();
    const { key } = await createKey(tenant.key, { scopes: ["charts:read"] });
    const refused = await call("GET", "/v1/keys", key);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("INSUFFICIENT_SCOPE");
    expect(refused.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    const stronger = await call("POST", "/v1/keys", tenant.key, {
      name: "x",
      scopes: ["webhooks:manage"],
    });
    expect(stronger.status).toBe(403);
    expect(stronger.body.code).toBe("SCOPE_NOT_GRANTABLE");
    const adminScope = await call("POST", "/v1/keys", admin, {
      accountId: tenant.accountId,
      name: "x",
      scopes: ["admin"],
    });
    // Only the operator account's keys may hold admin: refused like any scope one cannot grant.
    expect(adminScope.status).toBe(403);
    expect(adminScope.body.code).toBe("SCOPE_NOT_GRANTABLE");
    expect((await call("GET", "/v1/accounts", tenant.key)).status).toBe(403);
    const missing = await call("GET", "/v1/keys", undefined);
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe("API_KEY_REQUIRED");
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="orrery"');
  });

  it("keeps tenants apart: every key endpoint answers 404 for another tenant's ids", async () => {
    const owner = await newTenant();
    const stranger = await newTenant();
    const target = owner.keyId;
    const attempts: [string, string, unknown?][] = [
      ["GET", `/v1/keys/${target}`],
      ["POST", `/v1/keys/${target}/rotate`, {}],
      ["POST", `/v1/keys/${target}/revoke`],
      ["GET", `/v1/keys/${target}/usage`],
      ["GET", `/v1/keys?accountId=${owner.accountId}`],
      ["POST", "/v1/keys", { accountId: owner.accountId, name: "x", scopes: ["charts:read"] }],
    ];
    for (const [method, path, body] of attempts) {
      const reply = await call(method, path, stranger.key, body);
      expect(reply.status, `${method} ${path}`).toBe(404);
    }
    const listed = await call("GET", "/v1/keys", stranger.key);
    expect((listed.body.keys as { id: string }[]).map((key) => key.id)).not.toContain(target);
    expect(await status(`/v1/keys/${target}`, owner.key)).toBe(200);
    expect(await status(`/v1/keys/${target}`, admin)).toBe(200);
  });

  it("applies a plan change and a suspension on every replica without a restart", async () => {
    const tenant = await newTenant("basic");
    const policyOn = async (base: string) =>
      (await call("GET", "/v1/keys", tenant.key, undefined, base)).headers.get("ratelimit-policy");
    const before = await policyOn(gateway);
    expect(await policyOn(replica.url)).toBe(before);
    const changed = await call("PATCH", `/v1/accounts/${tenant.accountId}`, admin, {
      plan: "premium",
    });
    expect(changed.status).toBe(200);
    expect(changed.body.plan).toBe("premium");
    for (const base of [gateway, replica.url]) {
      await waitFor(async () => (await policyOn(base)) !== before, {
        timeoutMs: 2_000,
        intervalMs: 50,
        message: `${base} applies the premium plan`,
      });
    }
    await call("PATCH", `/v1/accounts/${tenant.accountId}`, admin, {
      suspended: true,
      suspensionReason: "e2e",
    });
    for (const base of [gateway, replica.url]) {
      await waitFor(
        async () =>
          (await call("GET", "/v1/keys", tenant.key, undefined, base)).body.code ===
          "ACCOUNT_SUSPENDED",
        { timeoutMs: 2_000, intervalMs: 50 },
      );
    }
    await call("PATCH", `/v1/accounts/${tenant.accountId}`, admin, { suspended: false });
    await waitFor(async () => (await status("/v1/keys", tenant.key)) === 200, { timeoutMs: 2_000 });
  });

  it("counts a key's requests by day and route from the usage stream", async () => {
    const tenant = await newTenant();
    for (let index = 0; index < 3; index += 1)
      expect(await status("/v1/keys", tenant.key)).toBe(200);
    const usage = await waitFor(
      async () => {
        const reply = await call("GET", `/v1/keys/${tenant.keyId}/usage`, tenant.key);
        const bucket = (
          reply.body.buckets as { route: string; requests: number }[] | undefined
        )?.find((candidate) => candidate.route === "GET /v1/keys");
        return bucket !== undefined && bucket.requests >= 3 ? bucket : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 250, message: "usage rolled up" },
    );
    expect(usage.requests).toBe(3);
  });

  it("never puts a full key in a log line, an event or the database", async () => {
    expect(secrets.length).toBeGreaterThan(10);
    const forms = secrets.flatMap((secret) => [
      secret,
      secret.slice(9),
      Buffer.from(secret).toString("hex"),
    ]);
    const logs = [replica.output(), privateApiKey.output(), privateGateway.output()];
    for (const service of ["gateway", "api-key", "analytics"]) {
      logs.push(
        await readFile(join(repoRoot, ".data/logs", `${service}.log`), "utf8").catch(() => ""),
      );
    }
    const eventText = events.map((event) => event.raw).join("\n");
    const apiKeyEnv = stackEnvironment("api-key");
    const dump = await run("pg_dump", ["--data-only", apiKeyEnv.DATABASE_URL!], {
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump.stdout).toContain("COPY public.api_keys");
    for (const form of forms) {
      for (const log of logs) expect(log.includes(form)).toBe(false);
      expect(eventText.includes(form)).toBe(false);
      expect(dump.stdout.includes(form)).toBe(false);
    }
  });
});
