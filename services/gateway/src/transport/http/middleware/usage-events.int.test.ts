import { request as httpRequest } from "node:http";
import type { BufferedPublisher } from "@orrery/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway, uniqueChartInput } from "../../../app.test-support.js";

// The usage event of each /v1 request, as the app hands it to its publisher (the Kafka side is
// libs/events' BufferedPublisher), against the bytes a real client received on the wire.
type Enqueued = Parameters<BufferedPublisher["enqueue"]>[0];
const events: Enqueued[] = [];
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway({ usageEvents: { enqueue: (event) => events.push(event) } });
});
afterAll(async () => {
  await gateway.close();
});

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The body bytes as they came over the wire: compressed ones are not decoded. */
  readonly wireBytes: number;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${gateway.baseUrl}${path}`, { method, headers });
    request.on("response", (response) => {
      let wireBytes = 0;
      response.on("data", (chunk: Buffer) => {
        wireBytes += chunk.length;
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, wireBytes }),
      );
    });
    request.on("error", reject);
    if (body === undefined) request.end();
    else {
      request.setHeader("content-type", "application/json");
      request.end(JSON.stringify(body));
    }
  });
}

/** The event of the request that got `response`, once the response has finished. */
async function eventOf(response: RawResponse) {
  const requestId = response.headers["x-request-id"];
  // The server emits it on "finish", which may come a turn after the client saw the last byte.
  for (let attempt = 0; attempt < 1_000; attempt += 1) {
    const event = events.find((candidate) => candidate.subject === requestId);
    if (event !== undefined) return event.data as Record<string, unknown>;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`no usage event for ${String(requestId)}`);
}

describe("usage events", () => {
  it("count a computed chart's identity bytes, then the precompressed bytes of its cached repeat", async () => {
    const input = uniqueChartInput();
    const computed = await send("POST", "/v1/charts", {}, input);
    expect(computed.status).toBe(200);
    expect(computed.headers["content-encoding"]).toBeUndefined();
    expect(await eventOf(computed)).toMatchObject({
      route: "POST /v1/charts",
      status: 200,
      responseBytes: BigInt(computed.wireBytes),
      cacheHit: false,
      // No rate-limit guard here, so nothing was charged, and an event bills only what was.
      cost: 0,
    });

    const cached = await send("POST", "/v1/charts", { "accept-encoding": "br" }, input);
    expect(cached.headers["content-encoding"]).toBe("br");
    expect(cached.wireBytes).toBeLessThan(computed.wireBytes);
    expect(await eventOf(cached)).toMatchObject({
      responseBytes: BigInt(cached.wireBytes),
      cacheHit: true,
    });
  });

  it("count the compressed bytes of a result compressed for this response", async () => {
    const synastry = await send(
      "POST",
      "/v1/synastry",
      { "accept-encoding": "gzip" },
      { a: uniqueChartInput(), b: uniqueChartInput() },
    );
    expect(synastry.status).toBe(200);
    expect(synastry.headers["content-encoding"]).toBe("gzip");
    expect(await eventOf(synastry)).toMatchObject({
      route: "POST /v1/synastry",
      responseBytes: BigInt(synastry.wireBytes),
    });
  });

  it("count no bytes for a 304, and a problem's bytes for a refusal", async () => {
    const first = await send("GET", "/v1/openapi.json", {});
    const notModified = await send("GET", "/v1/openapi.json", {
      "if-none-match": String(first.headers.etag),
    });
    expect(notModified.status).toBe(304);
    expect(notModified.wireBytes).toBe(0);
    expect(await eventOf(notModified)).toMatchObject({ status: 304, responseBytes: 0n });

    const invalid = await send("POST", "/v1/charts", {}, { latitude: "north" });
    expect(invalid.status).toBe(400);
    expect(invalid.wireBytes).toBeGreaterThan(0);
    expect(await eventOf(invalid)).toMatchObject({
      status: 400,
      responseBytes: BigInt(invalid.wireBytes),
      rateLimited: false,
    });
  });

  it("name an unknown route unmatched, and leave requests outside /v1 out", async () => {
    const unknown = await send("GET", "/v1/horoscopes", {});
    expect(await eventOf(unknown)).toMatchObject({ route: "unmatched", status: 404 });
    const health = await send("GET", "/healthz", {});
    // Events are emitted as responses finish: once a later request's is there, none came for it.
    await eventOf(await send("GET", "/v1/health", {}));
    expect(events.some((event) => event.subject === health.headers["x-request-id"])).toBe(false);
  });
});
