package io.pptpgw.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.pptpgw.e2e.testing.KubernetesYaml;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart renders with Helm for its default values and for every value set, each object parses as its
 * Kubernetes type with no unknown field, and {@code helm lint --strict} finds nothing.
 */
class ChartRenderTest {

    static Stream<ChartRender> valueSets() {
        return Stream.of(ChartRender.defaults(), ChartRender.fullValues());
    }

    @Test
    void defaultValuesRenderTheOperatorItsRbacAndItsMetricsService() {
        List<HasMetadata> objects = ChartRender.defaults().objects();

        assertThat(objects)
                .extracting(o -> o.getClass().getSimpleName())
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "Role",
                        "RoleBinding",
                        "Service",
                        "Deployment");
        assertThat(objects)
                .allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                        .containsEntry("app.kubernetes.io/name", "pptpgw-operator")
                        .containsEntry("app.kubernetes.io/instance", ChartRender.RELEASE)
                        .containsEntry("app.kubernetes.io/managed-by", "Helm"));
        assertThat(objects.stream().filter(o -> o instanceof Namespaced))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(ChartRender.NAMESPACE));
    }

    @Test
    void fullValuesAddTheServiceMonitorThePrometheusRuleAndTheDashboard() {
        List<HasMetadata> objects = ChartRender.fullValues().objects();

        assertThat(objects)
                .extracting(o -> o.getClass().getSimpleName())
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "Role",
                        "RoleBinding",
                        "Service",
                        "Deployment",
                        "ServiceMonitor",
                        "PrometheusRule",
                        "ConfigMap");
        assertThat(objects).filteredOn(ServiceMonitor.class::isInstance).singleElement();
        assertThat(objects).filteredOn(PrometheusRule.class::isInstance).singleElement();
        ConfigMap dashboard = (ConfigMap)
                objects.stream().filter(ConfigMap.class::isInstance).findFirst().orElseThrow();
        assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
        ServiceAccount account = (ServiceAccount) objects.stream()
                .filter(ServiceAccount.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(account.getMetadata().getName()).isEqualTo("pptpgw-controller");
        assertThat(account.getMetadata().getAnnotations()).containsEntry("example.com/owner", "network-team");
    }

    @ParameterizedTest
    @MethodSource("valueSets")
    void everyRenderedObjectIsItsTypedKubernetesClassWithNoUnknownField(ChartRender render) {
        String yaml = render.yaml();

        List<String> documents = KubernetesYaml.documents(yaml);
        List<HasMetadata> objects = KubernetesYaml.parseTyped(yaml);

        assertThat(objects).hasSameSizeAs(documents).isNotEmpty();
        assertThat(objects)
                .allSatisfy(o -> assertThat(o.getClass().getPackageName()).startsWith("io.fabric8."));
        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .allSatisfy(kind -> assertThat(kind)
                        .isIn(
                                ServiceAccount.class.getSimpleName(),
                                ClusterRole.class.getSimpleName(),
                                ClusterRoleBinding.class.getSimpleName(),
                                Role.class.getSimpleName(),
                                RoleBinding.class.getSimpleName(),
                                Service.class.getSimpleName(),
                                Deployment.class.getSimpleName(),
                                ServiceMonitor.class.getSimpleName(),
                                PrometheusRule.class.getSimpleName(),
                                ConfigMap.class.getSimpleName()));
    }

    @Test
    void strictParsingCatchesAFieldItsTypeDoesNotKnow() {
        String misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                      - name: x
                        securityContext: {readOnlyRootFileSystem: true}
                """;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KubernetesYaml.parseTyped(misspelt))
                .hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void helmLintStrictFindsNothingWrong() {
        LintResult lint = new Helm(RepositoryFiles.chart()).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]")).noneMatch(m -> m.contains("[WARNING]"));
    }

    @Test
    void rbacCreateFalseLeavesTheRbacToTheCluster() {
        List<HasMetadata> objects = ChartRender.defaults()
                .set("rbac.create", false)
                .set("serviceAccount.create", false)
                .set("serviceAccount.name", "existing-account")
                .objects();

        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Service", "Deployment");
        Deployment deployment = (Deployment) objects.stream()
                .filter(Deployment.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("existing-account");
    }
}
