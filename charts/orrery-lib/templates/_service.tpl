{{- define "orrery-lib.service" -}}
{{- /* Entry point: see _helpers.tpl for the calling convention. */ -}}
{{- include "orrery-lib.serviceaccount" . }}
---
{{ include "orrery-lib.configmap" . }}
---
{{ include "orrery-lib.k8sService" . }}
---
{{ include "orrery-lib.deployment" . }}
{{- if and .top.Values.autoscaling.enabled (not (include "orrery-lib.kedaEnabled" .)) }}
---
{{ include "orrery-lib.hpa" . }}
{{- end }}
{{- if (include "orrery-lib.kedaEnabled" .) }}
---
{{ include "orrery-lib.scaledobject" . }}
{{- end }}
{{- if .top.Values.podDisruptionBudget.enabled }}
---
{{ include "orrery-lib.pdb" . }}
{{- end }}
{{- if .top.Values.networkPolicy.enabled }}
---
{{ include "orrery-lib.networkpolicy" . }}
{{- end }}
{{- if .top.Values.serviceMonitor.enabled }}
---
{{ include "orrery-lib.servicemonitor" . }}
{{- end }}
{{- if and .traits.database .top.Values.migrations.enabled }}
---
{{ include "orrery-lib.migrations" . }}
{{- end }}
{{- end -}}

{{/*
The Kubernetes Service. gRPC services are headless by default: clients dial dns:///name:port
with round_robin, so DNS must return every ready pod, not one virtual IP (which would pin each
client connection to one pod until max_connection_age).
*/}}
{{- define "orrery-lib.k8sService" -}}
{{- $v := .top.Values -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "orrery-lib.fullname" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
  {{- with $v.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- if and .traits.grpc $v.service.headless }}
  type: ClusterIP
  clusterIP: None
  {{- else }}
  type: {{ $v.service.type | default "ClusterIP" }}
  {{- end }}
  selector:
    {{- include "orrery-lib.selectorLabels" . | nindent 4 }}
  ports:
    {{- if .traits.grpc }}
    - name: grpc
      port: {{ $v.service.grpcPort }}
      targetPort: grpc
      protocol: TCP
      appProtocol: kubernetes.io/h2c
    {{- end }}
    - name: http
      port: {{ $v.service.httpPort }}
      targetPort: http
      protocol: TCP
      appProtocol: http
{{- end -}}

{{- define "orrery-lib.serviceaccount" -}}
{{- if .top.Values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "orrery-lib.serviceAccountName" . }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.labels" . | nindent 4 }}
  {{- with .top.Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- /* The services never call the Kubernetes API. */}}
automountServiceAccountToken: false
{{- end -}}
{{- end -}}
