{{/*
Helpers shared by every object of the library.

Calling convention: a service chart has one template, written from the service's declaration in
libs/platform/src/charts/services.ts (as are its values.yaml and values.schema.json):

  {{- include "orrery-lib.service" (dict "top" . "traits" (fromYaml `grpc: true ...`)) -}}

where `top` is the chart's root context and `traits` says what the service's code needs (they are
facts about the code, so they live in the chart's template, not in values a user could flip):

  grpc               bool  serves gRPC (GRPC_PORT, native gRPC probes, headless Service) besides
                           the HTTP ops port (/healthz, /readyz, /metrics)
  database           bool  owns a Postgres database (DATABASE_URL from a Secret, migrations Job)
  redis              bool  uses Redis (REDIS_URL); "rateLimit": the rate-limit state's Redis
                           (global.rateLimitRedis when set, else global.redis)
  rateLimitRedis     bool  decides rate limits itself: RATE_LIMIT_REDIS_URL names the Redis of
                           the rate-limit state, as rate-limit's REDIS_URL does
  kafka              bool  produces or consumes Kafka events (KAFKA_BROKERS)
  clients            list  names of the Orrery services that call it (NetworkPolicy lets their
                           pods reach its gRPC port, or its HTTP port when it has no gRPC)
  public             bool  the public door (NetworkPolicy ingress from `networkPolicy.ingressFrom`)
  upstreams          list  of dict(key, env, protocol): Orrery services it calls, at
                           `.Values.upstreams.<key>` (host, port); `env` gets dns:///host:port
                           (protocol grpc) or http://host:port, and egress to those pods is allowed
  valueEnv           dict  NAME: dotted path of a value passed as that environment variable
  secretValues       dict  NAME: key of a dict(existingSecret, key) value, environment from a Secret

Every named template below takes that same dict (`$ctx`).
*/}}

{{/* The service name: the chart name, so in-cluster addresses are stable (dns:///api-key:50051). */}}
{{- define "orrery-lib.name" -}}
{{- default .top.Chart.Name .top.Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Object names. Not prefixed with the release name: the gateway reaches its upstreams by Service
name, so one Orrery release per namespace.
*/}}
{{- define "orrery-lib.fullname" -}}
{{- if .top.Values.fullnameOverride -}}
{{- .top.Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- include "orrery-lib.name" . -}}
{{- end -}}
{{- end -}}

{{- define "orrery-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orrery-lib.name" . }}
app.kubernetes.io/instance: {{ .top.Release.Name }}
{{- end -}}

{{- define "orrery-lib.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .top.Chart.Name .top.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/managed-by: {{ .top.Release.Service }}
{{ include "orrery-lib.podLabels" . }}
{{- end -}}

{{/* Pod labels leave out the chart version, so a chart-only change does not roll the pods. */}}
{{- define "orrery-lib.podLabels" -}}
{{ include "orrery-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ include "orrery-lib.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: {{ ternary "api" "backend" (.traits.public | default false) }}
app.kubernetes.io/part-of: orrery
{{- end -}}

{{/* `.top.Values.global`, or an empty dict when the chart is installed on its own. */}}
{{- define "orrery-lib.global" -}}
{{- toYaml (.top.Values.global | default dict) -}}
{{- end -}}

{{/* Image tag: the service's own, else the global one, else the chart's appVersion. */}}
{{- define "orrery-lib.imageTag" -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- $globalImage := $global.image | default dict -}}
{{- .top.Values.image.tag | default $globalImage.tag | default .top.Chart.AppVersion -}}
{{- end -}}

{{/* registry/repository:tag[@digest]; the service's registry wins over the global one. */}}
{{- define "orrery-lib.image" -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- $globalImage := $global.image | default dict -}}
{{- $registry := .top.Values.image.registry | default $globalImage.registry -}}
{{- $repository := ternary (printf "%s/%s" $registry .top.Values.image.repository) .top.Values.image.repository (ne ($registry | default "") "") -}}
{{- $image := printf "%s:%s" $repository (include "orrery-lib.imageTag" .) -}}
{{- if .top.Values.image.digest -}}
{{- $image = printf "%s@%s" $image .top.Values.image.digest -}}
{{- end -}}
{{- $image -}}
{{- end -}}

{{- define "orrery-lib.imagePullSecrets" -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- $secrets := concat ($global.imagePullSecrets | default list) (.top.Values.imagePullSecrets | default list) | uniq -}}
{{- if $secrets -}}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}

{{- define "orrery-lib.serviceAccountName" -}}
{{- if .top.Values.serviceAccount.create -}}
{{- .top.Values.serviceAccount.name | default (include "orrery-lib.fullname" .) -}}
{{- else -}}
{{- .top.Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* Kafka bootstrap servers, comma-separated; required for services that use Kafka. */}}
{{- define "orrery-lib.kafkaBrokers" -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- $kafka := $global.kafka | default dict -}}
{{- $brokers := $kafka.brokers | default list -}}
{{- if not $brokers -}}
{{- fail (printf "%s: global.kafka.brokers is required (host:port of the Kafka bootstrap servers)" (include "orrery-lib.name" .)) -}}
{{- end -}}
{{- join "," $brokers -}}
{{- end -}}

{{/* The hardened pod security context: non-root uid 10001, RuntimeDefault seccomp. */}}
{{- define "orrery-lib.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The hardened container security context: read-only root, no privilege escalation, no capabilities. */}}
{{- define "orrery-lib.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The service's durations in seconds → SHUTDOWN_TIMEOUT_MS and the pod's grace period. */}}
{{- define "orrery-lib.terminationGracePeriodSeconds" -}}
{{- $shutdown := .top.Values.shutdown -}}
{{- add $shutdown.preStopSleepSeconds $shutdown.drainTimeoutSeconds $shutdown.graceMarginSeconds -}}
{{- end -}}
