import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import {
  GENERATE_COMMAND,
  generatedFiles,
  readServiceVersions,
  type ServiceVersions,
  staleFiles,
  writeGeneratedFiles,
} from "./generate.js";
import { integerFrom, string } from "./schemas.js";
import { type ServiceDeclaration, serviceEntries, traitsOf } from "./service-chart.js";
import { SERVICES } from "./services.js";
import {
  defaultsOf,
  definition,
  type Entries,
  formatJson,
  group,
  setting,
  valuesSchema,
  valuesYaml,
} from "./values-tree.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

describe("the committed charts and skaffold.yaml", () => {
  it(`are what the declarations write (else run \`${GENERATE_COMMAND}\`)`, async () => {
    const files = generatedFiles(await readServiceVersions(ROOT));
    expect(await staleFiles(ROOT, files)).toEqual([]);
  });
});

describe("the drift check", () => {
  const versions: ServiceVersions = Object.fromEntries(SERVICES.map(({ name }) => [name, "1.0.0"]));
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "orrery-generated-"));
    await mkdir(join(root, "charts/orrery-lib"), { recursive: true });
    await writeGeneratedFiles(root, generatedFiles(versions));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("passes on freshly written charts", async () => {
    expect(await staleFiles(root, generatedFiles(versions))).toEqual([]);
  });

  it("names an edited, a missing and an undeclared chart file", async () => {
    await writeFile(join(root, "charts/gateway/values.yaml"), "replicaCount: 3\n");
    await rm(join(root, "charts/realtime/values.schema.json"));
    await mkdir(join(root, "charts/retired-service"));
    await writeFile(join(root, "skaffold.yaml"), "apiVersion: skaffold/v4beta13\n");
    expect(await staleFiles(root, generatedFiles(versions))).toEqual([
      "not declared in libs/platform/src/charts/services.ts: charts/retired-service",
      "out of date: charts/gateway/values.yaml",
      "missing: charts/realtime/values.schema.json",
      "out of date: skaffold.yaml",
    ]);
  });

  it("fails when a service's package version moves without its chart", async () => {
    const bumped = { ...versions, analytics: "1.1.0" };
    expect(await staleFiles(root, generatedFiles(bumped))).toEqual([
      "out of date: charts/analytics/Chart.yaml",
    ]);
  });
});

