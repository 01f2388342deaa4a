import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { infra, repoRoot, startServiceProcess } from "@orrery/testing";
import { describe, expect, it } from "vitest";
import { readiness, SERVICES } from "./services.js";

const run = promisify(execFile);

describe("the running platform", () => {
  it("reports every downstream service serving at GET /v1/health", async () => {
    const response = await fetch(`${infra.gatewayUrl}/v1/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      services: Record<string, { status: string }>;
    };
    expect(body.status).toBe("ok");
    for (const service of SERVICES.filter((candidate) => candidate.name !== "gateway")) {
      expect(body.services[service.name]?.status, service.name).toBe("serving");
    }
  });

  it.each(SERVICES)(
    "$name is ready, with its dependencies checked, and exposes metrics",
    async (service) => {
      const { status, body } = await readiness(service.httpPort);
      expect(status).toBe(200);
      const checks = Object.keys((body as { checks: Record<string, unknown> }).checks);
      expect(checks).toContain("kafka");
      expect(checks.length).toBeGreaterThanOrEqual(2);
      const metrics = await (await fetch(`http://127.0.0.1:${service.httpPort}/metrics`)).text();
      expect(metrics).toContain("process_resident_memory_bytes");
      expect(metrics).toContain(`service_name="${service.name}"`);
    },
  );

  it.each(SERVICES.filter((service) => service.grpcPort !== undefined))(
    "$name serves gRPC health and reflection describing its service",
    async (service) => {
      const address = `127.0.0.1:${service.grpcPort}`;
      const probe = await run("grpc-health-probe", [`-addr=${address}`]);
      expect(`${probe.stdout}${probe.stderr}`).toContain("status: SERVING");
      const { stdout } = await run("grpcurl", ["-plaintext", address, "list"]);
      expect(stdout.split("\n")).toEqual(
        expect.arrayContaining(["grpc.health.v1.Health", service.grpcService]),
      );
      const described = await run("grpcurl", [
        "-plaintext",
        address,
        "describe",
        service.grpcService,
      ]);
      expect(described.stdout).toContain(`service ${service.grpcService.split(".").at(-1)} {`);
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
    const timeout = setTimeout(() => void handle.stop(), 10_000);
    const code = await handle.exited();
    clearTimeout(timeout);
    const lines = handle.output().trim().split("\n");
    expect(code).toBe(78);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^${service.name}: invalid configuration: ${bad.variable} `),
    );
  });
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
    expect(stopped.indexOf("usage-events")).toBeLessThan(stopped.indexOf("kafka"));
    expect(stopped.indexOf("result-cache")).toBeLessThan(stopped.indexOf("redis"));
    expect(stopped).toEqual(
      expect.arrayContaining(["grpc-clients", "authentication", "kafka", "redis"]),
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
