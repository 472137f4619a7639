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
Common labels for every resource.
*/}}
{{- define "weather-agent.labels" -}}
helm.sh/chart: {{ include "weather-agent.chart" . }}
{{ include "weather-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: bot
app.kubernetes.io/part-of: weather-agent
app.kubernetes.io/managed-by: {{ .Release.Service }}
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
Checks that the schema cannot express because they compare two values.
*/}}
{{- define "weather-agent.validate" -}}
{{- $needed := add .Values.config.shutdownGraceSeconds 5 }}
{{- if le (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be greater than config.shutdownGraceSeconds + 5 (%d): the pod would be killed while still draining" (int .Values.terminationGracePeriodSeconds) (int $needed)) }}
{{- end }}
{{- /* The schema says the same; this still holds with --skip-schema-validation. */}}
{{- range .Values.extraEnv }}
{{- if and (has .name (list "TELEGRAM_BOT_TOKEN" "OPENAI_API_KEY")) (hasKey . "value") }}
{{- fail (printf "extraEnv: %s must not be a literal value; put it in the Secret (secret.*)" .name) }}
{{- end }}
{{- end }}
{{- end }}
