package io.pptpgw.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.pptpgw.e2e.kind.E2eManifests;
import io.pptpgw.e2e.testing.KubernetesYaml;
import io.pptpgw.e2e.testing.RepositoryFiles;
import io.pptpgw.operator.kube.RealKubeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart and the e2e manifests against a real kube-apiserver (the operator's test kit, {@link RealKubeApi}):
 * {@code helm install} with every value set is accepted, CRD included; the operator's pod is admitted where the
 * PodSecurity level "restricted" is enforced, and a gateway pod (the operator's DaemonSet, as rendered in its golden
 * file) only where "privileged" is; every manifest the kind e2e applies passes strict field validation.
 */
@ExtendWith(RealKubeApi.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartApiServerTest {
    static final String RELEASE_NAMESPACE = "pptpgw-system";

    KubernetesClient client;
    Release release;

    @BeforeAll
    void installTheChart(RealKubeApi.Server server) {
        client = server.client();
        MonitoringCrds.install(client);
        // values-full.yaml names this PriorityClass; the API server refuses pods naming one that does not exist.
        client.resource(new PriorityClassBuilder()
                        .withNewMetadata()
                        .withName("pptpgw-high")
                        .endMetadata()
                        .withValue(100000)
                        .build())
                .serverSideApply();
        namespace(RELEASE_NAMESPACE, "restricted");
        namespace("monitoring", "restricted");
        release = new Helm(RepositoryFiles.chart())
                .install()
                .withName(ChartRender.RELEASE)
                .withNamespace(RELEASE_NAMESPACE)
                .withKubeConfig(server.kubeconfig())
                .withValuesFile(ChartRender.fullValues().valuesFile().orElseThrow())
                .call();
    }

    @Test
    void helmInstallsTheCrdAndEveryObjectWithEveryValueSet() throws IOException {
        assertThat(release.getStatus()).isEqualTo("deployed");
        assertThat(MonitoringCrds.established(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("pptpgateways.pptpgw.io")
                        .get()))
                .isTrue();
        String fullname = "pptpgw-operator-vpn-operator";
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(RELEASE_NAMESPACE)
                        .withName(fullname)
                        .get())
                .isNotNull();
        ClusterRole tested = KubernetesYaml.parseTyped(
                Files.readString(RepositoryFiles.operatorRbac("clusterrole.yaml")), ClusterRole.class);
        assertThat(ChartRbacTest.normalised(
                        client.rbac().clusterRoles().withName(fullname).get().getRules()))
                .isEqualTo(ChartRbacTest.normalised(tested.getRules()));
        assertThat(client.rbac()
                        .roles()
                        .inNamespace(RELEASE_NAMESPACE)
                        .withName(fullname + "-leader-election")
                        .get())
                .isNotNull();
        assertThat(client.configMaps()
                        .inNamespace("monitoring")
                        .withName(fullname + "-dashboard")
                        .get())
                .isNotNull();
        assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "PrometheusRule")
                        .inNamespace(RELEASE_NAMESPACE)
                        .withName(fullname)
                        .get())
                .isNotNull();
        assertThat(client.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
                        .inNamespace(RELEASE_NAMESPACE)
                        .withName(fullname)
                        .get())
                .isNotNull();
    }

    @Test
    void theOperatorsPodIsAdmittedWhereRestrictedIsEnforced() {
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(RELEASE_NAMESPACE)
                .withName("pptpgw-operator-vpn-operator")
                .get();
        Pod pod = pod("operator", RELEASE_NAMESPACE, deployment.getSpec().getTemplate());
        Pod loosened = new PodBuilder(pod)
                .editSpec()
                .editFirstContainer()
                .editSecurityContext()
                .withAllowPrivilegeEscalation(true)
                .endSecurityContext()
                .endContainer()
                .endSpec()
                .build();

        assertThat(client.resource(pod).dryRun().create()).isNotNull();
        assertThatThrownBy(() -> client.resource(loosened).dryRun().create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
                .hasMessageContaining("allowPrivilegeEscalation");
    }

    @Test
    void gatewayPodsNeedThePrivilegedLevelTheChartSaysTheirNamespaceNeeds() throws IOException {
        DaemonSet gateways = KubernetesYaml.parseTyped(
                Files.readString(
                        RepositoryFiles.root().resolve("operator/src/test/resources/golden/minimal-daemonset.yaml")),
                DaemonSet.class);
        namespace("gateways-baseline", "baseline");
        namespace("gateways-privileged", "privileged");

        assertThatThrownBy(() -> client.resource(pod(
                                "gateway",
                                "gateways-baseline",
                                gateways.getSpec().getTemplate()))
                        .dryRun()
                        .create())
                .hasMessageContaining("violates PodSecurity \"baseline:latest\"")
                .hasMessageContaining("hostNetwork=true")
                .hasMessageContaining("NET_ADMIN")
                .hasMessageContaining("hostPath volumes");
        assertThat(client.resource(pod(
                                "gateway",
                                "gateways-privileged",
                                gateways.getSpec().getTemplate()))
                        .dryRun()
                        .create())
                .isNotNull();
        String notes = Files.readString(RepositoryFiles.chart().resolve("templates/NOTES.txt"));
        assertThat(notes).contains("pod-security.kubernetes.io/enforce=privileged");
    }

    @Test
    void everyManifestTheE2eAppliesPassesStrictValidation() {
        List<String> manifests = List.of(
                E2eManifests.read(E2eManifests.NAMESPACE),
                E2eManifests.read(E2eManifests.USERS_SECRET),
                E2eManifests.read(E2eManifests.GATEWAY),
                E2eManifests.webServer("pptpgw-e2e-client:e2e"),
                E2eManifests.clientPod("pptpgw-e2e-client:e2e", "172.18.0.3", "10.244.1.5"),
                E2eManifests.nftProbe("pptpgw:e2e", "pptpgw-e2e-worker"));

        for (String manifest : manifests) {
            GenericKubernetesResource object = KubernetesYaml.parseGeneric(manifest);
            assertThat(client.resource(object)
                            .fieldValidation(FieldValidateable.Validation.STRICT)
                            .create())
                    .as("%s %s", object.getKind(), object.getMetadata().getName())
                    .isNotNull();
        }
        assertThat(client.resources(io.pptpgw.api.v1alpha1.PptpGateway.class)
                        .inNamespace("vpn")
                        .withName("e2e")
                        .get()
                        .getSpec()
                        .listen()
                        .port())
                .as("the API server applied the CRD's defaults")
                .isEqualTo(1723);
    }

    @Test
    void strictValidationWouldCatchAMisspeltField() {
        namespace("strictness", "privileged");
        GenericKubernetesResource misspelt =
                KubernetesYaml.parseGeneric(E2eManifests.clientPod("x:1", "172.18.0.3", "10.244.1.5")
                        .replace("namespace: vpn", "namespace: strictness")
                        .replace("      privileged: true", "      privilegd: true"));

        assertThatThrownBy(() -> client.resource(misspelt)
                        .dryRun()
                        .fieldValidation(FieldValidateable.Validation.STRICT)
                        .create())
                .hasMessageContaining("unknown field")
                .hasMessageContaining("privilegd");
    }

    Pod pod(String name, String namespace, PodTemplateSpec template) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(template.getMetadata().getLabels())
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
    }

    void namespace(String name, String podSecurityLevel) {
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withLabels(Map.of("pod-security.kubernetes.io/enforce", podSecurityLevel))
                        .endMetadata()
                        .build())
                .serverSideApply();
        client.namespaces().withName(name).waitUntilCondition(n -> n != null, 10, TimeUnit.SECONDS);
    }
}
