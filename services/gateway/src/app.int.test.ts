import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import {
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type sendUnaryData,
  status,
} from "@grpc/grpc-js";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { AccountService } from "@orrery/proto/apikey/v1/account";
import { ApiKeyService } from "@orrery/proto/apikey/v1/api_key";
import {
  type HealthCheckRequest,
  HealthCheckRequestSchema,
  HealthCheckResponse_ServingStatus,
  HealthCheckResponseSchema,
} from "@orrery/proto/grpc/health/v1/health";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grpcHealthProbe } from "./adapters/downstream-probes.js";
import { startTestGateway, type TestGateway } from "./app.test-support.js";

// The gateway's HTTP → gRPC path over a real network: a real gRPC server records what each
// call carried (trace context, deadline) and serves ApiKeyService only, the gateway app runs on
// a real HTTP port.
const provider = new NodeTracerProvider();
provider.register();

interface SeenCall {
  service: string;
  traceparent: string | undefined;
  deadline: number;
}
const seen: SeenCall[] = [];
const grpcServer = new Server();
grpcServer.addService(
  {
    check: {
      path: "/grpc.health.v1.Health/Check",
      requestStream: false,
      responseStream: false,
      requestSerialize: (value: unknown) =>
        Buffer.from(toBinary(HealthCheckRequestSchema, value as never)),
      requestDeserialize: (bytes: Buffer) => fromBinary(HealthCheckRequestSchema, bytes),
      responseSerialize: (value: unknown) =>
        Buffer.from(toBinary(HealthCheckResponseSchema, value as never)),
      responseDeserialize: (bytes: Buffer) => fromBinary(HealthCheckResponseSchema, bytes),
    },
  },
  {
    check: (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const deadline = call.getDeadline();
      const service = (call.request as HealthCheckRequest).service;
      seen.push({
        service,
        traceparent: call.metadata.get("traceparent")[0]?.toString(),
        deadline: deadline instanceof Date ? deadline.getTime() : Number(deadline),
      });
      // As grpc.health.v1 answers for a service the server does not register.
      if (service !== ApiKeyService.typeName) {
        callback({ code: status.NOT_FOUND, details: "unknown service" });
        return;
      }
      callback(
        null,
        create(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING }),
      );
    },
  },
);

let gateway: TestGateway;
let baseUrl = "";
let probes: ReturnType<typeof grpcHealthProbe>[] = [];

beforeAll(async () => {
  const grpcPort = await new Promise<number>((resolve, reject) =>
    grpcServer.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  const target = `dns:///127.0.0.1:${grpcPort}`;
  probes = [
    grpcHealthProbe("api-key", target, [ApiKeyService], 1_500),
    grpcHealthProbe("half-built", target, [ApiKeyService, AccountService], 1_500),
    grpcHealthProbe("rate-limit", "dns:///127.0.0.1:1", [ApiKeyService], 300),
  ];
  gateway = await startTestGateway({ downstream: probes });
  baseUrl = gateway.baseUrl;
});

afterAll(async () => {
  for (const probe of probes) probe.close();
  await gateway.close();
  grpcServer.forceShutdown();
  await provider.shutdown();
});

describe("gateway → service over gRPC", () => {
  it("continues the caller's trace and sets a deadline on the downstream call", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const sentAt = Date.now();
    const response = await fetch(`${baseUrl}/v1/health`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const body = (await response.json()) as { services: Record<string, { status: string }> };
    expect(body.services["api-key"]?.status).toBe("serving");
    const call = seen.find((candidate) => candidate.traceparent?.includes(traceId));
    expect(call?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    // The downstream span is a child: a new span id, not the caller's.
    expect(call?.traceparent).not.toContain("00f067aa0ba902b7");
    expect(call?.deadline).toBeGreaterThan(sentAt);
    expect(call?.deadline).toBeLessThanOrEqual(Date.now() + 1_500);
  });

  it("reports a dead downstream service as unreachable and the platform as degraded (503)", async () => {
    const response = await fetch(`${baseUrl}/v1/health`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      status: string;
      services: Record<string, { status: string }>;
    };
    expect(body.status).toBe("degraded");
    expect(body.services["rate-limit"]?.status).toBe("unreachable");
  });

  it("asks for every gRPC service it calls by name, and a server without one does not serve", async () => {
    seen.length = 0;
    const body = (await (await fetch(`${baseUrl}/v1/health`)).json()) as {
      services: Record<string, { status: string }>;
    };
    expect(body.services["api-key"]?.status).toBe("serving");
    expect(body.services["half-built"]?.status).toBe("unknown");
    expect(new Set(seen.map((call) => call.service))).toEqual(
      new Set([ApiKeyService.typeName, AccountService.typeName]),
    );
  });

  it("answers an unknown route with a problem document and a request id", async () => {
    const response = await fetch(`${baseUrl}/v1/nothing-here`, {
      headers: { "x-request-id": "client-id-1" },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(response.headers.get("x-request-id")).toBe("client-id-1");
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: "https://orrery.dev/problems/route-not-found",
      status: 404,
      code: "ROUTE_NOT_FOUND",
      requestId: "client-id-1",
    });
  });

  it("replaces a request id that is unsafe to echo", async () => {
    const response = await fetch(`${baseUrl}/v1/health`, {
      headers: { "x-request-id": "bad id\twith spaces" },
    });
    expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
  });
});
