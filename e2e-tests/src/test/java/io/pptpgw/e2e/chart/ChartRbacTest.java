package io.pptpgw.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.pptpgw.e2e.testing.KubernetesYaml;
import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The chart grants the operator exactly the rules of operator/rbac/, which the operator's real-API-server test proves
 * sufficient by running the operator as a user bound to those rules and nothing else: the ClusterRole the reconciler
 * needs, and the Lease rules for leader election in the release namespace only.
 */
class ChartRbacTest {
    static final String FULLNAME = ChartRender.RELEASE;

    @Test
    void clusterRoleGrantsExactlyTheRulesTheOperatorIsTestedWith() throws IOException {
        ClusterRole tested = KubernetesYaml.parseTyped(
                Files.readString(RepositoryFiles.operatorRbac("clusterrole.yaml")), ClusterRole.class);

        ClusterRole rendered = ChartRender.defaults().object(ClusterRole.class, FULLNAME);

        assertThat(normalised(rendered.getRules())).isEqualTo(normalised(tested.getRules()));
        assertThat(rendered.getRules()).hasSameSizeAs(tested.getRules());
    }

    @Test
    void leaderElectionRoleGrantsExactlyTheLeaseRulesInTheReleaseNamespace() throws IOException {
        Role tested = KubernetesYaml.parseTyped(
                Files.readString(RepositoryFiles.operatorRbac("role-leader-election.yaml")), Role.class);

        Role rendered = ChartRender.defaults().object(Role.class, FULLNAME + "-leader-election");

        assertThat(normalised(rendered.getRules())).isEqualTo(normalised(tested.getRules()));
        assertThat(rendered.getMetadata().getNamespace()).isEqualTo(ChartRender.NAMESPACE);
    }

    @Test
    void bindingsGiveTheRolesToTheOperatorsServiceAccountOnly() {
        ChartRender chart = ChartRender.defaults();
        ClusterRoleBinding clusterBinding = chart.object(ClusterRoleBinding.class, FULLNAME);
        RoleBinding binding = chart.object(RoleBinding.class, FULLNAME + "-leader-election");
        Deployment deployment = chart.only(Deployment.class);
        String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();

        assertThat(account).isEqualTo(FULLNAME);
        assertThat(clusterBinding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(clusterBinding.getRoleRef().getName()).isEqualTo(FULLNAME);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(FULLNAME + "-leader-election");
        for (List<Subject> subjects : List.of(clusterBinding.getSubjects(), binding.getSubjects())) {
            assertThat(subjects).singleElement().satisfies(subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getName()).isEqualTo(account);
                assertThat(subject.getNamespace()).isEqualTo(ChartRender.NAMESPACE);
            });
        }
    }

    @Test
    void leaderElectionOffDropsTheLeaseRulesAndTellsTheOperator() {
        List<HasMetadata> objects =
                ChartRender.defaults().set("leaderElection.enabled", false).objects();

        assertThat(objects).noneMatch(Role.class::isInstance).noneMatch(RoleBinding.class::isInstance);
        Deployment deployment = (Deployment) objects.stream()
                .filter(Deployment.class::isInstance)
                .findFirst()
                .orElseThrow();
        List<EnvVar> env = deployment
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv();
        // OperatorSettings: an empty PPTPGW_LEADER_ELECTION_NAMESPACE turns leader election off.
        assertThat(env)
                .filteredOn(e -> e.getName().equals("PPTPGW_LEADER_ELECTION_NAMESPACE"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEmpty());
    }

    /** Rules as sets of sets, so the order of verbs or of rules does not matter, but every grant does. */
    static Set<String> normalised(List<PolicyRule> rules) {
        return rules.stream()
                .map(rule -> "groups=" + new TreeSet<>(rule.getApiGroups())
                        + " resources=" + new TreeSet<>(rule.getResources())
                        + " names=" + new TreeSet<>(rule.getResourceNames())
                        + " urls=" + new TreeSet<>(rule.getNonResourceURLs())
                        + " verbs=" + new TreeSet<>(rule.getVerbs()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
