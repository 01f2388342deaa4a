// Writes the service charts, the umbrella chart's values and skaffold.yaml from the
// declarations in services.ts, and finds files that differ from what they would be written as.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { type ServiceDeclaration, serviceEntries, traitsOf } from "./service-chart.js";
import { SERVICES } from "./services.js";
import { umbrellaEntries } from "./umbrella-chart.js";
import { comment, valuesSchema, valuesYaml } from "./values-tree.js";

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
  const lines = comment(NOTICE, 0);
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

/** Every generated file, by its path in the repository. */
export function generatedFiles(
  versions: ServiceVersions,
  services: readonly ServiceDeclaration[] = SERVICES,
): Map<string, string> {
  const files = new Map<string, string>();
  for (const service of services) {
    const version = versions[service.name];
    if (version === undefined) throw new Error(`no version for ${service.name}`);
    for (const [path, content] of Object.entries(serviceChartFiles(service, services, version))) {
      files.set(`charts/${service.name}/${path}`, content);
    }
  }
  for (const [path, content] of Object.entries(umbrellaChartFiles(services, versions))) {
    files.set(`charts/orrery/${path}`, content);
  }
  files.set("skaffold.yaml", skaffoldYaml(services));
  return files;
}

export async function writeGeneratedFiles(root: string, files: Map<string, string>) {
  for (const [path, content] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

/** Charts that are neither generated nor written by hand: a service removed from services.ts. */
const HAND_WRITTEN_CHARTS = ["orrery-lib"];

/** The generated files that are missing or differ under root, and undeclared charts. */
export async function staleFiles(root: string, files: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const generatedCharts = new Set(
    [...files.keys()]
      .filter((path) => path.startsWith("charts/"))
      .map((path) => path.split("/")[1]),
  );
  for (const entry of await readdir(join(root, "charts"), { withFileTypes: true })) {
    const known = generatedCharts.has(entry.name) || HAND_WRITTEN_CHARTS.includes(entry.name);
    if (entry.isDirectory() && !known) {
      problems.push(`not declared in ${SOURCE}: charts/${entry.name}`);
    }
  }
  for (const [path, content] of files) {
    const actual = await readFile(join(root, path), "utf8").catch(() => undefined);
    if (actual === undefined) problems.push(`missing: ${path}`);
    else if (actual !== content) problems.push(`out of date: ${path}`);
  }
  return problems;
}

/**
 * skaffold.yaml: one image per service (one Dockerfile, chosen by SERVICE; PORTS are the ports
 * it exposes) and the umbrella release with each service's image set from what skaffold built.
 */
function skaffoldYaml(services: readonly ServiceDeclaration[]): string {
  const imageVariable = (name: string) => `orrery_${name.replaceAll("-", "_")}`;
  const artifacts = services.map((service) => {
    const ports = [service.grpc?.port, service.http.port].filter((port) => port !== undefined);
    return [
      `    - image: orrery/${service.name}`,
      "      context: .",
      "      docker:",
      "        dockerfile: scripts/docker/service.Dockerfile",
      "        buildArgs:",
      `          SERVICE: ${service.name}`,
      `          PORTS: "${ports.join(" ")}"`,
    ].join("\n");
  });
  const imageValues = (key: string, variable: string) =>
    ["repository", "tag", "digest"]
      .map(
        (field) =>
          `          ${key}.image.${field}: "{{.IMAGE_${field === "repository" ? "REPO" : field.toUpperCase()}_${variable}}}"`,
      )
      .join("\n");
  const gateway = imageVariable("gateway");
  return `${comment(NOTICE, 0).join("\n")}
# Build the service images and deploy the platform with the umbrella chart.
#   skaffold dev  -p dev    one pod per service, no autoscaling, gateway forwarded to :8080
#   skaffold run  -p prod   production-shaped values (charts/orrery/values-prod.yaml)
# Postgres, Redis, Kafka and the services' database Secrets must exist in the cluster first
# (see charts/orrery/values.yaml and the chart's NOTES). Needs docker (BuildKit) and helm.
apiVersion: skaffold/v4beta13
kind: Config
metadata:
  name: orrery
build:
  # Images are tagged with the git commit; skaffold pins them by digest in the release values.
  tagPolicy:
    gitCommit:
      variant: AbbrevCommitSha
  local:
    useBuildkit: true
    # Two builds at a time: each runs a full workspace install and tsc.
    concurrency: 2
  # Context is the repository root (the pnpm workspace); one Dockerfile builds every service
  # (scripts/docker/service.Dockerfile, with its own .dockerignore), chosen by SERVICE.
  artifacts:
${artifacts.join("\n")}
deploy:
  helm:
    releases:
      - name: orrery
        chartPath: charts/orrery
        namespace: orrery
        createNamespace: true
        # IMAGE_REPO_* carries the registry skaffold pushed to (or none for a local cluster),
        # so the charts' registry settings are blanked and the repository takes it all.
        setValueTemplates:
          global.image.registry: ""
${imageValues("kafkaTopics", gateway)}
${services.map((service) => imageValues(service.name, imageVariable(service.name))).join("\n")}
        wait: true
    hooks:
      before:
        # skaffold runs \`helm dependency build\` on charts/orrery only, and a file:// dependency
        # is packaged as it is: each service chart needs its copy of orrery-lib in
        # charts/<service>/charts/ before the umbrella packages it.
        - host:
            os: [darwin, linux]
            command:
              - sh
              - -c
              - >-
                for chart in ${services.map(({ name }) => name).join(" ")};
                do helm dependency build "charts/$chart" || exit 1; done
profiles:
  - name: dev
    patches:
      - op: add
        path: /deploy/helm/releases/0/valuesFiles
        value:
          - charts/orrery/values-dev.yaml
    portForward:
      - resourceType: service
        resourceName: gateway
        namespace: orrery
        port: 8080
        localPort: 8080
  - name: prod
    patches:
      - op: add
        path: /deploy/helm/releases/0/valuesFiles
        value:
          - charts/orrery/values-prod.yaml
`;
}
