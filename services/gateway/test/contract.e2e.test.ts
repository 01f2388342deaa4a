import { gatewayFetch, infra, stackAdminKey } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { declaredRoutes } from "../src/app.test-support.js";

// The public contract through the running stack's gateway: every operation's request example
// succeeds with its declared status and a body its schema accepts, and the hostile inputs of
// the fuzzing findings get named problems.
const gateway = infra.gatewayUrl;
const TENANT_SCOPES = [
  "charts:read",
  "keys:manage",
  "analytics:read",
  "analytics:write",
  "batches:read",
  "batches:write",
  "webhooks:manage",
  "realtime:connect",
];
// The local stack lets webhooks reach this machine over plain http; nothing needs to listen.
const LOCAL_RECEIVER = "http://127.0.0.1:9/orrery";
let admin: string;
let accountId: string;
let tenantKey: string;
let tenantKeyId: string;

const call = (
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
) => gatewayFetch(method, path, key, body, { headers });

async function json<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function newKey(scopes = TENANT_SCOPES): Promise<{ id: string; key: string }> {
  return json(await call("POST", "/v1/keys", tenantKey, { name: "contract test", scopes }), 201);
}

async function newEndpoint(): Promise<string> {
  const endpoint = await json<{ id: string }>(
    await call("POST", "/v1/webhooks/endpoints", tenantKey, { url: LOCAL_RECEIVER }),
    201,
  );
  return endpoint.id;
}

async function newReport(): Promise<string> {
  const report = await json<{ id: string }>(
    await call("POST", "/v1/analytics/reports", tenantKey, { name: "contract", range: "last_24h" }),
    201,
  );
  return report.id;
}

/** A batch of the caller's, from the JSON example of POST /v1/batches. */
async function newBatch(): Promise<string> {
  const create = declaredRoutes().find(
    (route) => route.method === "POST" && route.path === "/v1/batches",
  );
  const body = create?.upload?.content["application/json"]?.example;
  const batch = await json<{ id: string }>(await call("POST", "/v1/batches", tenantKey, body), 202);
  return batch.id;
}

/**
 * What an example stands for that only the running stack has: the caller's own ids (a fresh key
 * or endpoint for the routes that use one up), a webhook URL the stack may reach, a recover
 * window that includes now.
 */
async function fillIn(
  route: ReturnType<typeof declaredRoutes>[number],
  ids: {
    endpointId: string;
    messageId: string;
    reportId: string;
    runId: string;
    batchId: string;
  },
): Promise<{ params: Record<string, string>; body: unknown }> {
  const params = { ...(route.example?.params as Record<string, string> | undefined) };
  if ("keyId" in params) {
    params.keyId = route.path.endsWith("/usage") ? tenantKeyId : (await newKey()).id;
  }
  if ("accountId" in params) params.accountId = accountId;
  if ("endpointId" in params) {
    params.endpointId = route.method === "DELETE" ? await newEndpoint() : ids.endpointId;
  }
  if ("messageId" in params) params.messageId = ids.messageId;
  if ("reportId" in params) {
    params.reportId = route.method === "DELETE" ? await newReport() : ids.reportId;
  }
  if ("runId" in params) params.runId = ids.runId;
  if ("batchId" in params) {
    params.batchId = route.path.endsWith("/cancel") ? await newBatch() : ids.batchId;
  }
  // A streamed upload (POST /v1/batches) declares its examples per media type: the JSON one.
  const uploadExample = route.upload?.content["application/json"]?.example;
  let body = (route.example?.body ?? uploadExample) as Record<string, unknown> | undefined;
  if (route.path === "/v1/webhooks/endpoints" && body !== undefined) {
    body = { ...body, url: LOCAL_RECEIVER };
  }
  if (route.path.endsWith("/recover")) {
    body = { since: new Date(Date.now() - 60 * 60 * 1000).toISOString() };
  }
  return { params, body };
}

