{{/* Names, labels and the image of the pptpgw-operator chart. */}}

{{- define "pptpgw.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: <release>-pptpgw-operator, or the release name alone when it already says so. */}}
{{- define "pptpgw.fullname" -}}
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

{{- define "pptpgw.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pptpgw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "pptpgw.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "pptpgw.selectorLabels" . }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: pptpgw
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "pptpgw.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "pptpgw.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The operator's image: repository@digest when a digest is given, else repository:tag (tag: appVersion). */}}
{{- define "pptpgw.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The gateway pods' image (PPTPGW_IMAGE): gatewayImage, else the operator's own. */}}
{{- define "pptpgw.gatewayImage" -}}
{{- default (include "pptpgw.image" .) .Values.gatewayImage }}
{{- end }}
