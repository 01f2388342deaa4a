{{/* scale-up fast, scale-down slowly: a stabilisation window stops flapping after a burst. */}}
{{- define "orrery-lib.scalingBehavior" -}}
{{- $a := .top.Values.autoscaling -}}
scaleUp:
  stabilizationWindowSeconds: {{ $a.scaleUpStabilizationWindowSeconds }}
  selectPolicy: Max
  policies:
    - type: Percent
      value: 100
      periodSeconds: 30
    - type: Pods
      value: 4
      periodSeconds: 30
scaleDown:
  stabilizationWindowSeconds: {{ $a.scaleDownStabilizationWindowSeconds }}
  selectPolicy: Min
  policies:
    - type: Percent
      value: 50
      periodSeconds: 60
{{- end -}}

{{- define "orrery-lib.hpa" -}}
{{- $a := .top.Values.autoscaling -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "orrery-lib.fullname" . }}
  minReplicas: {{ $a.minReplicas }}
  maxReplicas: {{ $a.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ $a.targetMemoryUtilizationPercentage }}
    {{- range ($a.podMetrics | default list) }}
    - type: Pods
      pods:
        metric:
          name: {{ .name }}
        target:
          type: AverageValue
          averageValue: {{ .averageValue | quote }}
    {{- end }}
  behavior:
    {{- include "orrery-lib.scalingBehavior" . | nindent 4 }}
{{- end -}}

{{/*
KEDA ScaledObject: replaces the HPA (KEDA creates and owns one) and adds the consumer group's
Kafka lag as a trigger next to CPU and memory, so consumers scale before CPU shows the backlog.
*/}}
{{- define "orrery-lib.scaledobject" -}}
{{- $a := .top.Values.autoscaling -}}
{{- $k := .top.Values.keda -}}
{{- if not .traits.kafka -}}
{{- fail (printf "%s: keda.enabled needs a Kafka consumer; this service has none" (include "orrery-lib.name" .)) -}}
{{- end -}}
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "orrery-lib.fullname" . }}
  minReplicaCount: {{ $a.minReplicas }}
  maxReplicaCount: {{ $a.maxReplicas }}
  pollingInterval: {{ $k.pollingInterval }}
  cooldownPeriod: {{ $k.cooldownPeriod }}
  advanced:
    horizontalPodAutoscalerConfig:
      name: {{ include "orrery-lib.fullname" . }}
      behavior:
        {{- include "orrery-lib.scalingBehavior" . | nindent 8 }}
  triggers:
    - type: kafka
      metadata:
        bootstrapServers: {{ include "orrery-lib.kafkaBrokers" . | quote }}
        consumerGroup: {{ $k.kafka.consumerGroup | quote }}
        {{- with $k.kafka.topic }}
        topic: {{ . | quote }}
        {{- end }}
        lagThreshold: {{ $k.kafka.lagThreshold | quote }}
        {{- /* Never scale past the partition count: extra consumers would sit idle. */}}
        allowIdleConsumers: "false"
      {{- with $k.kafka.authenticationRef }}
      authenticationRef:
        name: {{ . }}
      {{- end }}
    - type: cpu
      metricType: Utilization
      metadata:
        value: {{ $a.targetCPUUtilizationPercentage | quote }}
    - type: memory
      metricType: Utilization
      metadata:
        value: {{ $a.targetMemoryUtilizationPercentage | quote }}
{{- end -}}

{{- define "orrery-lib.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
spec:
  {{- /* maxUnavailable (not minAvailable) so a single replica never blocks a node drain. */}}
  maxUnavailable: {{ .top.Values.podDisruptionBudget.maxUnavailable }}
  {{- /* A pod that is not ready protects nothing; evicting it must not wait. */}}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "orrery-lib.selectorLabels" . | nindent 6 }}
{{- end -}}

{{- define "orrery-lib.servicemonitor" -}}
{{- $m := .top.Values.serviceMonitor -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
    {{- with $m.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "orrery-lib.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /metrics
      interval: {{ $m.interval }}
      scrapeTimeout: {{ $m.scrapeTimeout }}
{{- end -}}