beforeAll(async () => {
  admin = await stackAdminKey();
  const account = await json<{ id: string }>(
    await call("POST", "/v1/accounts", admin, {
      name: "contract e2e",
      plan: "premium",
      overrides: { burstPerSecond: 10_000, requestsPerMinute: 100_000 },
    }),
    201,
  );
  accountId = account.id;
  const key = await json<{ id: string; key: string }>(
    await call("POST", "/v1/keys", admin, {
      name: "contract e2e",
      accountId,
      environment: "live",
      scopes: TENANT_SCOPES,
    }),
    201,
  );
  tenantKey = key.key;
  tenantKeyId = key.id;
});

describe("every operation's example", () => {
  it("succeeds as documented, with a body its response schema accepts", async () => {
    const endpointId = await newEndpoint();
    const message = await json<{ id: string }>(
      await call("POST", `/v1/webhooks/endpoints/${endpointId}/test`, tenantKey),
      202,
    );
    const reportId = await newReport();
    const batchId = await newBatch();
    const run = await json<{ id: string }>(
      await call("POST", `/v1/analytics/reports/${reportId}/run`, tenantKey),
      201,
    );
    for (const route of declaredRoutes()) {
      const name = `${route.method} ${route.path}`;
      const { params, body } = await fillIn(route, {
        endpointId,
        messageId: message.id,
        reportId,
        runId: run.id,
        batchId,
      });
      const query = new URLSearchParams(
        Object.entries((route.example?.query ?? {}) as Record<string, unknown>).map(
          ([key, value]): [string, string] => [key, String(value)],
        ),
      ).toString();
      const path =
        route.path.replaceAll(/\{(\w+)\}/g, (_, param: string) => params[param] ?? "") +
        (query === "" ? "" : `?${query}`);
      const key =
        route.scope === undefined ? undefined : route.scope === "admin" ? admin : tenantKey;
      const response = await call(route.method, path, key, body);
      const declared = Object.keys(route.responses).map(Number);
      expect(declared, `${name}: ${response.status}`).toContain(response.status);
      const spec = route.responses[response.status];
      if (spec?.schema !== undefined) {
        const parsed = spec.schema.safeParse(await response.json());
        expect(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      }
    }
  });
});

describe("hostile inputs from the fuzzing findings", () => {
  it("refuses numbers past a uint32 at the edge, with a named 400 (no upstream 500)", async () => {
    for (const overrides of [{ burstPerSecond: 2 ** 32 }, { realtimeConnections: 1e15 }]) {
      const created = await call("POST", "/v1/accounts", admin, { name: "big", overrides });
      const problem = await json<{ code: string; errors: { field: string }[] }>(created, 400);
      expect(problem.code).toBe("VALIDATION_FAILED");
      const patched = await call("PATCH", `/v1/accounts/${accountId}`, admin, { overrides });
      expect(patched.status).toBe(400);
      const key = await call("POST", "/v1/keys", tenantKey, {
        name: "big",
        scopes: ["charts:read"],
        overrides,
      });
      expect(key.status).toBe(400);
    }
    const largest = await call("PATCH", `/v1/accounts/${accountId}`, admin, {
      overrides: { webhookEndpoints: 2 ** 32 - 1 },
    });
    expect(largest.status).toBe(200);
  });

  it("takes names as printable text only, trimmed", async () => {
    const control = await call("POST", "/v1/keys", tenantKey, {
      name: "\u001c?bad",
      scopes: ["charts:read"],
    });
    expect((await json<{ code: string }>(control, 400)).code).toBe("VALIDATION_FAILED");
    const unassigned = await call("POST", "/v1/keys", tenantKey, {
      name: "key \u0378",
      scopes: ["charts:read"],
    });
    expect((await json<{ code: string }>(unassigned, 422)).code).toBe("INVALID_NAME");
    const trimmed = await call("POST", "/v1/keys", tenantKey, {
      name: "  my server  ",
      scopes: ["charts:read"],
    });
    expect((await json<{ name: string }>(trimmed, 201)).name).toBe("my server");
  });

  it("answers another tenant's or an unknown id with 404, as documented", async () => {
    const unknown = await call("GET", "/v1/keys/key_0000000000000000000000", tenantKey);
    expect((await json<{ code: string }>(unknown, 404)).code).toBe("KEY_NOT_FOUND");
    const stranger = await call("POST", "/v1/keys", tenantKey, {
      name: "x",
      scopes: ["charts:read"],
      accountId: "acc_0000000000000000000000",
    });
    expect((await json<{ code: string }>(stranger, 404)).code).toBe("ACCOUNT_NOT_FOUND");
  });

  it("revokes with its own action, and the key then shows it is revoked", async () => {
    const key = await newKey(["charts:read"]);
    const revoked = await json<{ revokedAt?: string }>(
      await call("POST", `/v1/keys/${key.id}/revoke`, tenantKey),
      200,
    );
    expect(revoked.revokedAt).toBeDefined();
    const read = await json<{ revokedAt?: string }>(
      await call("GET", `/v1/keys/${key.id}`, tenantKey),
      200,
    );
    expect(read.revokedAt).toBe(revoked.revokedAt);
    expect((await call("DELETE", `/v1/keys/${key.id}`, tenantKey)).status).toBe(405);
  });

  it("accepts the key as X-API-Key too, and refuses two headers with different keys", async () => {
    const viaHeader = await fetch(`${gateway}/v1/usage`, { headers: { "x-api-key": tenantKey } });
    expect(viaHeader.status).toBe(200);
    const same = await fetch(`${gateway}/v1/usage`, {
      headers: { "x-api-key": tenantKey, authorization: `Bearer ${tenantKey}` },
    });
    expect(same.status).toBe(200);
    const different = await fetch(`${gateway}/v1/usage`, {
      headers: { "x-api-key": tenantKey, authorization: `Bearer ${admin}` },
    });
    expect((await json<{ code: string }>(different, 401)).code).toBe("INVALID_API_KEY");
  });

  it("refuses an Idempotency-Key on a route that returns a secret, as the document says", async () => {
    const response = await call(
      "POST",
      "/v1/keys",
      tenantKey,
      { name: "x", scopes: ["charts:read"] },
      { "idempotency-key": "k-1" },
    );
    expect((await json<{ code: string }>(response, 400)).code).toBe(
      "IDEMPOTENCY_KEY_NOT_SUPPORTED",
    );
    const document = await json<{
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    }>(await fetch(`${gateway}/v1/openapi.json`), 200);
    const parameters = document.paths["/v1/keys"]?.post?.parameters ?? [];
    expect(parameters.map((parameter) => parameter.name)).not.toContain("Idempotency-Key");
  });

  it("says what a route costs in one place: /v1/usage, the document and the policy agree", async () => {
    const usage = await json<{
      routeCosts: { routes: { route: string; cost: number }[]; otherwise: number };
    }>(await call("GET", "/v1/usage", tenantKey), 200);
    const document = await json<{
      paths: Record<
        string,
        Record<string, { "x-orrery-cost": number; description?: string; security: unknown[] }>
      >;
    }>(await fetch(`${gateway}/v1/openapi.json`), 200);
    const costs = new Map(usage.routeCosts.routes.map((entry) => [entry.route, entry.cost]));
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation.security.length === 0) continue;
        const cost = costs.get(`${method.toUpperCase()} ${path}`) ?? usage.routeCosts.otherwise;
        expect(operation["x-orrery-cost"], `${method} ${path}`).toBe(cost);
        expect(operation.description ?? "").toContain(
          cost === 0 ? "Free of request units" : `Costs ${cost} request unit`,
        );
      }
    }
    expect(costs.get("POST /v1/readings")).toBe(2);
    expect(costs.has("GET /v1/keys")).toBe(false);
  });
});
