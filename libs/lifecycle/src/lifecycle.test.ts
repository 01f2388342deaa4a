import { createLogger } from "@orrery/telemetry";
import { describe, expect, it } from "vitest";
import { Lifecycle } from "./lifecycle.js";

const logger = createLogger({ service: "lifecycle-test", level: "silent" });

describe("Lifecycle readiness", () => {
  it("is not ready before its dependencies were checked", () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    lifecycle.addReadinessCheck("postgres", async () => undefined);
    expect(lifecycle.report()).toMatchObject({ ready: false, checks: { postgres: { ok: false } } });
  });

  it("is ready only when every dependency answers, and says which one does not", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    let redisUp = false;
    lifecycle.addReadinessCheck("postgres", async () => undefined);
    lifecycle.addReadinessCheck("redis", async () => {
      if (!redisUp) throw new Error("connect ECONNREFUSED 127.0.0.1:16379");
    });
    await lifecycle.probeAll();
    expect(lifecycle.report()).toMatchObject({
      ready: false,
      checks: {
        postgres: { ok: true },
        redis: { ok: false, error: "connect ECONNREFUSED 127.0.0.1:16379" },
      },
    });
    redisUp = true;
    await lifecycle.probeAll();
    expect(lifecycle.report().ready).toBe(true);
  });

  it("treats a dependency that hangs as not ready", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000, probeTimeoutMs: 50 });
    lifecycle.addReadinessCheck("kafka", () => new Promise(() => undefined));
    await lifecycle.probeAll();
    expect(lifecycle.report().checks.kafka).toMatchObject({
      ok: false,
      error: "kafka did not answer within 50 ms",
    });
  });
});

describe("Lifecycle shutdown", () => {
  it("stops being ready at once and runs hooks in reverse order of registration", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    lifecycle.addReadinessCheck("postgres", async () => undefined);
    await lifecycle.probeAll();
    const order: string[] = [];
    lifecycle.onShutdown("postgres-pool", async () => order.push("postgres-pool"));
    lifecycle.onShutdown("grpc-server", async () => {
      expect(lifecycle.report().ready).toBe(false);
      order.push("grpc-server");
    });
    await lifecycle.shutdown();
    expect(order).toEqual(["grpc-server", "postgres-pool"]);
    expect(lifecycle.report()).toMatchObject({ ready: false, shuttingDown: true });
  });

  it("keeps closing the rest when one hook fails or overruns, then reports an unclean stop", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 100 });
    const closed: string[] = [];
    lifecycle.onShutdown("last", async () => closed.push("last"));
    lifecycle.onShutdown("stuck", () => new Promise(() => undefined));
    lifecycle.onShutdown("broken", async () => {
      throw new Error("boom");
    });
    await expect(lifecycle.shutdown()).rejects.toThrow("shutdown was not clean");
    expect(closed).toEqual(["last"]);
  });

  it("runs the hooks once however often shutdown is asked for", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    let runs = 0;
    lifecycle.onShutdown("server", async () => {
      runs += 1;
    });
    await Promise.all([lifecycle.shutdown(), lifecycle.shutdown()]);
    expect(runs).toBe(1);
  });
});

describe("Lifecycle readiness listeners", () => {
  it("hear every change of readiness, including the start of shutdown", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    let up = true;
    lifecycle.addReadinessCheck("redis", async () => {
      if (!up) throw new Error("down");
    });
    const heard: boolean[] = [];
    lifecycle.onReadinessChange((ready) => heard.push(ready));
    await lifecycle.probeAll();
    await lifecycle.probeAll();
    up = false;
    await lifecycle.probeAll();
    up = true;
    await lifecycle.probeAll();
    await lifecycle.shutdown();
    expect(heard).toEqual([true, false, true, false]);
  });
});
