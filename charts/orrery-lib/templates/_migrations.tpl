{{/*
Database migrations as a Helm hook: they run to completion before the new pods of an install or
upgrade start (pre-install, pre-upgrade), with the service's own image and its `migrate` script
(dbmate over db/migrations and the outbox table of @orrery/events). Hook objects are created
before the release's ordinary objects, so the Job has its own hook ServiceAccount and reads
DATABASE_URL straight from the Secret instead of from the release's ConfigMap.
*/}}
{{- define "orrery-lib.migrationsHookAnnotations" -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: {{ . | quote }}
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end -}}

{{- define "orrery-lib.migrationsLabels" -}}
{{- $ctx := index . 0 -}}
helm.sh/chart: {{ printf "%s-%s" $ctx.top.Chart.Name $ctx.top.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $ctx.top.Release.Name }}
app.kubernetes.io/version: {{ include "orrery-lib.imageTag" $ctx | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: migrations
app.kubernetes.io/part-of: orrery
app.kubernetes.io/managed-by: {{ $ctx.top.Release.Service }}
{{- end -}}

{{- define "orrery-lib.migrations" -}}
{{- $v := .top.Values -}}
{{- $m := $v.migrations -}}
{{- $name := printf "%s-migrations" (include "orrery-lib.fullname" .) | trunc 63 | trimSuffix "-" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.migrationsLabels" (list . $name) | nindent 4 }}
  annotations:
    {{- include "orrery-lib.migrationsHookAnnotations" "-20" | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ $name }}
  namespace: {{ .top.Release.Namespace }}
  labels:
    {{- include "orrery-lib.migrationsLabels" (list . $name) | nindent 4 }}
  annotations:
    {{- include "orrery-lib.migrationsHookAnnotations" "-5" | nindent 4 }}
spec:
  backoffLimit: {{ $m.backoffLimit }}
  activeDeadlineSeconds: {{ $m.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- /* Not the service's selector labels: its NetworkPolicy and PDB must not apply. */}}
        {{- include "orrery-lib.migrationsLabels" (list . $name) | nindent 8 }}
    spec:
      restartPolicy: Never
      serviceAccountName: {{ $name }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with (include "orrery-lib.imagePullSecrets" .) }}
      {{- . | nindent 6 }}
      {{- end }}
      securityContext:
        {{- include "orrery-lib.podSecurityContext" . | nindent 8 }}
      containers:
        - name: migrate
          image: {{ include "orrery-lib.image" . }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          {{- /* The service's `migrate` script (package.json), spelled out: no pnpm in the image. */}}
          command:
            - node
            - node_modules/@orrery/db/dist/bin/migrate.js
            - db/migrations
            - node_modules/@orrery/events/migrations
          env:
            - name: NODE_ENV
              value: production
            {{- include "orrery-lib.databaseUrlEnv" . | nindent 12 }}
          resources:
            {{- toYaml $m.resources | nindent 12 }}
          securityContext:
            {{- include "orrery-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit }}
{{- end -}}
