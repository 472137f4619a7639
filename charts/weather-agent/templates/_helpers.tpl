{{/*
Chart name, overridable with nameOverride.
*/}}
{{- define "weather-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified name used for every resource. Truncated to 63 characters (DNS label limit).
If the release name already contains the chart name it is not repeated.
*/}}
{{- define "weather-agent.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "weather-agent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels for selectors. These must never change between upgrades: a Deployment's selector is immutable.
*/}}
{{- define "weather-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "weather-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Common labels for every resource, with commonLabels (the schema keeps them off the chart's own keys).
*/}}
{{- define "weather-agent.labels" -}}
helm.sh/chart: {{ include "weather-agent.chart" . }}
{{ include "weather-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: bot
app.kubernetes.io/part-of: weather-agent
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
The annotations block of an object's metadata: commonAnnotations, then the object's own (which win); nothing
when both are empty. Call with (dict "context" $ "annotations" <the object's own map or nil>).
*/}}
{{- define "weather-agent.annotations" -}}
{{- $annotations := merge (deepCopy (.annotations | default dict)) (.context.Values.commonAnnotations | default dict) }}
{{- with $annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
ServiceAccount the pod runs as.
*/}}
{{- define "weather-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "weather-agent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Secret holding the tokens: an existing one (default) or the one this chart creates.
*/}}
{{- define "weather-agent.secretName" -}}
{{- default (include "weather-agent.fullname" .) .Values.secret.name }}
{{- end }}

{{/*
Name of the Lease used for leader election.
*/}}
{{- define "weather-agent.leaseName" -}}
{{- default (include "weather-agent.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{/*
Image reference: the registry (global.imageRegistry wins over image.registry, as in Bitnami charts), when set,
goes before the repository; a digest wins over a tag; the tag defaults to the chart's appVersion.
*/}}
{{- define "weather-agent.image" -}}
{{- $repository := .Values.image.repository }}
{{- with default .Values.image.registry ((.Values.global).imageRegistry) }}
{{- $repository = printf "%s/%s" . $repository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The pod's imagePullSecrets: global.imagePullSecrets (names or {name: ...}) first, then imagePullSecrets,
each name once, as Bitnami charts merge them. Empty when there are none.
*/}}
{{- define "weather-agent.imagePullSecrets" -}}
{{- $names := list }}
{{- range concat (((.Values.global).imagePullSecrets) | default list) (.Values.imagePullSecrets | default list) }}
{{- if kindIs "map" . }}
{{- $names = append $names .name }}
{{- else }}
{{- $names = append $names . }}
{{- end }}
{{- end }}
{{- with $names | uniq -}}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Where the chats' settings live. "true" (or empty) from each, so templates can test them with `if include ...`.
  externalDatabase   externalDatabase.url is set: PostgreSQL, no data volume at all
  dataVolume         no external database: a volume at persistence.mountPath holds the SQLite file
  persistentClaim    that volume is a PVC (created or existing); the Deployment must then use Recreate
  createClaim        the chart creates the PVC (no persistence.existingClaim)
*/}}
{{- define "weather-agent.externalDatabase" -}}
{{- if .Values.externalDatabase.url }}true{{ end }}
{{- end }}

{{- define "weather-agent.dataVolume" -}}
{{- if not (include "weather-agent.externalDatabase" .) }}true{{ end }}
{{- end }}

{{- define "weather-agent.persistentClaim" -}}
{{- if and (include "weather-agent.dataVolume" .) .Values.persistence.enabled }}true{{ end }}
{{- end }}

{{- define "weather-agent.createClaim" -}}
{{- if and (include "weather-agent.persistentClaim" .) (not .Values.persistence.existingClaim) }}true{{ end }}
{{- end }}

{{/*
Name of the PVC holding the SQLite file: the existing claim, or <fullname>-data.
*/}}
{{- define "weather-agent.claimName" -}}
{{- default (printf "%s-data" (include "weather-agent.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}

{{/*
storageClassName of the PVC, as Bitnami's common.storage.class: global.storageClass wins, then
persistence.storageClass, then global.defaultStorageClass; "-" means "" (no dynamic provisioning); nothing
set leaves the field out, so the cluster's default class applies.
*/}}
{{- define "weather-agent.storageClass" -}}
{{- $class := ((.Values.global).storageClass) | default .Values.persistence.storageClass | default ((.Values.global).defaultStorageClass) | default "" }}
{{- if eq $class "-" }}
storageClassName: ""
{{- else if $class }}
storageClassName: {{ $class | quote }}
{{- end }}
{{- end }}

{{/*
Secret holding the database password: the existing one, or the one the chart makes from
externalDatabase.password. Empty when there is no password to pass (the URL's user needs none).
*/}}
{{- define "weather-agent.databaseSecretName" -}}
{{- if include "weather-agent.externalDatabase" . }}
{{- if .Values.externalDatabase.existingSecret }}
{{- .Values.externalDatabase.existingSecret }}
{{- else if .Values.externalDatabase.password }}
{{- printf "%s-externaldb" (include "weather-agent.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Whether the chart makes the database Secret itself: a plain externalDatabase.password, no existingSecret.
*/}}
{{- define "weather-agent.createDatabaseSecret" -}}
{{- if and (include "weather-agent.externalDatabase" .) .Values.externalDatabase.password (not .Values.externalDatabase.existingSecret) }}true{{ end }}
{{- end }}

{{/*
Host, port and database of externalDatabase.url, for NOTES.txt: no scheme, no user, no parameters.
*/}}
{{- define "weather-agent.databaseDisplay" -}}
{{- regexReplaceAll "[?#].*$" (regexReplaceAll "^[a-z:]+//([^@/]*@)?" .Values.externalDatabase.url "") "" }}
{{- end }}

{{/*
The TCP ports of the hosts in externalDatabase.url (host:port,host2:port2; 5432 when a host names none), each
once, joined by commas, for the NetworkPolicy. Empty without an external database.
*/}}
{{- define "weather-agent.databasePorts" -}}
{{- if include "weather-agent.externalDatabase" . }}
{{- $hosts := regexReplaceAll "^[a-z:]+//([^@/]*@)?([^/]*)/.*$" .Values.externalDatabase.url "${2}" }}
{{- $ports := list }}
{{- range splitList "," $hosts }}
{{- $ports = append $ports (regexFind ":[0-9]+$" . | trimPrefix ":" | default "5432") }}
{{- end }}
{{- $ports | uniq | join "," }}
{{- end }}
{{- end }}

{{/*
Checks that the schema cannot express because they compare two values.
*/}}
{{- define "weather-agent.validate" -}}
{{- $needed := add .Values.config.shutdownGraceSeconds 5 }}
{{- if le (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be greater than config.shutdownGraceSeconds + 5 (%d): the pod would be killed while still draining" (int .Values.terminationGracePeriodSeconds) (int $needed)) }}
{{- end }}
{{- /* The schema says the same; this still holds with --skip-schema-validation. */}}
{{- range .Values.extraEnv }}
{{- if and (has .name (list "TELEGRAM_BOT_TOKEN" "OPENAI_API_KEY" "DATABASE_PASSWORD")) (hasKey . "value") }}
{{- fail (printf "extraEnv: %s must not be a literal value; put it in a Secret (secret.*, externalDatabase.*)" .name) }}
{{- end }}
{{- end }}
{{- if and (gt (int .Values.replicaCount) 1) (not (include "weather-agent.externalDatabase" .)) }}
{{- fail "externalDatabase.url: replicaCount > 1 needs PostgreSQL, because the SQLite file on a ReadWriteOnce volume cannot be shared between pods" }}
{{- end }}
{{- end }}

{{/*
A PodDisruptionBudget count: a number stays a number, "50%" stays a quoted string.
*/}}
{{- define "weather-agent.intOrPercent" -}}
{{- if hasSuffix "%" (toString .) }}{{ . | quote }}{{ else }}{{ int64 . }}{{ end }}
{{- end }}
