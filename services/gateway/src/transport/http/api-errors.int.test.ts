import {
  type ClientRequest,
  request as httpRequest,
  type IncomingHttpHeaders,
  type RequestOptions,
} from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  postJson,
  startTestGateway,
  type TestGateway,
  uniqueChartInput,
} from "../../app.test-support.js";

// Every error path of the public API, over real HTTP against the app wired as in main.ts.
let gateway: TestGateway;

/** POSTs a body exactly as given (not serialised), as JSON unless `headers` say otherwise. */
const postText = (
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = { "content-type": "application/json" },
) => fetch(`${gateway.baseUrl}${path}`, { method: "POST", headers, body });

/** A request through node:http, for what fetch cannot send; `send` writes and ends the body. */
function nodeHttpRequest(
  path: string,
  options: RequestOptions,
  send: (request: ClientRequest) => void,
) {
  return new Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>(
    (resolve, reject) => {
      const request = httpRequest(`${gateway.baseUrl}${path}`, options);
      request.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: text, headers: response.headers }),
        );
      });
      request.on("error", reject);
      send(request);
    },
  );
}

beforeAll(async () => {
  gateway = await startTestGateway({ maxBodyBytes: 4_096 });
});
afterAll(async () => {
  await gateway.close();
});

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: { field: string; pointer?: string; parameter?: string; code: string; message: string }[];
  limitBytes?: string;
}

async function expectProblem(
  response: Response,
  status: number,
  code: string,
): Promise<ProblemBody> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const requestId = response.headers.get("x-request-id");
  expect(requestId).toBeTruthy();
  const problem = (await response.json()) as ProblemBody;
  expect(problem).toMatchObject({
    type: `https://orrery.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    status,
    code,
    requestId,
  });
  expect(problem.title.length).toBeGreaterThan(0);
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}

describe("400 validation", () => {
  it("names every bad field, including unknown ones at any depth", async () => {
    const response = await postJson(`${gateway.baseUrl}/v1/charts`, {
      datetime: 19900615,
      latitude: 123,
      houseSystem: "topocentric",
      bodies: ["sun", "vulcan"],
      orbs: { square: 30 },
      color: "blue",
    });
    const problem = await expectProblem(response, 400, "VALIDATION_FAILED");
    const byField = Object.fromEntries((problem.errors ?? []).map((error) => [error.field, error]));
    expect(Object.keys(byField).sort()).toEqual(
      [
        "bodies.1",
        "color",
        "datetime",
        "houseSystem",
        "latitude",
        "longitude",
        "orbs.square",
      ].sort(),
    );
    // Fields the engine also checks carry the engine's code, whichever layer refused them.
    expect(byField.datetime).toMatchObject({ code: "INVALID_DATETIME", pointer: "/datetime" });
    expect(byField.latitude).toMatchObject({ code: "INVALID_LATITUDE" });
    expect(byField.longitude).toMatchObject({ code: "REQUIRED" });
    expect(byField["bodies.1"]).toMatchObject({ code: "UNKNOWN_BODY", pointer: "/bodies/1" });
    expect(byField["orbs.square"]).toMatchObject({ code: "INVALID_ORB" });
    expect(byField.color).toMatchObject({ code: "UNKNOWN_FIELD", pointer: "/color" });
    expect(problem.detail).toBe("The request has 7 invalid fields.");
  });

  it("rejects an unknown field inside a nested input", async () => {
    const response = await postJson(`${gateway.baseUrl}/v1/synastry`, {
      a: { ...uniqueChartInput(), nickname: "A" },
      b: uniqueChartInput(),
      options: { aspectTypes: ["trine"], strict: true },
    });
    const problem = await expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors?.map((error) => [error.field, error.code])).toEqual([
      ["a.nickname", "UNKNOWN_FIELD"],
      ["options.strict", "UNKNOWN_FIELD"],
    ]);
  });

  it("reports a missing body as the whole body required", async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/charts`, { method: "POST" });
    const problem = await expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors).toEqual([
      { field: "(body)", pointer: "", code: "REQUIRED", message: "Required." },
    ]);
  });

  it("names a bad query parameter as a parameter, not a body pointer", async () => {
    const response = await postJson(
      `${gateway.baseUrl}/v1/charts/svg?size=99999&shade=x`,
      uniqueChartInput(),
    );
    const problem = await expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors?.map((error) => [error.field, error.parameter, error.code])).toEqual([
      ["query:size", "size", "OUT_OF_RANGE"],
      ["query:shade", "shade", "UNKNOWN_FIELD"],
    ]);
  });

  it("asks for exactly one of input or chart in a reading", async () => {
    const response = await postJson(`${gateway.baseUrl}/v1/readings`, { sections: ["sun"] });
    const problem = await expectProblem(response, 400, "VALIDATION_FAILED");
    expect(problem.errors?.[0]).toMatchObject({
      field: "input",
      message: "Give exactly one of input or chart.",
    });
  });

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const response = await postText("/v1/charts", '{"datetime": "1990-01-01T00:00:00",');
    await expectProblem(response, 400, "MALFORMED_JSON");
  });

  it("refuses a body on a route that takes none", async () => {
    // fetch cannot send a GET body; node:http can.
    const { status, body } = await nodeHttpRequest(
      "/v1/health",
      { method: "GET", headers: { "content-type": "application/json", "content-length": "2" } },
      (request) => request.end("{}"),
    );
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ code: "UNEXPECTED_BODY" });
  });
});

