import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { infra, repoRoot, startServiceProcess } from "@orrery/testing";
import { describe, expect, it } from "vitest";
import { readiness, SERVICES } from "./services.js";

const run = promisify(execFile);

/** grpc-health-probe for one service name (empty: the server): its verdict, never a throw. */
async function healthProbe(address: string, service = ""): Promise<string> {
  const result = await run("grpc-health-probe", [`-addr=${address}`, `-service=${service}`]).catch(
    (error: { stdout?: string; stderr?: string }) => error,
  );
  return `${result.stdout ?? ""}${result.stderr ?? ""}`;
}

describe("the running platform", () => {
  it("reports at GET /v1/health each service the gateway calls, serving what it calls there", async () => {
    const response = await fetch(`${infra.gatewayUrl}/v1/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      services: Record<string, { status: string }>;
    };
    expect(body.status).toBe("ok");
    expect(Object.keys(body.services).sort()).toEqual([
      "analytics",
      "api-key",
      "batch-worker",
      "rate-limit",
      "webhook-dispatcher",
    ]);
    for (const [name, service] of Object.entries(body.services)) {
      expect(service.status, name).toBe("serving");
    }
  });

  it.each(SERVICES)(
    "$name is ready, gated by its essential dependencies only, and exposes metrics",
    async (service) => {
      const { status, body } = await readiness(service);
      expect(status).toBe(200);
      const essential = Object.entries(body.checks).filter(([, check]) => check.essential);
      const reported = Object.entries(body.checks).filter(([, check]) => !check.essential);
      expect(essential.map(([name]) => name).sort()).toEqual(service.essential);
      expect(reported.map(([name]) => name).sort()).toEqual(service.reported);
      const metrics = await (await fetch(`${service.httpUrl}/metrics`)).text();
      expect(metrics).toContain("process_resident_memory_bytes");
      expect(metrics).toContain(`service_name="${service.name}"`);
    },
  );

  it.each(SERVICES.filter((service) => service.grpcPort !== undefined))(
    "$name names in gRPC health and reflection exactly the services it implements",
    async (service) => {
      const address = `127.0.0.1:${service.grpcPort}`;
      expect(await healthProbe(address)).toContain("status: SERVING");
      const { stdout } = await run("grpcurl", ["-plaintext", address, "list"]);
      const listed = stdout.split("\n").filter((line) => line !== "");
      expect(listed.filter((name) => name !== "grpc.health.v1.Health").sort()).toEqual(
        service.grpcServices,
      );
      for (const name of service.grpcServices ?? []) {
        expect(await healthProbe(address, name), name).toContain("status: SERVING");
        const described = await run("grpcurl", ["-plaintext", address, "describe", name]);
        expect(described.stdout).toContain(`service ${name.split(".").at(-1)} {`);
      }
      // What is not built yet is not registered: health does not know it (NOT_FOUND).
      for (const name of service.unbuiltGrpcServices) {
        expect(await healthProbe(address, name), name).toContain("code = NotFound");
      }
    },
  );
});

describe("configuration", () => {
  const badValues: Record<string, { variable: string; value: string }> = {
    "api-key": { variable: "DATABASE_URL", value: "mysql://nope" },
    "rate-limit": { variable: "REDIS_URL", value: "not a url" },
    "webhook-dispatcher": { variable: "GRPC_PORT", value: "70000" },
    "batch-worker": { variable: "KAFKA_BROKERS", value: "" },
    analytics: { variable: "DATABASE_POOL_SIZE", value: "zero" },
    realtime: { variable: "HTTP_PORT", value: "banana" },
    gateway: { variable: "APIKEY_SERVICE_URL", value: "http://api-key" },
  };

  it.each(SERVICES)("$name stops at once with one line naming a bad variable", async (service) => {
    const bad = badValues[service.name]!;
    const handle = await startServiceProcess(
      service.name,
      { [bad.variable]: bad.value },
      { waitForReady: false },
    );
    const timeout = setTimeout(() => void handle.stop(), 30_000);
    const code = await handle.exited();
    clearTimeout(timeout);
    const lines = handle.output().trim().split("\n");
    expect(code).toBe(78);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^${service.name}: invalid configuration: ${bad.variable} `),
    );
  });

  it.each(SERVICES)(
    "$name prints its configuration without secrets on --check-config",
    async (service) => {
      const handle = await startServiceProcess(
        service.name,
        {},
        {
          waitForReady: false,
          args: ["--check-config"],
        },
      );
      expect(await handle.exited()).toBe(0);
      const printed = JSON.parse(handle.output()) as Record<string, unknown>;
      expect(printed.HTTP_PORT).toBe(handle.httpPort);
      if (service.grpcPort !== undefined) expect(printed.GRPC_PORT).toBe(handle.grpcPort);
      if (service.name === "api-key") expect(printed.API_KEY_PEPPER).toBe("[secret]");
      if (printed.DATABASE_URL !== undefined) {
        expect(new URL(String(printed.DATABASE_URL)).password).toBe("%5Bsecret%5D");
      }
    },
  );
});

describe("shutdown", () => {
  it("drains and exits cleanly on SIGTERM", async () => {
    const gateway = await startServiceProcess("gateway");
    const code = await gateway.stop(15_000);
    expect(code).toBe(0);
    const stopped = gateway
      .output()
      .split("\n")
      .filter((line) => line.includes('"msg":"stopped"'))
      .map((line) => (JSON.parse(line) as { component: string }).component);
    // The HTTP server drains first (in-flight requests finish), then what requests used, then
    // the connections those used, telemetry last.
    expect(stopped[0]).toBe("http");
    expect(stopped.at(-1)).toBe("telemetry");
    expect(stopped.indexOf("usage-events")).toBeLessThan(stopped.indexOf("kafka-producer"));
    expect(stopped.indexOf("kafka-producer")).toBeLessThan(stopped.indexOf("kafka"));
    expect(stopped.indexOf("result-cache-maintenance")).toBeLessThan(
      stopped.indexOf("result-cache"),
    );
    expect(stopped.indexOf("result-cache")).toBeLessThan(stopped.indexOf("redis gateway"));
    expect(stopped.indexOf("auth-invalidations")).toBeLessThan(
      stopped.indexOf("redis gateway-auth"),
    );
    expect(stopped).toEqual(
      expect.arrayContaining(["grpc-clients", "api-key-verifier", "redis gateway-rate-limit"]),
    );
  });

  it("the README's stack command is idempotent while everything runs", async () => {
    const child = spawn(`${repoRoot}scripts/stack`, ["up", "postgres", "redis", "kafka"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(0);
    for (const component of ["postgres", "redis", "kafka"]) {
      expect(output).toMatch(new RegExp(`${component}: already running`));
    }
  });
});
