// The umbrella chart (charts/orrery): the whole platform in one release.
import { globalEntries } from "./global-values.js";
import {
  boolean,
  imageDigest,
  imageTag,
  integerFrom,
  nonEmptyString,
  pullPolicy,
  string,
  stringMap,
} from "./schemas.js";
import { hookJobEntries, type ServiceDeclaration } from "./service-chart.js";
import { type Entries, group, setting } from "./values-tree.js";

export function umbrellaEntries(services: readonly ServiceDeclaration[]): Entries {
  return {
    global: group(
      "Settings shared by every service chart; they override the charts' own global defaults.",
      globalEntries({ postgres: true, redis: true, rateLimitRedis: true, kafka: true }),
    ),
    ...Object.fromEntries(
      services.map((service) => [
        service.name,
        group(
          `Overrides of the ${service.name} chart's values (charts/${service.name}/values.yaml documents every key, and that chart's schema checks them).`,
          {
            enabled: setting(
              `Install ${service.name}${service.database ? `; it needs the Secret named by database.existingSecret` : ""}.`,
              true,
              boolean,
            ),
          },
          { open: true },
        ),
      ]),
    ),
    kafkaTopics: group(
      "Creates the platform's Kafka topics (orrery.*.v1) that are missing, as a pre-install and pre-upgrade hook Job, before any service starts (node_modules/@orrery/events ensure-topics).",
      {
        enabled: setting("Run the Job.", true, boolean),
        image: group("Image that ships @orrery/events; the gateway's by default.", {
          registry: setting("Registry; empty falls back to global.image.registry.", "", string, {
            optional: true,
          }),
          repository: setting("Repository.", "orrery/gateway", nonEmptyString),
          tag: setting(
            "Tag; empty falls back to global.image.tag, then to this chart's appVersion.",
            "",
            imageTag,
            { optional: true },
          ),
          digest: setting("Digest (sha256:…) appended to the tag.", "", imageDigest, {
            optional: true,
          }),
          pullPolicy: setting("Kubernetes imagePullPolicy.", "IfNotPresent", pullPolicy),
        }),
        ...hookJobEntries(3, 300, "Resources of the Job's container."),
      },
    ),
    prometheusRules: group(
      "Prometheus Operator PrometheusRule with the platform's alerts (outbox backlog and stalls, publish failures, dropped usage events, gateway and gRPC error rates).",
      {
        enabled: setting(
          "Render the PrometheusRule (needs the monitoring.coreos.com CRDs).",
          false,
          boolean,
        ),
        labels: setting(
          "Extra labels, e.g. the one your Prometheus selects rules by.",
          {},
          stringMap,
          { optional: true },
        ),
        outboxBacklogThreshold: setting(
          "Outbox rows waiting to be published above which OrreryOutboxBacklog fires.",
          1000,
          integerFrom(1),
        ),
        errorRateThreshold: setting(
          "Share of failed requests (gateway 5xx, gRPC server-side errors) above which the error-rate alerts fire, 0 to 1.",
          0.05,
          { type: "number", exclusiveMinimum: 0, maximum: 1 },
        ),
      },
    ),
  };
}
