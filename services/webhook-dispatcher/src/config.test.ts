import { readFileSync } from "node:fs";
import { ConfigError } from "@orrery/config";
import { describe, expect, it } from "vitest";
import { parseServiceConfig } from "./config.js";

// The local stack's own values, as scripts/stack passes them.
const localEnvironment = Object.fromEntries(
  readFileSync(new URL("../../../scripts/env/webhook-dispatcher.env", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);
const base = {
  ...localEnvironment,
  KAFKA_BROKERS: "127.0.0.1:9092",
  NODE_ENV: "development",
};

/** The variables a configuration is refused for. */
function refused(environment: Record<string, string>): string[] {
  try {
    parseServiceConfig(environment);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => issue.variable);
  }
}

describe("webhook-dispatcher config", () => {
  it("accepts the local stack's values in development, with the default schedule", () => {
    const config = parseServiceConfig(base);
    expect(config.WEBHOOK_RETRY_SCHEDULE).toEqual([0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]);
    expect(config.WEBHOOK_SECRET_KEYS[0]?.key).toHaveLength(32);
  });

  it("refuses the local envelope key and plain http in production", () => {
    expect(refused({ ...base, NODE_ENV: "production", WEBHOOK_ALLOW_HTTP: "false" })).toEqual([
      "WEBHOOK_SECRET_KEYS",
    ]);
    const realKey = `prod-1:${Buffer.alloc(32, 7).toString("base64")}`;
    expect(refused({ ...base, NODE_ENV: "production", WEBHOOK_SECRET_KEYS: realKey })).toEqual([
      "WEBHOOK_ALLOW_HTTP",
    ]);
    expect(
      parseServiceConfig({
        ...base,
        NODE_ENV: "production",
        WEBHOOK_SECRET_KEYS: realKey,
        WEBHOOK_ALLOW_HTTP: "false",
      }).WEBHOOK_ALLOW_HTTP,
    ).toBe(false);
  });

  it("names a bad schedule or envelope key", () => {
    expect(refused({ ...base, WEBHOOK_RETRY_SCHEDULE: "0,soon" })).toEqual([
      "WEBHOOK_RETRY_SCHEDULE",
    ]);
    expect(refused({ ...base, WEBHOOK_SECRET_KEYS: "k1:c2hvcnQ=" })).toEqual([
      "WEBHOOK_SECRET_KEYS",
    ]);
    expect(refused({ ...base, WEBHOOK_SECRET_ACTIVE_KEY: "nope" })).toEqual([
      "WEBHOOK_SECRET_ACTIVE_KEY",
    ]);
  });
});