/** Every key of values.yaml, with whether a comment line stands right above it. */
function keysAndComments(yaml: string): { key: string; documented: boolean }[] {
  const lines = yaml.split("\n");
  const found: { key: string; documented: boolean }[] = [];
  // Keys inside list items are the example's data, not keys of the chart.
  let listIndent = Number.POSITIVE_INFINITY;
  lines.forEach((line, index) => {
    if (line.trim() === "" || line.trim().startsWith("#")) return;
    const indent = line.length - line.trimStart().length;
    if (line.trimStart().startsWith("- ")) {
      listIndent = Math.min(listIndent, indent);
      return;
    }
    if (indent > listIndent) return;
    listIndent = Number.POSITIVE_INFINITY;
    const key = /^\s*([A-Za-z][\w-]*):/.exec(line)?.[1];
    if (key !== undefined) found.push({ key, documented: /^\s*#/.test(lines[index - 1] ?? "") });
  });
  return found;
}

describe.each(SERVICES.map((service) => [service.name, service] as const))(
  "the %s chart's values",
  (name, service) => {
    const entries = serviceEntries(service, SERVICES);
    const yaml = valuesYaml("header", entries);

    it("document every key in values.yaml", () => {
      const undocumented = keysAndComments(yaml).filter((entry) => !entry.documented);
      expect(undocumented).toEqual([]);
    });

    it("parse back to the declared defaults", () => {
      expect(parseYaml(yaml)).toEqual(defaultsOf(entries));
    });

    it("refuse unknown keys at every level of the schema except free-form maps", () => {
      const schema = JSON.parse(valuesSchema(name, entries));
      const loose: string[] = [];
      const visit = (node: Record<string, unknown>, path: string) => {
        if (typeof node.$ref === "string") {
          visit(schema.definitions[node.$ref.replace("#/definitions/", "")], path);
          return;
        }
        if (node.properties === undefined) return;
        if (node.additionalProperties !== false) loose.push(path);
        for (const [key, child] of Object.entries(node.properties as object)) {
          visit(child, `${path}.${key}`);
        }
      };
      visit(schema, name);
      expect(loose).toEqual([]);
      expect(schema.required).toEqual(expect.arrayContaining(["image", "resources", "service"]));
    });
  },
);

describe("traits", () => {
  const base: ServiceDeclaration = {
    name: "caller",
    description: "",
    http: { port: 9000, serves: "" },
    kafka: false,
    calledBy: [],
    resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    autoscaling: { maxReplicas: 2 },
  };
  const grpcTarget: ServiceDeclaration = {
    ...base,
    name: "grpc-target",
    grpc: { port: 50099, serves: "" },
  };
  const httpTarget: ServiceDeclaration = { ...base, name: "http-target" };

  it("take an upstream's protocol and port from the called service's declaration", () => {
    const caller: ServiceDeclaration = {
      ...base,
      upstreams: [
        { key: "one", service: "grpc-target", env: "ONE_URL" },
        { key: "two", service: "http-target", env: "TWO_URL" },
      ],
    };
    const all = [caller, grpcTarget, httpTarget];
    expect(traitsOf(caller, all).upstreams).toEqual([
      { key: "one", env: "ONE_URL", protocol: "grpc" },
      { key: "two", env: "TWO_URL", protocol: "http" },
    ]);
    expect(defaultsOf(serviceEntries(caller, all)).upstreams).toEqual({
      one: { host: "grpc-target", port: 50099 },
      two: { host: "http-target", port: 9000 },
    });
  });

  it("refuse an upstream that is not declared", () => {
    const caller = { ...base, upstreams: [{ key: "x", service: "nowhere", env: "X_URL" }] };
    expect(() => traitsOf(caller, [caller])).toThrow(/nowhere is not declared/);
  });

  it("pass settings declared with a variable, wherever they are nested", () => {
    const caller: ServiceDeclaration = {
      ...base,
      settings: {
        limits: group("Limits.", {
          perSecond: setting("PER_SECOND.", 5, integerFrom(1), { env: "PER_SECOND" }),
          label: setting("Not passed.", "", string),
        }),
        mode: setting("MODE.", "fast", string, { env: "MODE" }),
      },
    };
    expect(traitsOf(caller, [caller]).valueEnv).toEqual({
      PER_SECOND: "limits.perSecond",
      MODE: "mode",
    });
  });

  it("leave out of values.yaml the globals of infrastructure the service does not use, but accept them", () => {
    const entries = serviceEntries(base, [base]);
    const defaults = defaultsOf(entries) as { global: Record<string, unknown> };
    expect(Object.keys(defaults.global)).not.toContain("redis");
    const schema = JSON.parse(valuesSchema("caller", entries));
    expect(Object.keys(schema.properties.global.properties)).toEqual(
      expect.arrayContaining(["redis", "rateLimitRedis", "kafka"]),
    );
  });
});

describe("the values tree", () => {
  const entries: Entries = {
    probes: group("Probes.", {
      a: group("A.", { seconds: setting("Seconds.", 1, integerFrom(1)) }, { definition: "timing" }),
      b: group("B.", { seconds: setting("Seconds.", 2, integerFrom(1)) }, { definition: "timing" }),
    }),
    name: setting("Name.", "x", string, { optional: true }),
  };

  it("writes a shape shared by several keys once, under definitions", () => {
    const schema = JSON.parse(valuesSchema("t", entries));
    expect(schema.properties.probes.properties).toEqual({
      a: { $ref: "#/definitions/timing" },
      b: { $ref: "#/definitions/timing" },
    });
    expect(schema.definitions.timing).toEqual({
      type: "object",
      additionalProperties: false,
      required: ["seconds"],
      properties: { seconds: { type: "integer", minimum: 1 } },
    });
    expect(schema.required).toEqual(["probes"]);
  });

  it("refuses one definition name for two shapes", () => {
    definition("shape-under-test", { type: "string" });
    expect(() => definition("shape-under-test", { type: "number" })).toThrow(/declared twice/);
  });

  it("wraps comments at 100 columns", () => {
    const long = group("word ".repeat(60), { deep: setting("deep ".repeat(40), 1, string) });
    for (const line of valuesYaml("h", { long }).split("\n")) {
      expect(line.length).toBeLessThanOrEqual(100);
    }
  });
});

describe("formatJson", () => {
  it("prints what JSON.parse reads back unchanged, one line per container that fits", () => {
    const value = {
      short: { type: "integer", minimum: 1 },
      long: { enum: Array.from({ length: 30 }, (_, index) => `member-${index}`) },
      empty: [{}, []],
      text: 'quote " and \\ backslash',
    };
    const text = formatJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('"short": { "type": "integer", "minimum": 1 }');
    expect(text.split("\n").every((line) => line.length <= 100)).toBe(true);
  });
});
