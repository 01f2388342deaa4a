import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, parseConfig } from "./load-config.js";
import { commonEnv, databaseEnv, kafkaEnv, port } from "./variables.js";

const schema = z.object({ ...commonEnv, ...databaseEnv, ...kafkaEnv, GRPC_PORT: port(50051) });
const valid = {
  DATABASE_URL: "postgres://user:secret@127.0.0.1:5432/db",
  KAFKA_BROKERS: "a:9092, b:9092",
};

describe("parseConfig", () => {
  it("fills defaults and converts values", () => {
    const config = parseConfig(schema, { ...valid, HTTP_PORT: "9000" });
    expect(config.HTTP_PORT).toBe(9000);
    expect(config.GRPC_PORT).toBe(50051);
    expect(config.KAFKA_BROKERS).toEqual(["a:9092", "b:9092"]);
    expect(config.LOG_LEVEL).toBe("info");
  });

  it("names every bad or missing variable", () => {
    let caught: unknown;
    try {
      parseConfig(schema, { HTTP_PORT: "eighty", KAFKA_BROKERS: "x:1" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const variables = (caught as ConfigError).issues.map((issue) => issue.variable).sort();
    expect(variables).toEqual(["DATABASE_URL", "HTTP_PORT"]);
    expect((caught as ConfigError).issues.find((i) => i.variable === "DATABASE_URL")?.message).toBe(
      "is required",
    );
  });

  it("never echoes the value of a bad variable", () => {
    try {
      parseConfig(schema, { ...valid, DATABASE_URL: "mysql://user:hunter2@db/x" });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("hunter2");
      expect((error as ConfigError).issues[0]?.variable).toBe("DATABASE_URL");
    }
  });

  it("treats an empty variable as unset", () => {
    expect(() => parseConfig(schema, { ...valid, DATABASE_URL: "" })).toThrow(/DATABASE_URL/);
  });

  it("rejects ports out of range", () => {
    expect(() => parseConfig(schema, { ...valid, HTTP_PORT: "70000" })).toThrow(/HTTP_PORT/);
  });
});