describe("other client errors", () => {
  it("413 for a body above the limit", async () => {
    const response = await postJson(`${gateway.baseUrl}/v1/charts`, {
      ...uniqueChartInput(),
      timezone: "x".repeat(5_000),
    });
    const problem = await expectProblem(response, 413, "PAYLOAD_TOO_LARGE");
    expect(problem.limitBytes).toBe("4096");
  });

  it("413 for a streamed (chunked) body that grows past the limit, and the connection is closed", async () => {
    const { status, body, headers } = await nodeHttpRequest(
      "/v1/charts",
      {
        method: "POST",
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      },
      (request) => {
        request.write(`{"datetime":"${"x".repeat(3_000)}`);
        request.write(`${"y".repeat(3_000)}"}`);
        request.end();
      },
    );
    expect(status).toBe(413);
    expect(headers.connection).toBe("close");
    expect(JSON.parse(body)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limitBytes: "4096" });
  });

  it("400 UNSUPPORTED_ENCODING for a compressed or non-UTF-8 body", async () => {
    const gzipped = await postText("/v1/charts", "{}", {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    await expectProblem(gzipped, 400, "UNSUPPORTED_ENCODING");
    const latin1 = await postText("/v1/charts", "{}", {
      "content-type": "application/json; charset=iso-8859-1",
    });
    await expectProblem(latin1, 400, "UNSUPPORTED_ENCODING");
  });

  it("415 for a body that is not JSON", async () => {
    const response = await postText("/v1/charts", "datetime=1990-01-01", {
      "content-type": "text/plain",
    });
    await expectProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("404 for an unknown route", async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/horoscopes`, {
      headers: { "x-request-id": "trace-me-1" },
    });
    const problem = await expectProblem(response, 404, "ROUTE_NOT_FOUND");
    expect(problem.requestId).toBe("trace-me-1");
  });

  it("405 with Allow for a known path and another method", async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/charts`, { method: "DELETE" });
    await expectProblem(response, 405, "METHOD_NOT_ALLOWED");
    expect(response.headers.get("allow")).toBe("POST");
    const getOnly = await fetch(`${gateway.baseUrl}/v1/openapi.json`, { method: "PUT" });
    await expectProblem(getOnly, 405, "METHOD_NOT_ALLOWED");
    expect(getOnly.headers.get("allow")).toBe("GET, HEAD");
  });
});

/**
 * A request written byte for byte on a socket (a client library would refuse, or rewrite, what
 * these tests send), and the answer's status, headers and body.
 */
function rawRequest(
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { hostname, port } = new URL(gateway.baseUrl);
  const lines = [`${body === undefined ? "GET" : "POST"} ${path} HTTP/1.1`, `host: ${hostname}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`content-length: ${body.length}`);
  lines.push("connection: close", "", "");
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(lines.join("\r\n"));
      if (body !== undefined) socket.write(body);
    });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...fields] = head.split("\r\n");
      resolve({
        status: Number(statusLine.split(" ")[1]),
        headers: Object.fromEntries(
          fields.map((field) => {
            const colon = field.indexOf(":");
            return [field.slice(0, colon).toLowerCase(), field.slice(colon + 1).trim()];
          }),
        ),
        body: rest.join("\r\n\r\n"),
      });
    });
  });
}

describe("strict JSON and header limits", () => {
  it("refuses a member named twice in one object, saying where (400 DUPLICATE_JSON_KEY)", async () => {
    const text = JSON.stringify({ input: uniqueChartInput() }).replace(
      '"latitude":',
      '"latitude":10,"latitude":',
    );
    const response = await postText("/v1/readings", text);
    const problem = await expectProblem(response, 400, "DUPLICATE_JSON_KEY");
    expect(problem.errors?.[0]).toMatchObject({
      field: "input.latitude",
      pointer: "/input/latitude",
    });
  });

  it("refuses bytes that are not UTF-8 instead of replacing them (400 INVALID_UTF8)", async () => {
    const body = Buffer.concat([
      Buffer.from('{"datetime":"1990-06-15T12:30:00","timezone":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('","latitude":1,"longitude":2}'),
    ]);
    const response = await postText("/v1/charts", body);
    await expectProblem(response, 400, "INVALID_UTF8");
  });

  it("answers a 64 KB header with a 431 problem, and stays up", async () => {
    const answer = await rawRequest("/v1/health", { "x-padding": "a".repeat(64 * 1024) });
    expect(answer.status).toBe(431);
    expect(answer.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({
      type: "https://orrery.dev/problems/headers-too-large",
      code: "HEADERS_TOO_LARGE",
      status: 431,
      limitBytes: "16384",
    });
    expect((await fetch(`${gateway.baseUrl}/healthz`)).status).toBe(200);
  });

  it("refuses more header fields than the limit instead of dropping the rest (431)", async () => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    for (let index = 0; index < 150; index += 1) headers[`x-filler-${index}`] = "1";
    const answer = await rawRequest(
      "/v1/charts",
      headers,
      Buffer.from(JSON.stringify(uniqueChartInput())),
    );
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ code: "TOO_MANY_HEADERS", limit: "100" });
    const within = await rawRequest("/v1/health", { "x-filler": "1" });
    expect(within.status).not.toBe(431);
  });
});

describe("422 engine errors", () => {
  it("maps an AstroError to its code and field", async () => {
    const response = await postJson(`${gateway.baseUrl}/v1/charts`, {
      ...uniqueChartInput(),
      timezone: "Atlantis/Poseidonia",
    });
    const problem = await expectProblem(response, 422, "UNKNOWN_TIMEZONE");
    expect(problem.errors).toEqual([
      expect.objectContaining({
        field: "timezone",
        pointer: "/timezone",
        code: "UNKNOWN_TIMEZONE",
      }),
    ]);
  });

  // A chart input inside a larger request: synastry's second chart, the moment of transits.
  it.each([
    {
      path: "/v1/synastry",
      body: {
        a: uniqueChartInput(),
        b: { ...uniqueChartInput(), datetime: "2250-01-01T00:00:00" },
      },
      code: "DATE_OUT_OF_RANGE",
      field: "b.datetime",
    },
    {
      path: "/v1/transits",
      body: {
        natal: uniqueChartInput(),
        at: { ...uniqueChartInput(), timezone: "Moon/Tranquility" },
      },
      code: "UNKNOWN_TIMEZONE",
      field: "at.timezone",
    },
  ])("prefixes the field with where the input sits in the request ($field)", async (refused) => {
    const response = await postJson(`${gateway.baseUrl}${refused.path}`, refused.body);
    const problem = await expectProblem(response, 422, refused.code);
    expect(problem.errors?.[0]?.field).toBe(refused.field);
  });

  it("rejects a chart that the engine did not produce (422 INVALID_CHART)", async () => {
    const small = { ...uniqueChartInput(), bodies: ["sun", "moon"] };
    const chart = (await (await postJson(`${gateway.baseUrl}/v1/charts`, small)).json()) as Record<
      string,
      unknown
    >;
    // Well-formed JSON of the right shape, but houses without angles is no chart of this engine.
    const response = await postJson(`${gateway.baseUrl}/v1/readings`, {
      chart: { ...chart, angles: null },
    });
    const problem = await expectProblem(response, 422, "INVALID_CHART");
    expect(problem.errors?.[0]?.field).toBe("chart");
  });
});

describe("X-Request-Id", () => {
  it("is on every response, echoed when valid", async () => {
    const ok = await postJson(`${gateway.baseUrl}/v1/charts`, uniqueChartInput(), {
      "x-request-id": "abc-123",
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toBe("abc-123");
    const generated = await fetch(`${gateway.baseUrl}/v1/openapi.json`);
    expect(generated.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
  });
});
