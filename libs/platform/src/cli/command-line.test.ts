import { describe, expect, it } from "vitest";
import { parseCommandLine, UsageError } from "./command-line.js";

const parse = (...argv: string[]) => parseCommandLine(argv, "/repo/charts");

describe("parseCommandLine", () => {
  it("fills the defaults of an install", () => {
    expect(parse("install")).toEqual({
      name: "install",
      release: "orrery",
      namespace: "orrery",
      valuesFiles: [],
      set: [],
      chartsDir: "/repo/charts",
      helm: "helm",
      kubeContext: undefined,
      timeout: "10m",
      wait: true,
      atomic: false,
    });
  });

  it("collects repeated values files and overrides in order", () => {
    const command = parse(
      "upgrade",
      "-f",
      "a.yaml",
      "--values",
      "b.yaml",
      "--set",
      "x=1",
      "--set",
      "y.z=two=2",
      "--no-wait",
      "--atomic",
      "--timeout",
      "90s",
    );
    expect(command).toMatchObject({
      name: "upgrade",
      valuesFiles: ["a.yaml", "b.yaml"],
      set: ["x=1", "y.z=two=2"],
      wait: false,
      atomic: true,
      timeout: "90s",
    });
  });

  it("reads status options", () => {
    expect(parse("status", "--namespace", "prod", "--release", "o2", "--json")).toEqual({
      name: "status",
      namespace: "prod",
      release: "o2",
      kubeContext: undefined,
      json: true,
    });
  });

  it("treats no command and --help as help", () => {
    expect(parse()).toEqual({ name: "help" });
    expect(parse("--help")).toEqual({ name: "help" });
  });

  it.each([
    [["deploy"], /unknown command "deploy"/],
    [["status", "--timeout", "5m"], /--timeout does not apply to status/],
    [["render", "--atomic"], /--atomic does not apply to render/],
    [["install", "--set", "novalue"], /--set expects key=value/],
    [["install", "--timeout", "ten minutes"], /--timeout expects a duration/],
    [["install", "--bogus"], /bogus/],
    [["install", "extra"], /unexpected argument "extra"/],
  ])("rejects %j", (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });
});
