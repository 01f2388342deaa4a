{{/* One egress rule: to the given peers (any destination when empty) on the given TCP ports. */}}
{{- define "orrery-lib.egressRule" -}}
{{- $peers := index . 0 -}}
{{- $ports := index . 1 -}}
- ports:
    {{- range $ports }}
    - protocol: TCP
      port: {{ . }}
    {{- end }}
  {{- with $peers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{/*
Default deny in both directions for the service's pods, then only what the service needs:
ingress from its clients (other services, or the public for the gateway) and from the
metrics scraper; egress to DNS and to the infrastructure its traits name.
*/}}
{{- define "orrery-lib.networkpolicy" -}}
{{- $v := .top.Values -}}
{{- $global := fromYaml (include "orrery-lib.global" .) -}}
{{- $np := $global.networkPolicy | default dict -}}
{{- $telemetry := $global.telemetry | default dict -}}
{{- $trafficPort := ternary $v.service.grpcPort $v.service.httpPort (.traits.grpc | default false) -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "orrery-lib.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    {{- if .traits.public }}
    {{- /* The public door: from the ingress controller / load balancer (anywhere when empty). */}}
    - ports:
        - protocol: TCP
          port: {{ $v.service.httpPort }}
      {{- with $v.networkPolicy.ingressFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- with .traits.clients }}
    - ports:
        - protocol: TCP
          port: {{ $trafficPort }}
      from:
        {{- range . }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
              app.kubernetes.io/instance: {{ $.top.Release.Name }}
        {{- end }}
    {{- end }}
    {{- with $np.metricsFrom }}
    {{- /* Prometheus scrapes /metrics on the HTTP port. */}}
    - ports:
        - protocol: TCP
          port: {{ $v.service.httpPort }}
      from:
        {{- toYaml . | nindent 8 }}
    {{- end }}
    {{- with $v.networkPolicy.extraIngress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  egress:
    {{- $dns := $np.dns | default dict }}
    - ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
      {{- with $dns.to }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- if .traits.database }}
    {{- $postgres := $np.postgres | default dict }}
    {{- include "orrery-lib.egressRule" (list $postgres.to (list ($postgres.port | default 5432))) | nindent 4 }}
    {{- end }}
    {{- if .traits.redis }}
    {{- $redis := $np.redis | default dict }}
    {{- include "orrery-lib.egressRule" (list $redis.to (list ($redis.port | default 6379))) | nindent 4 }}
    {{- end }}
    {{- if .traits.kafka }}
    {{- $kafka := $np.kafka | default dict }}
    {{- include "orrery-lib.egressRule" (list $kafka.to (list ($kafka.port | default 9092))) | nindent 4 }}
    {{- end }}
    {{- if eq ($telemetry.tracesExporter | default "none") "otlp" }}
    {{- $otlp := $np.otlp | default dict }}
    {{- include "orrery-lib.egressRule" (list $otlp.to (list ($otlp.port | default 4318))) | nindent 4 }}
    {{- end }}
    {{- range .traits.upstreams }}
    {{- $upstream := index $v.upstreams .key }}
    - ports:
        - protocol: TCP
          port: {{ int $upstream.port }}
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ $upstream.host }}
              app.kubernetes.io/instance: {{ $.top.Release.Name }}
    {{- end }}
    {{- with $v.networkPolicy.internetEgress }}
    {{- if .enabled }}
    {{- /* Any address but the excluded ranges: partners' servers, never the cluster's own. */}}
    - ports:
        {{- range .ports }}
        - protocol: TCP
          port: {{ . }}
        {{- end }}
      to:
        - ipBlock:
            cidr: 0.0.0.0/0
            {{- with .exceptIPv4 }}
            except:
              {{- toYaml . | nindent 14 }}
            {{- end }}
        - ipBlock:
            cidr: ::/0
            {{- with .exceptIPv6 }}
            except:
              {{- toYaml . | nindent 14 }}
            {{- end }}
    {{- end }}
    {{- end }}
    {{- with $v.networkPolicy.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
