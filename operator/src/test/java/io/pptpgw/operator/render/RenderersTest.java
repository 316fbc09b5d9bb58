package io.pptpgw.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.testing.SpecEdits;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden renderings of everything the operator creates, and the properties the golden files only show. */
class RenderersTest {
    @Test
    void configMapOfTheFullExample() throws IOException {
        var configMap = GatewayConfigRenderer.render(Fixtures.example("office.yaml"), Fixtures.twoNodesOneConflict());
        Golden.assertMatches("office-configmap.yaml", RenderYaml.write(configMap));
    }

    @Test
    void daemonSetOfTheFullExample() throws IOException {
        DaemonSet daemonSet =
                GatewayDaemonSetRenderer.render(Fixtures.example("office.yaml"), Fixtures.twoNodesOneConflict());
        Golden.assertMatches("office-daemonset.yaml", RenderYaml.write(daemonSet));
    }

    @Test
    void renderingsOfTheMinimalExample() throws IOException {
        PptpGateway minimal = Fixtures.example("minimal.yaml");
        Golden.assertMatches(
                "minimal-configmap.yaml", RenderYaml.write(GatewayConfigRenderer.render(minimal, Fixtures.oneNode())));
        Golden.assertMatches(
                "minimal-daemonset.yaml",
                RenderYaml.write(GatewayDaemonSetRenderer.render(minimal, Fixtures.oneNode())));
        Golden.assertMatches("minimal-service.yaml", RenderYaml.write(MetricsServiceRenderer.render(minimal)));
        Golden.assertMatches("minimal-podmonitor.yaml", RenderYaml.write(PodMonitorRenderer.render(minimal)));
    }

    @Test
    void gatewayYamlReadsBackAsTheSameGateway() {
        PptpGateway office = Fixtures.example("office.yaml");
        String yaml = GatewayConfigRenderer.gatewayYaml(office);
        PptpGateway back = Serialization.unmarshal(yaml, PptpGateway.class);
        assertThat(back.getSpec()).isEqualTo(office.getSpec());
        assertThat(back.getMetadata().getName()).isEqualTo("office");
        assertThat(back.getMetadata().getNamespace()).isEqualTo("vpn");
        assertThat(yaml).doesNotContain("status").doesNotContain("uid").doesNotContain("null");
    }

    @Test
    void theGatewayContainerHasOnlyTheCapabilitiesItNeeds() {
        Container container = GatewayDaemonSetRenderer.render(Fixtures.example("office.yaml"), Fixtures.oneNode())
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_ADMIN", "NET_RAW");
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getPrivileged()).isNull();
        assertThat(container.getArgs())
                .containsExactly(
                        "gateway",
                        "--config",
                        "/etc/pptpgw/config/gateway.yaml",
                        "--node-pools",
                        "/etc/pptpgw/config/node-pools.yaml",
                        "--users",
                        "/etc/pptpgw/users");
    }

    @Test
    void theSpecImageWinsOverTheOperatorImage() {
        PptpGateway office = Fixtures.example("office.yaml");
        var plan = io.pptpgw.operator.plan.Planner.plan(
                SpecEdits.with(office, "image", "registry.example/pptpgw:custom"),
                java.util.List.of(),
                java.util.List.of(),
                s -> true,
                Fixtures.IMAGE);
        assertThat(plan.image()).isEqualTo("registry.example/pptpgw:custom");
    }

    @Test
    void configHashMovesWithTheConfigAndTheSecretNameButNotWithNodes() {
        PptpGateway office = Fixtures.example("office.yaml");
        String hash = ConfigHash.of(office);
        assertThat(ConfigHash.of(Fixtures.example("office.yaml"))).isEqualTo(hash);
        assertThat(ConfigHash.of(SpecEdits.with(office, "mtu", 1300))).isNotEqualTo(hash);
        assertThat(ConfigHash.of(SpecEdits.with(office, "authentication.usersSecretRef.name", "other-users")))
                .isNotEqualTo(hash);
        String twoNodes = annotation(GatewayDaemonSetRenderer.render(office, Fixtures.twoNodesOneConflict()));
        String oneNode = annotation(GatewayDaemonSetRenderer.render(office, Fixtures.oneNode()));
        assertThat(twoNodes).isEqualTo(oneNode).isEqualTo(hash);
    }

    private static String annotation(DaemonSet daemonSet) {
        Map<String, String> annotations =
                daemonSet.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations.get(ConfigHash.ANNOTATION);
    }
}
