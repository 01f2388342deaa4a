// Writes the service charts and the umbrella chart's values from the declarations in
// services.ts, and finds charts that differ from what they would be written as.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { type ServiceDeclaration, serviceEntries, traitsOf } from "./service-chart.js";
import { SERVICES } from "./services.js";
import { umbrellaEntries } from "./umbrella-chart.js";
import { valuesSchema, valuesYaml } from "./values-tree.js";

export const CHART_VERSION = "0.1.0";
export const GENERATE_COMMAND = "pnpm --filter @orrery/platform generate-charts";
const KUBE_VERSION = ">=1.30.0-0";
const SOURCE = "libs/platform/src/charts/services.ts";
const NOTICE = `Written from the declarations in libs/platform/src/charts/ (services.ts: one entry per service) by \`${GENERATE_COMMAND}\`; edit them there, not here.`;

const HELMIGNORE = `# Not part of the packaged chart.
.DS_Store
.git/
.gitignore
*.swp
*.bak
*.tmp
*.orig
*~
.idea/
.vscode/
`;

/** The version of each service's package.json: its image tag and its chart's appVersion. */
export type ServiceVersions = Readonly<Record<string, string>>;

export async function readServiceVersions(
  root: string,
  services: readonly ServiceDeclaration[] = SERVICES,
): Promise<ServiceVersions> {
  const entries = await Promise.all(
    services.map(async ({ name }) => {
      const file = join(root, "services", name, "package.json");
      const { version } = JSON.parse(await readFile(file, "utf8")) as { version?: unknown };
      if (typeof version !== "string") throw new Error(`${file} has no version`);
      return [name, version] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function chartYaml(fields: Record<string, unknown>, comments: Record<string, string>): string {
  const lines = [`# ${NOTICE}`];
  for (const [key, value] of Object.entries(fields)) {
    if (comments[key]) lines.push(`# ${comments[key]}`);
    lines.push(stringify({ [key]: value }, { lineWidth: 0 }).trimEnd());
  }
  return `${lines.join("\n")}\n`;
}

export function serviceChartFiles(
  service: ServiceDeclaration,
  services: readonly ServiceDeclaration[],
  version: string,
): Record<string, string> {
  const { name } = service;
  const entries = serviceEntries(service, services);
  const traits = stringify(traitsOf(service, services), { lineWidth: 0 });
  return {
    "Chart.yaml": chartYaml(
      {
        apiVersion: "v2",
        name,
        description: service.description,
        type: "application",
        version: CHART_VERSION,
        appVersion: version,
        kubeVersion: KUBE_VERSION,
        home: "https://orrery.dev",
        keywords: ["orrery"],
        dependencies: [
          { name: "orrery-lib", version: CHART_VERSION, repository: "file://../orrery-lib" },
        ],
      },
      { appVersion: `The image tag by default: the version of services/${name}/package.json.` },
    ),
    ".helmignore": HELMIGNORE,
    "values.yaml": valuesYaml(
      `Values of the ${name} chart. Every key is checked by values.schema.json: an unknown key or a wrong type fails the install. Installed with the whole platform by the umbrella chart (charts/orrery), where these values sit under the \`${name}:\` key.\n${NOTICE}`,
      entries,
    ),
    "values.schema.json": valuesSchema(`Values of the ${name} chart`, entries),
    [`templates/${name}.yaml`]: [
      "{{- /*",
      `What ${name}'s code needs; the library chart turns it into ports, probes, environment, network`,
      `policy and, with a database, the migrations Job. ${NOTICE}`,
      "*/ -}}",
      `{{- $traits := fromYaml \`\n${traits}\` -}}`,
      `{{- include "orrery-lib.service" (dict "top" . "traits" $traits) -}}`,
      "",
    ].join("\n"),
  };
}

function umbrellaChartFiles(
  services: readonly ServiceDeclaration[],
  versions: ServiceVersions,
): Record<string, string> {
  const entries = umbrellaEntries(services);
  return {
    "Chart.yaml": chartYaml(
      {
        apiVersion: "v2",
        name: "orrery",
        description:
          "The whole Orrery platform: the gateway and the six services, the Kafka topics hook and the Prometheus alerts. Postgres, Redis and Kafka are not part of it: point global.kafka, global.redis and each service's database.existingSecret at yours.",
        type: "application",
        version: CHART_VERSION,
        appVersion: versions.gateway,
        kubeVersion: KUBE_VERSION,
        home: "https://orrery.dev",
        keywords: ["orrery", "astrology"],
        dependencies: services.map(({ name }) => ({
          name,
          version: CHART_VERSION,
          repository: `file://../${name}`,
          condition: `${name}.enabled`,
        })),
      },
      {
        appVersion:
          "The image tag of the Kafka topics Job by default (the gateway image, which ships @orrery/events).",
      },
    ),
    "values.yaml": valuesYaml(
      `Values of the umbrella chart: the whole Orrery platform in one release. Every key is checked by values.schema.json (and each service's section by that service chart's schema): an unknown key or a wrong type fails the install. values-dev.yaml and values-prod.yaml beside this file are the skaffold profiles' overrides.\n${NOTICE}`,
      entries,
    ),
    "values.schema.json": valuesSchema("Values of the orrery umbrella chart", entries),
  };
}

/** Every generated file, by its path under charts/. */
export function generatedChartFiles(
  versions: ServiceVersions,
  services: readonly ServiceDeclaration[] = SERVICES,
): Map<string, string> {
  const files = new Map<string, string>();
  for (const service of services) {
    const version = versions[service.name];
    if (version === undefined) throw new Error(`no version for ${service.name}`);
    for (const [path, content] of Object.entries(serviceChartFiles(service, services, version))) {
      files.set(`${service.name}/${path}`, content);
    }
  }
  for (const [path, content] of Object.entries(umbrellaChartFiles(services, versions))) {
    files.set(`orrery/${path}`, content);
  }
  return files;
}

export async function writeChartFiles(chartsDir: string, files: Map<string, string>) {
  for (const [path, content] of files) {
    await mkdir(dirname(join(chartsDir, path)), { recursive: true });
    await writeFile(join(chartsDir, path), content);
  }
}

/** Charts that are neither generated nor written by hand: a service removed from services.ts. */
const HAND_WRITTEN_CHARTS = ["orrery-lib"];

/** The generated files that are missing or differ under chartsDir, with the reason. */
export async function staleChartFiles(
  chartsDir: string,
  files: Map<string, string>,
): Promise<string[]> {
  const problems: string[] = [];
  const generatedCharts = new Set([...files.keys()].map((path) => path.split("/")[0]));
  for (const entry of await readdir(chartsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !generatedCharts.has(entry.name)) {
      if (!HAND_WRITTEN_CHARTS.includes(entry.name)) {
        problems.push(`not declared in ${SOURCE}: charts/${entry.name}`);
      }
    }
  }
  for (const [path, content] of files) {
    const actual = await readFile(join(chartsDir, path), "utf8").catch(() => undefined);
    if (actual === undefined) problems.push(`missing: charts/${path}`);
    else if (actual !== content) problems.push(`out of date: charts/${path}`);
  }
  return problems;
}
