# syntax=docker/dockerfile:1.7
#
# One image for the whole of pptpgw, with two entrypoints:
#   operator            the PptpGateway operator (the Helm chart's Deployment runs this)
#   gateway ...         the data plane, one pod per node (the operator's DaemonSet runs this, with this same image)
#   anything else       the pptpgw command line: version, doctor, help, ...
#
#   docker build -t pptpgw:dev .
#   docker run --rm pptpgw:dev version
#
# Build stage: Maven on JDK 25 builds the two runnable jars, then jlink cuts a Java runtime down to the modules
# they use. Runtime stage: Debian slim with the tools the gateway runs (nft, ip, conntrack; cat, tee and uname
# come with the base), the runtime and the jars. The image is about 200 MB, most of it the two jars.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-25
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
# Every module's pom: the reactor reads them all, even when it builds two modules.
COPY pom.xml ./
COPY crds/pom.xml crds/
COPY gateway-pod/pom.xml gateway-pod/
COPY operator/pom.xml operator/
COPY e2e-tests/pom.xml e2e-tests/
COPY crds/src crds/src
COPY crds/generated crds/generated
COPY gateway-pod/src/main gateway-pod/src/main
COPY operator/src/main operator/src/main
# Tests ran before the image was built (CI runs them); the formatting check needs the test sources, so skip it.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl operator,gateway-pod -am package -Dmaven.test.skip=true -Dspotless.check.skip=true \
 && mkdir -p /out \
 && cp operator/target/pptpgw-operator-*-all.jar /out/pptpgw-operator.jar \
 && cp gateway-pod/target/pptpgw-gateway-*-cli.jar /out/pptpgw-gateway.jar
# The modules jdeps finds in the two jars, plus those reached only by reflection or service loading:
# jdk.crypto.ec (TLS to the API server with EC keys), jdk.naming.dns (DNS through JNDI), jdk.zipfs.
RUN modules="$(jdeps --ignore-missing-deps --multi-release 25 --print-module-deps \
        /out/pptpgw-operator.jar /out/pptpgw-gateway.jar)" \
 && echo "jlink modules: ${modules}" \
 && jlink --add-modules "${modules},jdk.crypto.ec,jdk.naming.dns,jdk.zipfs" \
        --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output /opt/java

FROM ${RUNTIME_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=""
LABEL org.opencontainers.image.title="pptpgw" \
      org.opencontainers.image.description="Kubernetes operator and userspace PPTP gateway (operator and gateway in one image)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="${RUNTIME_IMAGE}"

RUN apt-get update \
 && apt-get install -y --no-install-recommends nftables iproute2 conntrack \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/* /usr/share/doc/* /usr/share/man/*

ENV JAVA_HOME=/opt/java \
    PPTPGW_HOME=/opt/pptpgw \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY --from=build /opt/java /opt/java
COPY --from=build /out/ /opt/pptpgw/
COPY docker/entrypoint.sh /usr/local/bin/pptpgw-entrypoint
RUN chmod 0755 /usr/local/bin/pptpgw-entrypoint \
 && ln -s /usr/local/bin/pptpgw-entrypoint /usr/local/bin/pptpgw

# Non-root by default: the operator runs as this UID (its Deployment also says runAsNonRoot, readOnlyRootFilesystem).
# The gateway cannot: Kubernetes gives a non-root container no ambient capabilities, so NET_ADMIN and NET_RAW
# would not be effective for UID 65532. The operator's DaemonSet therefore sets runAsUser 0 with every capability
# dropped but NET_ADMIN and NET_RAW, no privilege escalation and a read-only root file system; UID 0 there holds
# nothing else (no CAP_SYS_ADMIN, CAP_DAC_OVERRIDE, ...).
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["/usr/local/bin/pptpgw-entrypoint"]
CMD ["--help"]
