package io.pptpgw.operator.kube;

import static io.pptpgw.operator.kube.TestGateways.condition;
import static io.pptpgw.operator.kube.TestGateways.isTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pptpgw.api.v1alpha1.NodeStatus;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.GatewayOperator;
import io.pptpgw.operator.OperatorSettings;
import io.pptpgw.operator.render.GatewayLabels;
import io.pptpgw.operator.testing.SpecEdits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reconciler, in process, against a real kube-apiserver. The API server runs no controllers and no kubelet,
 * so the test plays both: it creates the gateway pods the DaemonSet controller would create, marks them ready as
 * the kubelet would, and patches the DaemonSet's status. The steps build on each other, in order.
 */
@ExtendWith(RealKubeApi.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcilerApiServerTest {
    static final String NS = "ops";
    static final String IMAGE = "registry.example/pptpgw:test";
    static final Duration CONVERGE = Duration.ofSeconds(30);

    static KubernetesClient client;
    /** The operator's own client: a user with only the rules of operator/rbac/ (and leader election in NS). */
    static KubernetesClient operatorClient;

    static GatewayOperator operator;
    static DaemonSetControllerStandIn controller;

    @BeforeAll
    static void setUp(KubernetesClient kubernetes) throws IOException {
        client = kubernetes;
        ClusterFixtures.installCrd(client);
        ClusterFixtures.createNamespace(client, NS);
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("office-users")
                        .withNamespace(NS)
                        .endMetadata()
                        .withStringData(Map.of("alice", "correct horse battery staple"))
                        .build())
                .serverSideApply();
        node("worker-a");
        node("worker-b");
        operatorClient = OperatorRbac.clientBoundTo(client, NS);
        controller = new DaemonSetControllerStandIn(client, NS, IMAGE);
        operator = startOperator();
    }

    @AfterAll
    static void tearDown() {
        if (operator != null) {
            operator.close();
        }
        if (operatorClient != null) {
            operatorClient.close();
        }
    }

    @Test
    @Order(1)
    void createsExactlyTheRenderedObjectsWithOwnerReferences() {
        PptpGateway office = apply(TestGateways.gateway(NS, "office", "10.10.0.0/16", 1723, 9723));

        ConfigMap config = awaitObject(ConfigMap.class, "office-config");
        DaemonSet daemonSet = awaitObject(DaemonSet.class, "office-gateway");
        Service service = awaitObject(Service.class, "office-metrics");

        assertThat(config.getData().get("node-pools.yaml"))
                .isEqualTo("worker-a: 10.10.0.0/24\nworker-b: 10.10.1.0/24\n");
        PptpGateway stored = get("office");
        assertThat(config.getData().get("gateway.yaml"))
                .isEqualTo(io.pptpgw.operator.render.GatewayConfigRenderer.gatewayYaml(stored))
                .contains("perNodePrefixLength: 24")
                .contains("port: 1723");
        var plan = planFor(stored);
        assertThat(JsonSubset.differences(
                        io.pptpgw.operator.render.GatewayDaemonSetRenderer.render(stored, plan), daemonSet))
                .isEmpty();
        assertThat(JsonSubset.differences(io.pptpgw.operator.render.MetricsServiceRenderer.render(stored), service))
                .isEmpty();
        for (HasMetadata owned : List.of(config, daemonSet, service)) {
            assertThat(owned.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getUid()).isEqualTo(office.getMetadata().getUid());
                assertThat(ref.getController()).isTrue();
                assertThat(ref.getKind()).isEqualTo("PptpGateway");
            });
        }
        assertThat(managed(ConfigMap.class)).containsExactly("office-config");
        assertThat(managed(DaemonSet.class)).containsExactly("office-gateway");
        assertThat(managed(Service.class)).containsExactly("office-metrics");
        assertThat(daemonSet
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo(IMAGE);
    }

    @Test
    @Order(2)
    void statusSaysPendingUntilThePodsAreReady() {
        PptpGateway office = await().atMost(CONVERGE)
                .until(
                        () -> get("office"),
                        g -> condition(g, "Programmed")
                                .filter(c -> c.getReason().equals("Pending"))
                                .isPresent());
        assertThat(office.getStatus().observedGeneration())
                .isEqualTo(office.getMetadata().getGeneration());
        assertThat(office.getStatus().readyNodes()).isEqualTo("0/2");
        assertThat(office.getStatus().nodes())
                .containsExactly(
                        new NodeStatus("worker-a", "10.10.0.0/24", false),
                        new NodeStatus("worker-b", "10.10.1.0/24", false));
        assertThat(condition(office, "Ready").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(condition(office, "Invalid").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(condition(office, "Conflict").orElseThrow().getStatus()).isEqualTo("False");
    }

    @Test
    @Order(3)
    void statusConvergesWhenTheDaemonSetReportsItsPodsReady() {
        controller.run("office", List.of("worker-a", "worker-b"), 2);

        PptpGateway office = await().atMost(CONVERGE).until(() -> get("office"), g -> isTrue(g, "Ready"));
        assertThat(office.getStatus().readyNodes()).isEqualTo("2/2");
        assertThat(office.getStatus().nodes())
                .allSatisfy(n -> assertThat(n.ready()).isTrue());
        assertThat(condition(office, "Programmed").orElseThrow().getReason()).isEqualTo("AllNodesProgrammed");
        assertThat(condition(office, "Degraded").orElseThrow().getStatus()).isEqualTo("False");
        await().atMost(CONVERGE)
                .until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
                        .anyMatch(e ->
                                "office".equals(e.getInvolvedObject().getName()) && "Ready".equals(e.getReason())));
    }

    @Test
    @Order(4)
    void anUnchangedStatusIsNotPatchedAgain() throws InterruptedException {
        String before = get("office").getMetadata().getResourceVersion();
        String daemonSetBefore =
                awaitObject(DaemonSet.class, "office-gateway").getMetadata().getResourceVersion();
        String configBefore =
                awaitObject(ConfigMap.class, "office-config").getMetadata().getResourceVersion();
        Pod pod = client.pods()
                .inNamespace(NS)
                .withName("office-gateway-worker-a")
                .get();
        pod.getMetadata().getLabels().put("touched", "yes");
        client.resource(pod).update();
        Thread.sleep(2000);
        assertThat(get("office").getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(awaitObject(DaemonSet.class, "office-gateway").getMetadata().getResourceVersion())
                .as("the DaemonSet is not rewritten when nothing changed")
                .isEqualTo(daemonSetBefore);
        assertThat(awaitObject(ConfigMap.class, "office-config").getMetadata().getResourceVersion())
                .isEqualTo(configBefore);
    }

    @Test
    @Order(5)
    void perNodePoolsSurviveAnOperatorRestart() {
        operator.close();
        client.nodes().withName("worker-a").delete();
        node("worker-c");
        operator = startOperator();

        // The new replica waits for the old one's Lease to expire (15 s) before it reconciles.
        PptpGateway office = await().atMost(CONVERGE.multipliedBy(2))
                .until(
                        () -> get("office"),
                        g -> g.getStatus().nodes().stream()
                                .anyMatch(n -> n.name().equals("worker-c")));
        // worker-b keeps 10.10.1.0/24 although it is now first by name; worker-c takes the lowest free sub-pool.
        assertThat(office.getStatus().nodes())
                .extracting(NodeStatus::name, NodeStatus::pool)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("worker-b", "10.10.1.0/24"),
                        org.assertj.core.groups.Tuple.tuple("worker-c", "10.10.0.0/24"));
        await().atMost(CONVERGE)
                .until(() -> awaitObject(ConfigMap.class, "office-config")
                        .getData()
                        .get("node-pools.yaml")
                        .equals("worker-b: 10.10.1.0/24\nworker-c: 10.10.0.0/24\n"));

        client.pods().inNamespace(NS).withName("office-gateway-worker-a").delete();
        controller.run("office", List.of("worker-c"), 2);
        await().atMost(CONVERGE)
                .until(
                        () -> get("office"),
                        g -> isTrue(g, "Ready") && g.getStatus().readyNodes().equals("2/2"));
    }

    @Test
    @Order(6)
    void aLaterGatewayOnTheSameNodesAndPortReportsTheConflictAndStaysOff() {
        apply(TestGateways.gateway(NS, "branch", "10.20.0.0/16", 1723, 9724));

        PptpGateway branch = await().atMost(CONVERGE).until(() -> get("branch"), g -> isTrue(g, "Conflict"));
        assertThat(condition(branch, "Conflict").orElseThrow().getMessage())
                .contains("port 1723 on nodes worker-b, worker-c is taken by PptpGateway ops/office (created earlier)");
        assertThat(condition(branch, "Programmed").orElseThrow().getReason()).isEqualTo("NoNodes");
        DaemonSet daemonSet = awaitObject(DaemonSet.class, "branch-gateway");
        assertThat(daemonSet
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getAffinity()
                        .getNodeAffinity()
                        .getRequiredDuringSchedulingIgnoredDuringExecution()
                        .getNodeSelectorTerms()
                        .getFirst()
                        .getMatchFields())
                .extracting(r -> r.getKey() + " " + r.getOperator() + " " + r.getValues())
                .containsExactly("metadata.name NotIn [worker-b]", "metadata.name NotIn [worker-c]");
        assertThat(condition(get("office"), "Conflict").orElseThrow().getStatus())
                .isEqualTo("False");
        assertThat(isTrue(get("office"), "Ready")).isTrue();
    }

    @Test
    @Order(7)
    void aMissingUsersSecretIsInvalidNamingTheFieldAndDeploysNothing() {
        PptpGateway broken = TestGateways.gateway(NS, "broken", "10.30.0.0/16", 1725, 9725);
        apply(SpecEdits.with(broken, "authentication.usersSecretRef.name", "nobody-users"));

        PptpGateway stored = await().atMost(CONVERGE).until(() -> get("broken"), g -> isTrue(g, "Invalid"));
        assertThat(condition(stored, "Invalid").orElseThrow().getMessage())
                .isEqualTo("authentication.usersSecretRef.name: Secret ops/nobody-users does not exist");
        assertThat(condition(stored, "Ready").orElseThrow().getReason()).isEqualTo("InvalidSpec");
        assertThat(client.apps()
                        .daemonSets()
                        .inNamespace(NS)
                        .withName("broken-gateway")
                        .get())
                .isNull();
        assertThat(client.configMaps().inNamespace(NS).withName("broken-config").get())
                .isNull();

        // The Secret is not watched (that would take list/watch on every Secret); an invalid gateway looks again
        // every 30 seconds, so creating the Secret heals it without touching the gateway.
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("nobody-users")
                        .withNamespace(NS)
                        .endMetadata()
                        .withStringData(Map.of("bob", "nthash:8846f7eaee8fb117ad06bdd830b7586c"))
                        .build())
                .create();
        await().atMost(Duration.ofSeconds(45)).until(() -> get("broken"), g -> !isTrue(g, "Invalid"));
        assertThat(awaitObject(DaemonSet.class, "broken-gateway")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getVolumes())
                .anySatisfy(v -> assertThat(
                                v.getSecret() == null ? null : v.getSecret().getSecretName())
                        .isEqualTo("nobody-users"));
    }

    @Test
    @Order(8)
    void aConfigChangeRollsThePodsThroughTheConfigHash() {
        String before = podTemplateHash("office");
        PptpGateway office = get("office");
        office.getMetadata().setManagedFields(null);
        office.getMetadata().setResourceVersion(null);
        PptpGateway changed = SpecEdits.with(office, "mtu", 1300);
        changed.setStatus(null);
        client.resource(changed).forceConflicts().serverSideApply();

        await().atMost(CONVERGE).until(() -> !podTemplateHash("office").equals(before));
        assertThat(awaitObject(ConfigMap.class, "office-config").getData().get("gateway.yaml"))
                .contains("mtu: 1300");
        assertThat(condition(get("office"), "Programmed").orElseThrow().getReason())
                .isIn("Pending", "RollingOut");

        controller.run("office", List.of(), 2); // the controller rolls the pods onto the new template
        await().atMost(CONVERGE).until(() -> get("office"), g -> isTrue(g, "Ready"));
    }

    @Test
    @Order(9)
    void aPodMonitorExistsOnlyWhenItsApiDoesAndTheSpecAsks() throws IOException {
        PodMonitorCrd.install(client);
        PptpGateway office = get("office");
        office.getMetadata().setManagedFields(null);
        office.getMetadata().setResourceVersion(null);
        office.setStatus(null);
        client.resource(SpecEdits.with(office, "metrics.podMonitor", true))
                .forceConflicts()
                .serverSideApply();
        await().atMost(CONVERGE).until(() -> podMonitor("office").isPresent());

        client.resource(SpecEdits.with(office, "metrics.podMonitor", false))
                .forceConflicts()
                .serverSideApply();
        await().atMost(CONVERGE).until(() -> podMonitor("office").isEmpty());
        // metrics.podMonitor is part of gateway.yaml, so the pods rolled; play the controller once more.
        controller.run("office", List.of(), 2);
        await().atMost(CONVERGE).until(() -> get("office"), g -> isTrue(g, "Ready"));
    }

    @Test
    @Order(10)
    void theOperatorServesHealthAndPrometheusMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + operator.healthPort();
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/healthz"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/readyz"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        String metrics = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains("pptpgw_operator_gateways{condition=\"Ready\",status=\"True\"} 1.0")
                .contains("pptpgw_operator_gateways{condition=\"Conflict\",status=\"True\"} 1.0")
                .contains("pptpgw_operator_gateways{condition=\"Invalid\",status=\"False\"} 3.0")
                // JOSDK's own metrics (Micrometer, no per-resource tags): reconciliations and events counted.
                .containsPattern("(?m)^operator_sdk_reconciliations_started_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^operator_sdk_reconciliations_success_total(\\{[^}]*})? [1-9]")
                .containsPattern("(?m)^operator_sdk_events_received_total(\\{[^}]*})? [1-9]")
                .doesNotContain("name=\"office\"");
    }

    // --- helpers ---

    private static GatewayOperator startOperator() {
        return GatewayOperator.start(
                operatorClient,
                new OperatorSettings(IMAGE, Set.of(NS), Optional.of(NS), 0),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    private static void node(String name) {
        client.resource(new NodeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(Map.of("pptpgw.io/gateway", "true"))
                        .endMetadata()
                        .build())
                .create();
    }

    private static PptpGateway apply(PptpGateway gateway) {
        return client.resource(gateway).serverSideApply();
    }

    private static PptpGateway get(String name) {
        return client.resources(PptpGateway.class)
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    private static <T extends HasMetadata> T awaitObject(Class<T> type, String name) {
        return await().atMost(CONVERGE)
                .until(
                        () -> client.resources(type)
                                .inNamespace(NS)
                                .withName(name)
                                .get(),
                        java.util.Objects::nonNull);
    }

    private static <T extends HasMetadata> List<String> managed(Class<T> type) {
        return client
                .resources(type)
                .inNamespace(NS)
                .withLabel(GatewayLabels.MANAGED_BY, GatewayLabels.OPERATOR)
                .list()
                .getItems()
                .stream()
                .map(o -> o.getMetadata().getName())
                .sorted()
                .toList();
    }

    private static io.pptpgw.operator.plan.GatewayPlan planFor(PptpGateway gateway) {
        return io.pptpgw.operator.plan.Planner.plan(
                gateway,
                client.nodes().list().getItems(),
                client.resources(PptpGateway.class).inNamespace(NS).list().getItems(),
                s -> true,
                IMAGE);
    }

    private static String podTemplateHash(String gateway) {
        return client.apps()
                .daemonSets()
                .inNamespace(NS)
                .withName(gateway + "-gateway")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("pptpgw.io/config-hash");
    }

    private static Optional<GenericKubernetesResource> podMonitor(String name) {
        return Optional.ofNullable(client.genericKubernetesResources("monitoring.coreos.com/v1", "PodMonitor")
                .inNamespace(NS)
                .withName(name)
                .get());
    }
}
