import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConfigError, defineServiceConfig, parseConfig, printableConfig } from "./load-config.js";
import { commonEnv, databaseEnv, grpcServerEnv, httpEnv, kafkaEnv, secret } from "./variables.js";

const schema = z.object({
  ...commonEnv,
  ...httpEnv(8080),
  ...databaseEnv,
  ...kafkaEnv,
  ...grpcServerEnv(50051),
});
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

describe("defineServiceConfig", () => {
  const load = defineServiceConfig(
    "example",
    { ...httpEnv(9400), ...databaseEnv, PEPPER: secret(z.string().min(8)) },
    {
      refine: (config) =>
        config.NODE_ENV === "production" && config.PEPPER === "development-only"
          ? { variable: "PEPPER", message: "is the development value" }
          : undefined,
    },
  );

  it("adds the variables every service has to the service's own", () => {
    const config = load({ ...valid, PEPPER: "0123456789" }, []);
    expect(config).toMatchObject({ HTTP_PORT: 9400, LOG_LEVEL: "info", OTEL_SDK_DISABLED: false });
    expect(config.PEPPER).toBe("0123456789");
  });

  function run(environment: Record<string, string>, argv: string[] = []) {
    const output: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((line) => {
      output.push(String(line));
      return true;
    });
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((line) => {
      output.push(String(line));
      return true;
    });
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    try {
      return { config: load(environment, argv), output };
    } catch (error) {
      return { error: (error as Error).message, output };
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
      exit.mockRestore();
    }
  }

  it("applies a rule across variables, blaming the variable it names", () => {
    expect(
      run({ ...valid, NODE_ENV: "development", PEPPER: "development-only" }).config?.PEPPER,
    ).toBe("development-only");
    expect(run({ ...valid, NODE_ENV: "production", PEPPER: "development-only" })).toEqual({
      error: "exit 78",
      output: ["example: invalid configuration: PEPPER is the development value\n"],
    });
  });

  it("prints the configuration without its secrets and exits when asked to check it", () => {
    const result = run({ ...valid, PEPPER: "0123456789" }, ["node", "main.js", "--check-config"]);
    expect(result.error).toBe("exit 0");
    const printed = JSON.parse(result.output.join(""));
    expect(printed).toMatchObject({ HTTP_PORT: 9400, PEPPER: "[secret]", NODE_ENV: "production" });
    expect(result.output.join("")).not.toContain("secret@");
  });
});

describe("printableConfig", () => {
  it("hides secrets and the passwords inside URLs, and shows the rest", () => {
    const shape = { ...databaseEnv, PEPPER: secret(z.string()), NAME: z.string() };
    const config = parseConfig(z.object(shape), {
      DATABASE_URL: "postgres://user:hunter2@db:5432/app",
      DATABASE_REPLICA_URLS: "postgres://user:hunter3@replica:5432/app",
      PEPPER: "pepper-value",
      NAME: "visible",
    });
    const printed = printableConfig(z.object(shape), config);
    expect(JSON.stringify(printed)).not.toMatch(/hunter2|hunter3|pepper-value/);
    expect(printed).toMatchObject({
      DATABASE_URL: "postgres://user:%5Bsecret%5D@db:5432/app",
      DATABASE_REPLICA_URLS: ["postgres://user:%5Bsecret%5D@replica:5432/app"],
      DATABASE_POOL_SIZE: 10,
      PEPPER: "[secret]",
      NAME: "visible",
    });
  });
});
