import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { defaultPolicyPath, loadPolicyFile, PolicyError, PolicyStore } from "./index.js";

const shipped = loadPolicyFile(defaultPolicyPath);

function writePolicy(directory: string, mutate: (document: Record<string, unknown>) => void) {
  const document = structuredClone(shipped.document) as unknown as Record<string, unknown>;
  mutate(document);
  const path = join(directory, "plans.v1.json");
  writeFileSync(path, JSON.stringify(document));
  return path;
}

describe("the shipped policy", () => {
  it("publishes the plan table", () => {
    expect(shipped.plan("free")).toMatchObject({
      burstPerSecond: 5,
      requestsPerMinute: 60,
      monthlyQuota: 10_000,
    });
    expect(shipped.plan("basic")).toMatchObject({
      burstPerSecond: 25,
      requestsPerMinute: 600,
      monthlyQuota: 250_000,
    });
    expect(shipped.plan("premium")).toMatchObject({
      burstPerSecond: 100,
      requestsPerMinute: 3_000,
      monthlyQuota: 5_000_000,
    });
  });

  it("prices routes, batch items and unnamed routes", () => {
    expect(shipped.routeCost("POST /v1/charts")).toBe(1);
    expect(shipped.routeCost("POST /v1/readings")).toBe(2);
    expect(shipped.routeCost("POST /v1/batches", { itemCount: 250 })).toBe(250);
    expect(shipped.routeCost("GET /v1/usage")).toBe(shipped.document.defaultRouteCost);
  });
});

describe("limitsFor", () => {
  it("lets an account override replace the plan's value in both directions", () => {
    const limits = shipped.limitsFor({
      plan: "free",
      accountOverrides: { burstPerSecond: 50, monthlyQuota: 10, maxBatchSize: 7 },
    });
    expect(limits).toMatchObject({
      burstPerSecond: 50,
      requestsPerMinute: 60,
      monthlyQuota: 10,
      maxBatchSize: 7,
      key: {},
    });
  });

  it("lets a key only lower its account's limits, counting lowered rates per key", () => {
    const limits = shipped.limitsFor({
      plan: "basic",
      accountOverrides: { requestsPerMinute: 100 },
      keyOverrides: { burstPerSecond: 2, requestsPerMinute: 1_000, maxBatchSize: 10 },
    });
    expect(limits.burstPerSecond).toBe(25);
    expect(limits.requestsPerMinute).toBe(100);
    expect(limits.maxBatchSize).toBe(10);
    expect(limits.key).toEqual({ burstPerSecond: 2 });
  });
});

describe("PolicyStore", () => {
  it("refuses a bad file at start, naming the field", () => {
    const directory = mkdtempSync(join(tmpdir(), "policy-"));
    const path = writePolicy(directory, (document) => {
      (document.plans as Record<string, Record<string, unknown>>).free!.burstPerSecond = -1;
    });
    expect(() => new PolicyStore({ path })).toThrow(PolicyError);
    expect(() => new PolicyStore({ path })).toThrow(/plans\.free\.burstPerSecond/);
  });

  it("keeps the old policy when a reload finds a bad file, and takes a good one", () => {
    const directory = mkdtempSync(join(tmpdir(), "policy-"));
    const path = writePolicy(directory, () => undefined);
    const reports: unknown[] = [];
    const store = new PolicyStore({ path, onReload: (result) => reports.push(result) });
    writeFileSync(path, "{ not json");
    const bad = store.reload();
    expect("error" in bad).toBe(true);
    expect(store.policy.version).toBe(shipped.version);

    writePolicy(directory, (document) => {
      document.version = "next";
      (document.plans as Record<string, Record<string, unknown>>).free!.burstPerSecond = 9;
    });
    expect(store.reload()).toEqual({ changed: true, version: "next" });
    expect(store.policy.plan("free").burstPerSecond).toBe(9);
    expect(reports).toHaveLength(2);
  });

  it("reloads by itself when the file is replaced", async () => {
    const directory = mkdtempSync(join(tmpdir(), "policy-"));
    const path = writePolicy(directory, () => undefined);
    const store = new PolicyStore({ path });
    store.watch();
    try {
      writePolicy(directory, (document) => {
        document.version = "watched";
      });
      for (let attempt = 0; attempt < 50 && store.policy.version !== "watched"; attempt += 1) {
        await sleep(50);
      }
      expect(store.policy.version).toBe("watched");
    } finally {
      store.close();
    }
  });
});
