import { execFile } from "node:child_process";
import { get as httpGet } from "node:http";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { createTenant, infra, repoRoot, stackEnvironment, waitFor } from "@orrery/testing";
import { expect } from "vitest";

const run = promisify(execFile);

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export const NATAL = {
  datetime: "1990-06-15T12:30:00",
  timezone: "Europe/London",
  latitude: 51.5074,
  longitude: -0.1278,
};
export const PARTNER = {
  datetime: "1992-03-02T08:15:00",
  timezone: "America/New_York",
  latitude: 40.7128,
  longitude: -74.006,
};

/** A valid chart item with its own birth minute (distinct inputs, like a real upload). */
export function chartItem(index: number) {
  const minute = index % 60;
  const hour = Math.floor(index / 60) % 24;
  const day = 1 + (Math.floor(index / 1440) % 28);
  return {
    customId: `chart-${index}`,
    type: "chart",
    params: {
      ...NATAL,
      datetime: `1990-06-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00`,
    },
  };
}

/** `count` chart items with indexes from `offset` (so distinct inputs, none cached by another). */
export function chartItems(count: number, offset = 0) {
  return Array.from({ length: count }, (_, index) => chartItem(offset + index));
}

/** A batch's request counts, checked to add up (completed and failed make the total once it has ended). */
export function countsAddUp(batch: Record<string, unknown>) {
  const counts = batch.requestCounts as { total: number; completed: number; failed: number };
  expect(counts.total).toBe(counts.completed + counts.failed);
  return counts;
}

export function jsonl(items: readonly unknown[]): string {
  return items.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join("\n");
}

/** The stack's operator key (bootstrapped, or the existing one). */
export async function adminKey(): Promise<string> {
  const bootstrap = await run("node", ["services/api-key/dist/cli/bootstrap-admin.js"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...stackEnvironment("api-key") },
  });
  return (bootstrap.stdout.split("\n")[0] ?? "").trim();
}

export class BatchApi {
  readonly gatewayUrl = infra.gatewayUrl;

  constructor(private readonly admin: string) {}

  async call(
    method: string,
    path: string,
    key: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const response = await fetch(`${infra.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  }

  /** A new account of `plan` with a batches key (and limits overridden where asked). */
  tenant(plan = "premium", overrides: Record<string, number> = {}) {
    return createTenant({
      admin: this.admin,
      name: "batches e2e",
      plan,
      scopes: ["batches:read", "batches:write", "charts:read"],
      overrides: { burstPerSecond: 1_000, requestsPerMinute: 60_000, ...overrides },
    });
  }

  submitJsonl(key: string, lines: readonly unknown[], headers: Record<string, string> = {}) {
    return this.call("POST", "/v1/batches", key, jsonl(lines), {
      "content-type": "application/jsonl",
      ...headers,
    });
  }

  /** Waits until the batch is in one of `statuses`; returns it. */
  async until(key: string, id: string, statuses: readonly string[], timeoutMs = 30_000) {
    let last: Reply | undefined;
    await waitFor(
      async () => {
        last = await this.call("GET", `/v1/batches/${id}`, key);
        return statuses.includes(last.body.status as string);
      },
      { timeoutMs, intervalMs: 100, message: `batch ${id} in ${statuses.join(" or ")}` },
    );
    return (last as Reply).body;
  }

  /** The JSONL lines of /results or /errors, as sent (gunzipped when asked with gzip). */
  lines(
    key: string,
    id: string,
    kind: "results" | "errors",
    query = "",
    gzip = false,
  ): Promise<{ lines: Record<string, unknown>[]; encoding: string | undefined; status: number }> {
    return new Promise((resolve, reject) => {
      const request = httpGet(
        `${infra.gatewayUrl}/v1/batches/${id}/${kind}${query}`,
        {
          headers: {
            authorization: `Bearer ${key}`,
            "accept-encoding": gzip ? "gzip" : "identity",
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            const raw = Buffer.concat(chunks);
            const encoding = response.headers["content-encoding"];
            const text =
              encoding === "gzip" ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
            resolve({
              status: response.statusCode ?? 0,
              encoding,
              lines:
                (response.statusCode ?? 0) >= 400
                  ? [JSON.parse(text) as Record<string, unknown>]
                  : text
                      .split("\n")
                      .filter((line) => line !== "")
                      .map((line) => JSON.parse(line) as Record<string, unknown>),
            });
          });
        },
      );
      request.on("error", reject);
    });
  }
}
