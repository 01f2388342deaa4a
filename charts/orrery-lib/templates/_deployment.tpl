{{/* Probe handler: native gRPC health (grpc.health.v1, service "") or the HTTP ops endpoints. */}}
{{- define "orrery-lib.probeHandler" -}}
{{- $ctx := index . 0 -}}
{{- $httpPath := index . 1 -}}
{{- if $ctx.traits.grpc -}}
grpc:
  port: {{ $ctx.top.Values.service.grpcPort }}
{{- else -}}
httpGet:
  path: {{ $httpPath }}
  port: http
{{- end -}}
{{- end -}}

{{- define "orrery-lib.probes" -}}
{{- $probes := .top.Values.probes -}}
startupProbe:
  {{- include "orrery-lib.probeHandler" (list . "/healthz") | nindent 2 }}
  {{- toYaml $probes.startup | nindent 2 }}
livenessProbe:
  {{- include "orrery-lib.probeHandler" (list . "/healthz") | nindent 2 }}
  {{- toYaml $probes.liveness | nindent 2 }}
readinessProbe:
  {{- include "orrery-lib.probeHandler" (list . "/readyz") | nindent 2 }}
  {{- toYaml $probes.readiness | nindent 2 }}
{{- end -}}

{{/* Consumer charts have a `keda` block; the others do not. */}}
{{- define "orrery-lib.kedaEnabled" -}}
{{- if (.top.Values.keda | default dict).enabled -}}true{{- end -}}
{{- end -}}

{{- define "orrery-lib.autoscaled" -}}
{{- if or .top.Values.autoscaling.enabled (include "orrery-lib.kedaEnabled" .) -}}true{{- end -}}
{{- end -}}

{{- define "orrery-lib.deployment" -}}
{{- $v := .top.Values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
spec:
  {{- /* With an autoscaler the replica count is its to set: an upgrade must not reset it. */}}
  {{- if not (include "orrery-lib.autoscaled" .) }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 600
  selector:
    matchLabels:
      {{- include "orrery-lib.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "orrery-lib.podLabels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "orrery-lib.configData" . | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "orrery-lib.serviceAccountName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with (include "orrery-lib.imagePullSecrets" .) }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      securityContext:
        {{- include "orrery-lib.podSecurityContext" . | nindent 8 }}
      terminationGracePeriodSeconds: {{ include "orrery-lib.terminationGracePeriodSeconds" . }}
      {{- with $v.topologySpread }}
      {{- if .enabled }}
      topologySpreadConstraints:
        {{- range .topologyKeys }}
        - maxSkew: {{ $v.topologySpread.maxSkew }}
          topologyKey: {{ . }}
          whenUnsatisfiable: {{ $v.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "orrery-lib.selectorLabels" $ | nindent 14 }}
          {{- /* Spread each ReplicaSet on its own, so a rollout does not count old pods. */}}
          matchLabelKeys:
            - pod-template-hash
        {{- end }}
      {{- end }}
      {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ include "orrery-lib.name" . }}
          image: {{ include "orrery-lib.image" . }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          ports:
            {{- if .traits.grpc }}
            - name: grpc
              containerPort: {{ $v.service.grpcPort }}
              protocol: TCP
            {{- end }}
            - name: http
              containerPort: {{ $v.service.httpPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "orrery-lib.fullname" . }}
          {{- $secretEnv := include "orrery-lib.secretEnv" . | trim }}
          {{- if $secretEnv }}
          env:
            {{- $secretEnv | nindent 12 }}
          {{- end }}
          {{- include "orrery-lib.probes" . | nindent 10 }}
          lifecycle:
            {{- /*
            Endpoints are removed asynchronously after the pod is marked for deletion: keep
            serving for a few seconds before SIGTERM starts the drain (SHUTDOWN_TIMEOUT_MS).
            */}}
            preStop:
              sleep:
                seconds: {{ $v.shutdown.preStopSleepSeconds }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- include "orrery-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        {{- /* The root file system is read-only; /tmp is the only writable place. */}}
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit }}
{{- end -}}
