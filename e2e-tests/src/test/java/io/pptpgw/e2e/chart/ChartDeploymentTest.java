package io.pptpgw.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The operator's Deployment: a pod the PodSecurity "restricted" level admits, the environment the operator reads
 * (OperatorSettings), probes and the metrics Service on the health port.
 */
class ChartDeploymentTest {
    static final long IMAGE_USER = 65532;

    @Test
    void podMeetsTheRestrictedPodSecurityLevel() {
        PodSpec pod = pod(ChartRender.defaults());
        Container operator = pod.getContainers().getFirst();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        SecurityContext security = operator.getSecurityContext();

        assertThat(podSecurity.getRunAsNonRoot()).isTrue();
        assertThat(podSecurity.getRunAsUser()).isEqualTo(IMAGE_USER);
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getPrivileged()).isNull();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isEmpty();
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(pod.getHostPID()).isNull();
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
        // A read-only root file system: the JVM's temporary files go to an emptyDir.
        assertThat(operator.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).extracting(Volume::getEmptyDir).doesNotContainNull();
    }

    @Test
    void imageUserIsTheDockerfilesNonRootUser() throws IOException {
        String dockerfile = Files.readString(RepositoryFiles.root().resolve("Dockerfile"));
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);

        assertThat(user.find()).as("a numeric USER line in the Dockerfile").isTrue();
        assertThat(Long.parseLong(user.group(1))).isEqualTo(IMAGE_USER);
        assertThat(pod(ChartRender.defaults()).getSecurityContext().getRunAsGroup())
                .isEqualTo(Long.parseLong(user.group(2)));
    }

    @Test
    void operatorRunsTheChartsImageAndHandsItToTheGateways() throws IOException {
        Container operator = pod(ChartRender.defaults()).getContainers().getFirst();
        Map<String, EnvVar> env = env(operator);
        String image = "ghcr.io/pptpgw/pptpgw:" + appVersion();

        assertThat(operator.getImage()).isEqualTo(image);
        assertThat(operator.getArgs()).containsExactly("operator");
        assertThat(env.get("PPTPGW_IMAGE").getValue()).isEqualTo(image);
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.namespace");
        assertThat(env.get("PPTPGW_HEALTH_PORT").getValue()).isEqualTo("8080");
        assertThat(env.get("PPTPGW_LOG_FORMAT").getValue()).isEqualTo("text");
        assertThat(env.get("PPTPGW_LOG_LEVEL").getValue()).isEqualTo("INFO");
        assertThat(env).doesNotContainKeys("PPTPGW_WATCH_NAMESPACES", "PPTPGW_LEADER_ELECTION_NAMESPACE", "JAVA_OPTS");
    }

    @Test
    void aDigestPinsBothImagesAndGatewayImageOverridesTheGateways() {
        String digest = "sha256:" + "ab".repeat(32);
        Container pinned = pod(ChartRender.defaults().set("image.digest", digest))
                .getContainers()
                .getFirst();
        Container split = pod(ChartRender.defaults().set("gatewayImage", "registry.example/gw:7"))
                .getContainers()
                .getFirst();

        assertThat(pinned.getImage()).isEqualTo("ghcr.io/pptpgw/pptpgw@" + digest);
        assertThat(env(pinned).get("PPTPGW_IMAGE").getValue()).isEqualTo("ghcr.io/pptpgw/pptpgw@" + digest);
        assertThat(env(split).get("PPTPGW_IMAGE").getValue()).isEqualTo("registry.example/gw:7");
        assertThat(split.getImage()).startsWith("ghcr.io/pptpgw/pptpgw:");
    }

    @Test
    void fullValuesReachTheOperatorsEnvironmentAndPod() {
        PodSpec pod = pod(ChartRender.fullValues());
        Container operator = pod.getContainers().getFirst();
        Map<String, EnvVar> env = env(operator);

        assertThat(operator.getImage()).isEqualTo("registry.example/pptpgw:1.2.3");
        assertThat(operator.getImagePullPolicy()).isEqualTo("Always");
        assertThat(env.get("PPTPGW_IMAGE").getValue()).isEqualTo("registry.example/pptpgw-gateway:1.2.3");
        assertThat(env.get("PPTPGW_WATCH_NAMESPACES").getValue()).isEqualTo("vpn,branch-offices");
        assertThat(env.get("PPTPGW_LOG_FORMAT").getValue()).isEqualTo("json");
        assertThat(env.get("PPTPGW_LOG_LEVEL").getValue()).isEqualTo("DEBUG");
        assertThat(env.get("JAVA_OPTS").getValue()).isEqualTo("-XX:MaxRAMPercentage=50 -Xss512k");
        assertThat(operator.getResources().getLimits()).containsEntry("memory", new Quantity("768Mi"));
        assertThat(pod.getImagePullSecrets())
                .singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("registry-credentials"));
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(pod.getTolerations())
                .singleElement()
                .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
        assertThat(pod.getAffinity().getPodAntiAffinity()).isNotNull();
        assertThat(pod.getPriorityClassName()).isEqualTo("pptpgw-high");
        assertThat(ChartRender.fullValues().only(Deployment.class).getSpec().getReplicas())
                .isEqualTo(2);
    }

    @Test
    void probesAndTheMetricsServiceFollowTheHealthPort() {
        ChartRender chart = ChartRender.defaults().set("operator.healthPort", 9191);
        Container operator = pod(chart).getContainers().getFirst();
        Service service = chart.only(Service.class);

        assertThat(env(operator).get("PPTPGW_HEALTH_PORT").getValue()).isEqualTo("9191");
        assertThat(operator.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http-metrics");
            assertThat(port.getContainerPort()).isEqualTo(9191);
        });
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(List.of(operator.getLivenessProbe(), operator.getReadinessProbe(), operator.getStartupProbe()))
                .allSatisfy(
                        p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http-metrics"));
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http-metrics");
            assertThat(p.getTargetPort().getStrVal()).isEqualTo("http-metrics");
        });
        assertThat(service.getSpec().getSelector())
                .isEqualTo(chart.only(Deployment.class).getSpec().getSelector().getMatchLabels());
    }

    @Test
    void rollsOneReplicaAtATimeWithoutASurge() {
        Deployment deployment = ChartRender.defaults().only(Deployment.class);

        assertThat(deployment
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxSurge()
                        .getIntVal())
                .isZero();
        assertThat(deployment
                        .getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isEqualTo(1);
    }

    @Test
    void severalReplicasWithoutLeaderElectionAreRefused() {
        ChartRender chart = ChartRender.defaults().set("replicaCount", 2).set("leaderElection.enabled", false);

        assertThatThrownBy(chart::yaml)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("replicaCount 2 needs leaderElection.enabled");
    }

    static PodSpec pod(ChartRender chart) {
        return chart.only(Deployment.class).getSpec().getTemplate().getSpec();
    }

    static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    static String appVersion() throws IOException {
        Matcher version = Pattern.compile("(?m)^appVersion: \"([^\"]+)\"$")
                .matcher(Files.readString(RepositoryFiles.chart().resolve("Chart.yaml")));
        assertThat(version.find()).as("appVersion in Chart.yaml").isTrue();
        return version.group(1);
    }
}
