package io.pptpgw.operator.kube;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Installs operator/rbac/ (the ClusterRole, and the leader-election Role in one namespace), binds them to a user,
 * and returns a client that impersonates that user: whatever the operator does beyond those rules fails.
 */
final class OperatorRbac {
    static final String USER = "pptpgw-operator";
    static final Path DIR = Path.of(System.getProperty("pptpgw.rbacDir", "rbac"));

    private OperatorRbac() {}

    static KubernetesClient clientBoundTo(KubernetesClient admin, String leaseNamespace) {
        ClusterRole clusterRole = load(admin, ClusterRole.class, "clusterrole.yaml");
        admin.resource(clusterRole).serverSideApply();
        admin.resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName(USER)
                        .endMetadata()
                        .withNewRoleRef(
                                "rbac.authorization.k8s.io",
                                "ClusterRole",
                                clusterRole.getMetadata().getName())
                        .addNewSubject()
                        .withKind("User")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName(USER)
                        .endSubject()
                        .build())
                .serverSideApply();
        Role role = load(admin, Role.class, "role-leader-election.yaml");
        role.getMetadata().setNamespace(leaseNamespace);
        admin.resource(role).serverSideApply();
        admin.resource(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName(USER + "-leader-election")
                        .withNamespace(leaseNamespace)
                        .endMetadata()
                        .withNewRoleRef(
                                "rbac.authorization.k8s.io",
                                "Role",
                                role.getMetadata().getName())
                        .addNewSubject()
                        .withKind("User")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName(USER)
                        .endSubject()
                        .build())
                .serverSideApply();
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(admin.getConfiguration())
                        .withImpersonateUsername(USER)
                        .build())
                .build();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T load(
            KubernetesClient client, Class<T> type, String file) {
        try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
            return client.getKubernetesSerialization().unmarshal(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
