package io.pptpgw.e2e.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.e2e.testing.KubernetesYaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The manifests the e2e applies parse as their Kubernetes types with no unknown field, agree with each other (the
 * Secret the gateway names, the privileged namespace), and leave no placeholder unfilled. ChartApiServerTest sends
 * them to a real API server.
 */
class E2eManifestsTest {

    @Test
    void namespaceAllowsThePrivilegedPodSecurityLevel() {
        Namespace namespace = KubernetesYaml.parseTyped(E2eManifests.read(E2eManifests.NAMESPACE), Namespace.class);

        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "privileged");
    }

    @Test
    void gatewayUsesTheSecretTheManifestsCreateAndTheDefaultsSpelledOut() {
        PptpGateway gateway = Serialization.unmarshal(E2eManifests.read(E2eManifests.GATEWAY), PptpGateway.class);
        Secret users = KubernetesYaml.parseTyped(E2eManifests.read(E2eManifests.USERS_SECRET), Secret.class);

        assertThat(gateway.getSpec().authentication().usersSecretRef().name())
                .isEqualTo(users.getMetadata().getName());
        assertThat(gateway.getSpec().authentication().encryption().name()).isEqualTo("Required");
        assertThat(gateway.getSpec().authentication().methods())
                .extracting(Enum::name)
                .containsExactly("MSCHAPv2");
        assertThat(gateway.getSpec().nodeSelector()).containsEntry("pptpgw.io/gateway", "true");
        assertThat(users.getStringData()).containsKeys("alice", "bob");
        assertThat(users.getStringData().get("bob")).matches("nthash:[0-9a-f]{32}");
    }

    @Test
    void clientPodDialsAsAliceWithTheSecretsPassword() {
        Pod client =
                KubernetesYaml.parseTyped(E2eManifests.clientPod("client:1", "172.18.0.3", "10.244.1.5"), Pod.class);
        var container = client.getSpec().getContainers().getFirst();
        Map<String, String> values = new java.util.HashMap<>();
        container.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .forEach(e -> values.put(e.getName(), e.getValue()));

        assertThat(container.getImage()).isEqualTo("client:1");
        assertThat(values)
                .containsEntry("PPTP_SERVER", "172.18.0.3")
                .containsEntry("PPTP_USER", "alice")
                .containsEntry("TARGET_ADDRESS", "10.244.1.5");
        assertThat(container.getEnv())
                .filteredOn(e -> e.getName().equals("PPTP_PASSWORD"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("e2e-users");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("alice");
                });
        assertThat(container.getSecurityContext().getPrivileged()).isTrue();
        assertThat(client.getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void nftProbeListsTheNodesTablesWithThePptpgwImage() {
        Pod probe = KubernetesYaml.parseTyped(E2eManifests.nftProbe("pptpgw:e2e", "pptpgw-e2e-worker"), Pod.class);

        assertThat(probe.getSpec().getNodeName()).isEqualTo("pptpgw-e2e-worker");
        assertThat(probe.getSpec().getHostNetwork()).isTrue();
        assertThat(probe.getSpec().getContainers().getFirst().getCommand()).containsExactly("nft", "list", "tables");
        assertThat(probe.getSpec()
                        .getContainers()
                        .getFirst()
                        .getSecurityContext()
                        .getCapabilities()
                        .getAdd())
                .containsExactly("NET_ADMIN");
    }

    @Test
    void aMissingPlaceholderValueIsNamed() {
        assertThatThrownBy(() -> E2eManifests.filled(E2eManifests.CLIENT_POD, Map.of("CLIENT_IMAGE", "x")))
                .hasMessageContaining("client-pod.yaml needs a value for ${GATEWAY_NODE_ADDRESS}");
    }

    @Test
    void manifestsRunShAppliesAsTheyAreHaveNoPlaceholders() {
        for (String name : new String[] {E2eManifests.NAMESPACE, E2eManifests.USERS_SECRET, E2eManifests.GATEWAY}) {
            assertThat(E2eManifests.read(name)).as(name).doesNotContain("${");
        }
    }
}
