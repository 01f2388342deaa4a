import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { infra, repoRoot } from "@orrery/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { quickstart } from "../examples/quickstart.js";
import { createOrreryClient, OrreryProblem, unwrap } from "../src/index.js";

// The SDK against the running stack (scripts/stack up), and the README's quickstart as written.
const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
const adminKey = readFileSync(join(repoRoot, ".data/admin-key"), "utf8").trim();

/** The fenced block that follows a `<!-- quickstart:NAME -->` marker in the README. */
function readmeBlock(name: string): string {
  const match = new RegExp(`<!-- quickstart:${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(
    readme,
  );
  if (match?.[1] === undefined) throw new Error(`README has no quickstart:${name} block`);
  return match[1];
}

let key: string;

describe("the README quickstart", () => {
  beforeAll(async () => {
    // The three curl commands as the README prints them, on this stack's port; the stack is up.
    const script = readmeBlock("curl")
      .replace(/^scripts\/stack up.*$/m, "")
      .replaceAll("http://127.0.0.1:8080", infra.gatewayUrl);
    const { stdout } = await promisify(execFile)(
      "bash",
      ["-euo", "pipefail", "-c", `${script}\nprintf '\\n%s\\n' "$KEY"`],
      { cwd: repoRoot },
    );
    const lines = stdout.trim().split("\n");
    key = lines.at(-1) ?? "";
    const chart = JSON.parse(lines.slice(0, -1).join("\n")) as { bodies: { id: string }[] };
    expect(chart.bodies.map((body) => body.id)).toContain("sun");
    expect(key).toMatch(/^orr_live_[0-9A-Za-z]{38}$/);
  });

  it("runs its SDK part, printed from the example that this test runs", async () => {
    const example = readFileSync(join(repoRoot, "libs/sdk/examples/quickstart.ts"), "utf8");
    expect(readmeBlock("sdk")).toBe(example);
    expect(await quickstart(infra.gatewayUrl, key)).toEqual({
      sunSign: "gemini",
      refusedWith: "INVALID_DATETIME",
    });
  });
});

describe("the client", () => {
  it("waits out a 429's Retry-After and sends the request again", async () => {
    const orrery = createOrreryClient({ baseUrl: infra.gatewayUrl, apiKey: adminKey });
    const account = unwrap(
      await orrery.POST("/v1/accounts", {
        body: { name: "sdk retries", overrides: { burstPerSecond: 1, requestsPerMinute: 600 } },
      }),
    );
    const issued = unwrap(
      await orrery.POST("/v1/keys", {
        body: { name: "sdk", accountId: account.id, scopes: ["analytics:read"] },
      }),
    );
    const seen: number[] = [];
    const client = createOrreryClient({
      baseUrl: infra.gatewayUrl,
      apiKey: issued.key,
      fetch: async (input) => {
        const response = await fetch(input);
        seen.push(response.status);
        return response;
      },
    });
    unwrap(await client.GET("/v1/usage"));
    const usage = unwrap(await client.GET("/v1/usage"));
    expect(usage.environment).toBe("live");
    expect(seen).toEqual([200, 429, 200]);
  });

  it("sends an Idempotency-Key where the operation takes one, never where it is refused", async () => {
    const sent: Request[] = [];
    const client = createOrreryClient({
      baseUrl: infra.gatewayUrl,
      apiKey: adminKey,
      fetch: (input) => {
        sent.push(input as Request);
        return fetch(input);
      },
    });
    const input = { datetime: "2001-01-01T00:00:00Z", latitude: 10, longitude: 20 };
    unwrap(await client.POST("/v1/charts", { body: input }));
    const account = unwrap(await client.POST("/v1/accounts", { body: { name: "sdk keys" } }));
    unwrap(
      await client.POST("/v1/keys", {
        body: { name: "sdk", accountId: account.id, scopes: ["charts:read"] },
      }),
    );
    expect(sent.map((request) => request.headers.has("idempotency-key"))).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("gives a refusal back as a typed problem", async () => {
    const client = createOrreryClient({ baseUrl: infra.gatewayUrl, apiKey: "orr_live_nope" });
    let thrown: unknown;
    try {
      unwrap(await client.GET("/v1/usage"));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OrreryProblem);
    expect(thrown).toMatchObject({ status: 401, code: "INVALID_API_KEY" });
  });
});
