{{/*
The non-secret environment of the service (read once by its src/config.ts). Secrets never come
here: they are referenced by name from the Deployment (see orrery-lib.secretEnv).
*/}}
{{- define "orrery-lib.configData" -}}
{{- $v := .top.Values -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- $telemetry := $global.telemetry | default dict -}}
{{- $data := dict
  "NODE_ENV" "production"
  "LOG_LEVEL" $v.logLevel
  "BIND_HOST" "0.0.0.0"
  "HTTP_PORT" (toString $v.service.httpPort)
  "SHUTDOWN_TIMEOUT_MS" (toString (mul $v.shutdown.drainTimeoutSeconds 1000))
  "OTEL_SDK_DISABLED" (toString ($telemetry.sdkDisabled | default false))
  "OTEL_TRACES_EXPORTER" ($telemetry.tracesExporter | default "none")
-}}
{{- /* `default` would turn a deliberate 0 into 1, hence hasKey. */ -}}
{{- $_ := set $data "OTEL_TRACES_SAMPLER_ARG" (ternary (toString $telemetry.samplerRatio) "1" (hasKey $telemetry "samplerRatio")) -}}
{{- with $telemetry.otlpEndpoint }}
{{- $_ := set $data "OTEL_EXPORTER_OTLP_ENDPOINT" . -}}
{{- end }}
{{- if .traits.grpc }}
{{- $_ := set $data "GRPC_PORT" (toString $v.service.grpcPort) -}}
{{- $_ := set $data "GRPC_MAX_CONNECTION_AGE_MS" (toString (mul $v.grpc.maxConnectionAgeSeconds 1000)) -}}
{{- end }}
{{- if .traits.kafka }}
{{- $_ := set $data "KAFKA_BROKERS" (include "orrery-lib.kafkaBrokers" .) -}}
{{- end }}
{{- if .traits.redis }}
{{- $redis := fromYaml (include "orrery-lib.redis" .) -}}
{{- if not $redis.existingSecret }}
{{- if not $redis.url }}
{{- fail (printf "%s: global.redis.url or global.redis.existingSecret is required" (include "orrery-lib.name" .)) -}}
{{- end }}
{{- $_ := set $data "REDIS_URL" $redis.url -}}
{{- end }}
{{- end }}
{{- if .traits.rateLimitRedis }}
{{- $limits := fromYaml (include "orrery-lib.redis" (dict "top" .top "traits" (dict "redis" "rateLimit"))) -}}
{{- if not $limits.existingSecret }}
{{- $_ := set $data "RATE_LIMIT_REDIS_URL" $limits.url -}}
{{- end }}
{{- end }}
{{- if .traits.database }}
{{- $_ := set $data "DATABASE_POOL_SIZE" (toString $v.database.poolSize) -}}
{{- end }}
{{- range (.traits.upstreams | default list) }}
{{- $upstream := index $v.upstreams .key -}}
{{- $format := ternary "dns:///%s:%d" "http://%s:%d" (eq .protocol "grpc") -}}
{{- $_ := set $data .env (printf $format $upstream.host (int $upstream.port)) -}}
{{- end }}
{{- range $name, $path := (.traits.valueEnv | default dict) }}
{{- $value := include "orrery-lib.valueAt" (list $v $path) -}}
{{- $_ := set $data $name $value -}}
{{- end }}
{{- range $name, $value := ($v.env | default dict) }}
{{- if hasKey $data $name }}
{{- fail (printf "env.%s is set by the chart; use the dedicated value instead" $name) -}}
{{- end }}
{{- $_ := set $data $name (toString $value) -}}
{{- end }}
{{- toYaml $data -}}
{{- end -}}

{{- define "orrery-lib.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
data:
  {{- include "orrery-lib.configData" . | nindent 2 }}
{{- end -}}

{{/*
Environment taken from existing Secrets, by name and key; the chart never creates or inlines one.
*/}}
{{- define "orrery-lib.secretEnv" -}}
{{- $v := .top.Values -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- if .traits.database }}
{{ include "orrery-lib.databaseUrlEnv" . }}
{{- with $v.database.replicaUrlsKey }}
- name: DATABASE_REPLICA_URLS
  valueFrom:
    secretKeyRef:
      name: {{ $v.database.existingSecret }}
      key: {{ . }}
{{- end }}
{{- end }}
{{- if .traits.redis }}
{{- $redis := fromYaml (include "orrery-lib.redis" .) -}}
{{- with $redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $redis.urlKey | default "url" }}
{{- end }}
{{- end }}
{{- if .traits.rateLimitRedis }}
{{- $limits := fromYaml (include "orrery-lib.redis" (dict "top" .top "traits" (dict "redis" "rateLimit"))) -}}
{{- with $limits.existingSecret }}
- name: RATE_LIMIT_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $limits.urlKey | default "url" }}
{{- end }}
{{- end }}
{{- $configData := fromYaml (include "orrery-lib.configData" .) -}}
{{- $secretValues := dict -}}
{{- range $name, $key := (.traits.secretValues | default dict) }}
{{- $ref := index $v $key -}}
{{- $_ := set $secretValues $name (dict "secretName" $ref.existingSecret "key" $ref.key) -}}
{{- end }}
{{- range $name, $ref := merge (dict) ($v.secretEnv | default dict) $secretValues }}
{{- if or (hasKey $configData $name) (has $name (list "DATABASE_URL" "DATABASE_REPLICA_URLS" "REDIS_URL" "RATE_LIMIT_REDIS_URL")) }}
{{- fail (printf "secretEnv.%s is set by the chart; use the dedicated value instead" $name) -}}
{{- end }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.secretName }}
      key: {{ $ref.key }}
{{- end }}
{{- end -}}

{{- define "orrery-lib.databaseUrlEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required" .top.Values.database.existingSecret }}
      key: {{ .top.Values.database.urlKey }}
{{- end -}}

{{/*
The Redis a service's REDIS_URL names: global.redis, or for the rate-limit state (traits.redis
"rateLimit") global.rateLimitRedis when it is configured.
*/}}
{{- define "orrery-lib.redis" -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- $limits := $global.rateLimitRedis | default dict -}}
{{- if and (eq (toString .traits.redis) "rateLimit") (or $limits.url $limits.existingSecret) }}
{{- toYaml $limits -}}
{{- else }}
{{- toYaml ($global.redis | default dict) -}}
{{- end }}
{{- end -}}

{{/*
The value at a dotted path of the values (list: values, "a.b"), as an environment variable's
text: lists joined with commas, maps as JSON.
*/}}
{{- define "orrery-lib.valueAt" -}}
{{- $value := index . 0 -}}
{{- range splitList "." (index . 1) -}}
{{- $value = index $value . -}}
{{- end -}}
{{- if kindIs "slice" $value -}}
{{- join "," $value -}}
{{- else if kindIs "map" $value -}}
{{- toJson $value -}}
{{- else -}}
{{- toString $value -}}
{{- end -}}
{{- end -}}
