#!/bin/sh
# The image's entrypoint, also installed as `pptpgw`:
#   operator            runs the PptpGateway operator (settings from PPTPGW_* environment variables)
#   gateway ARGS...     runs the gateway data plane (the operator's DaemonSet passes --config, --node-pools, --users)
#   ANY OTHER ARGS...   runs the pptpgw command line with them (version, doctor, help, ...)
# JAVA_OPTS adds JVM options (split on spaces), e.g. JAVA_OPTS="-XX:MaxRAMPercentage=50".
set -eu

home="${PPTPGW_HOME:-/opt/pptpgw}"
java="${JAVA_HOME:-/opt/java}/bin/java"
# Size the heap from the container's memory limit, and let Kubernetes restart a JVM that ran out of memory
# rather than keep a half-working one.
jvm_defaults="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

if [ "${1:-}" = "operator" ]; then
    shift
    # shellcheck disable=SC2086 # word splitting of the option lists is intended
    exec "$java" $jvm_defaults ${JAVA_OPTS:-} -jar "$home/pptpgw-operator.jar" "$@"
fi
# The gateway's raw sockets and TUN device go through the FFM API (native access).
# shellcheck disable=SC2086
exec "$java" $jvm_defaults --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -jar "$home/pptpgw-gateway.jar" "$@"
