package io.pptpgw.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pptpgw.api.v1alpha1.NodeStatus;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.e2e.kind.ClientReport;
import io.pptpgw.e2e.kind.E2eManifests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One gateway's life on a kind cluster, in order: run.sh installed the chart and applied the users Secret and the
 * PptpGateway (manifests/); the gateway becomes Ready with its node in status; a real pptp-linux + pppd client pod
 * dials it with MS-CHAPv2 and MPPE-128 and pings and fetches through the tunnel; the gateway's metrics count the
 * session, and stop counting it when the client hangs up; deleting the gateway removes its nftables table from the
 * node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayLifecycleE2E {
    static final int METRICS_PORT = 9723;

    final E2eSettings settings = E2eSettings.fromSystemProperties();
    KubernetesClient client;
    ClusterPods pods;

    @BeforeAll
    void connect() {
        client = settings.client();
        pods = new ClusterPods(client, settings);
    }

    @AfterAll
    void cleanUp() {
        for (String pod : List.of("e2e-client", "e2e-web")) {
            pods.delete(pod);
        }
        client.close();
    }

    @Test
    @Order(1)
    void gatewayBecomesReadyWithItsNodeAndPoolInStatus() {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(3))
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> {
                    PptpGateway gateway = gateway();
                    assertThat(condition(gateway, "Ready"))
                            .as("Ready condition of %s", gateway.getStatus())
                            .isEqualTo("True");
                    assertThat(condition(gateway, "Programmed")).isEqualTo("True");
                    assertThat(gateway.getStatus().observedGeneration())
                            .isEqualTo(gateway.getMetadata().getGeneration());
                    assertThat(gateway.getStatus().nodes()).singleElement().satisfies(node -> {
                        assertThat(node.name()).isEqualTo(settings.gatewayNode());
                        assertThat(node.pool()).matches("10\\.250\\.\\d+\\.0/24");
                        assertThat(node.ready()).isTrue();
                    });
                });
        assertThat(pods.gatewayPods()).singleElement().satisfies(pod -> {
            assertThat(pod.getSpec().getNodeName()).isEqualTo(settings.gatewayNode());
            assertThat(pod.getSpec().getContainers().getFirst().getImage()).isEqualTo(settings.image());
        });
    }

    @Test
    @Order(2)
    void realClientDialsWithMppe128AndReachesAPodThroughTheTunnel() {
        Pod web = pods.awaitReady(pods.create(E2eManifests.webServer(settings.clientImage())), Duration.ofMinutes(2));
        String gatewayAddress = gatewayPod().getStatus().getHostIP();

        String clientPod = pods.create(E2eManifests.clientPod(
                settings.clientImage(), gatewayAddress, web.getStatus().getPodIP()));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> ClientReport.of(logOrEmpty(clientPod)).finished());
        String log = pods.log(clientPod);
        ClientReport report = ClientReport.of(log);

        assertThat(report.passed()).as(log).isTrue();
        assertThat(report.encryption()).as(log).contains(ClientReport.MPPE_128_STATELESS);
        assertThat(log).contains(ClientReport.MPPE_128_STATELESS);
        String pool = nodeStatus().pool();
        assertThat(report.localAddress().orElseThrow())
                .as("the client's address comes from its node's sub-pool %s", pool)
                .startsWith(pool.substring(0, pool.lastIndexOf('.') + 1));
        assertThat(report.pinged(report.peerAddress().orElseThrow())).isTrue();
        assertThat(report.pinged(web.getStatus().getPodIP())).isTrue();
        assertThat(report.fetched()).contains("pptpgw-e2e-ok");
    }

    @Test
    @Order(3)
    void gatewayMetricsCountTheSessionAndItsTraffic() {
        PrometheusText metrics = scrapeGateway();

        assertThat(metrics.sum("pptpgw_sessions_active").orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("pptpgw_session_setups_total", Map.of("result", "success"))
                        .orElseThrow())
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("pptpgw_gre_packets_total", Map.of("direction", "received"))
                        .orElseThrow())
                .isPositive();
        assertThat(metrics.sum("pptpgw_pool_addresses_used").orElseThrow()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.sum("pptpgw_node_rules_in_place").orElseThrow()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void hangingUpEndsTheSession() {
        pods.delete("e2e-client");

        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .untilAsserted(() -> assertThat(
                                scrapeGateway().sum("pptpgw_sessions_active").orElseThrow())
                        .isZero());
    }

    @Test
    @Order(5)
    void deletingTheGatewayRemovesItsNftablesTableFromTheNode() {
        assertThat(pods.nftTables(settings.gatewayNode()))
                .as("the gateway's table while it runs")
                .contains("table inet " + settings.tableName());

        client.resources(PptpGateway.class)
                .inNamespace(settings.namespace())
                .withName(settings.gatewayName())
                .withTimeout(2, TimeUnit.MINUTES)
                .delete();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> pods.gatewayPods().isEmpty());

        assertThat(pods.nftTables(settings.gatewayNode())).doesNotContain("pptpgw_");
    }

    PptpGateway gateway() {
        return client.resources(PptpGateway.class)
                .inNamespace(settings.namespace())
                .withName(settings.gatewayName())
                .get();
    }

    NodeStatus nodeStatus() {
        return gateway().getStatus().nodes().stream()
                .filter(n -> n.name().equals(settings.gatewayNode()))
                .findFirst()
                .orElseThrow();
    }

    static String condition(PptpGateway gateway, String type) {
        if (gateway == null
                || gateway.getStatus() == null
                || gateway.getStatus().conditions() == null) {
            return "missing";
        }
        return gateway.getStatus().conditions().stream()
                .filter(c -> c.getType().equals(type))
                .map(Condition::getStatus)
                .findFirst()
                .orElse("missing");
    }

    Pod gatewayPod() {
        List<Pod> gateways = pods.gatewayPods();
        assertThat(gateways).hasSize(1);
        return gateways.getFirst();
    }

    /** The gateway pod's /metrics through the API server's pod proxy (the pod is on the host network). */
    PrometheusText scrapeGateway() {
        Pod pod = gatewayPod();
        String path = "/api/v1/namespaces/%s/pods/%s:%d/proxy/metrics"
                .formatted(settings.namespace(), pod.getMetadata().getName(), METRICS_PORT);
        return PrometheusText.parse(client.raw(path));
    }

    String logOrEmpty(String pod) {
        try {
            return pods.log(pod);
        } catch (RuntimeException notStartedYet) {
            return "";
        }
    }
}
