import { createLogger } from "@orrery/telemetry";
import { describe, expect, it } from "vitest";
import { Lifecycle } from "./lifecycle.js";

const logger = createLogger({ service: "lifecycle-test", level: "silent" });

describe("Lifecycle readiness", () => {
  it("is not ready before its dependencies were checked", () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    lifecycle.addDependency("postgres", async () => undefined, "essential");
    expect(lifecycle.report()).toMatchObject({ ready: false, checks: { postgres: { ok: false } } });
  });

  it("is ready only when every essential dependency answers, and says which one does not", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    let redisUp = false; // never answered yet: down from the first failure
    lifecycle.addDependency("postgres", async () => undefined, "essential");
    lifecycle.addDependency(
      "redis",
      async () => {
        if (!redisUp) throw new Error("connect ECONNREFUSED 127.0.0.1:16379");
      },
      "essential",
    );
    await lifecycle.probeAll();
    expect(lifecycle.report()).toMatchObject({
      ready: false,
      checks: {
        postgres: { ok: true, essential: true },
        redis: { ok: false, essential: true, error: "connect ECONNREFUSED 127.0.0.1:16379" },
      },
    });
    redisUp = true;
    await lifecycle.probeAll();
    expect(lifecycle.report().ready).toBe(true);
  });

  it("counts a dependency that answered before as down only after failures in a row", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000, failureThreshold: 2 });
    let answers = [true, false, true, false, false];
    lifecycle.addDependency(
      "redis",
      async () => {
        const [up, ...rest] = answers;
        answers = rest;
        if (up !== true) throw new Error("Command timed out");
      },
      "essential",
    );
    const readiness: boolean[] = [];
    for (let probe = 0; probe < 5; probe += 1) {
      await lifecycle.probeAll();
      readiness.push(lifecycle.report().ready);
    }
    expect(readiness).toEqual([true, true, true, true, false]);
    expect(lifecycle.report().checks.redis).toMatchObject({
      ok: false,
      error: "Command timed out",
    });
  });

  it("stays ready while a reported dependency is down, and shows it", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    lifecycle.addDependency("postgres", async () => undefined, "essential");
    lifecycle.addDependency(
      "kafka",
      async () => {
        throw new Error("broker down");
      },
      "reported",
    );
    expect(lifecycle.report().ready).toBe(false);
    await lifecycle.probeAll();
    expect(lifecycle.report()).toMatchObject({
      ready: true,
      checks: {
        postgres: { ok: true, essential: true },
        kafka: { ok: false, essential: false, error: "broker down" },
      },
    });
  });

  it("treats a dependency that hangs as not ready", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000, probeTimeoutMs: 50 });
    lifecycle.addDependency("kafka", () => new Promise(() => undefined), "essential");
    await lifecycle.probeAll();
    expect(lifecycle.report().checks.kafka).toMatchObject({
      ok: false,
      error: "kafka did not answer within 50 ms",
    });
    expect(lifecycle.report().ready).toBe(false);
  });
});

describe("Lifecycle shutdown", () => {
  it("stops being ready at once and runs hooks in reverse order of registration", async () => {
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000 });
    lifecycle.addDependency("postgres", async () => undefined, "essential");
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
    const lifecycle = new Lifecycle({ logger, shutdownTimeoutMs: 1_000, failureThreshold: 1 });
    let up = true;
    lifecycle.addDependency(
      "redis",
      async () => {
        if (!up) throw new Error("down");
      },
      "essential",
    );
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
