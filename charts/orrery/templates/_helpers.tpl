{{- define "orrery.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: orrery
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* registry/repository:tag[@digest] of the Kafka topics Job. */}}
{{- define "orrery.kafkaTopicsImage" -}}
{{- $image := .Values.kafkaTopics.image -}}
{{- $registry := $image.registry | default .Values.global.image.registry -}}
{{- $repository := ternary (printf "%s/%s" $registry $image.repository) $image.repository (ne ($registry | default "") "") -}}
{{- $ref := printf "%s:%s" $repository ($image.tag | default .Values.global.image.tag | default .Chart.AppVersion) -}}
{{- if $image.digest -}}
{{- $ref = printf "%s@%s" $ref $image.digest -}}
{{- end -}}
{{- $ref -}}
{{- end -}}
