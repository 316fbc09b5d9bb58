package io.pptpgw.operator.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pptpgw.api.v1alpha1.PptpGateway;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The committed CRD and the examples, and the small setup every real-API-server test needs. */
final class ClusterFixtures {
    private ClusterFixtures() {}

    static Path crdFile() {
        return Path.of(System.getProperty("pptpgw.crdFile", "../crds/generated/pptpgateways.pptpgw.io-v1.yml"));
    }

    static Path examples() {
        return Path.of(System.getProperty("pptpgw.examplesDir", "../examples"));
    }

    /** Applies the committed CRD (idempotent) and waits until the API server serves it. */
    static void installCrd(KubernetesClient client) throws IOException {
        try (InputStream in = Files.newInputStream(crdFile())) {
            CustomResourceDefinition crd = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .load(in)
                    .item();
            client.resource(crd).forceConflicts().serverSideApply();
        }
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(PptpGateway.CRD_NAME)
                .waitUntilCondition(
                        crd -> crd != null
                                && crd.getStatus() != null
                                && crd.getStatus().getConditions() != null
                                && crd.getStatus().getConditions().stream()
                                        .anyMatch(
                                                c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
                        30,
                        TimeUnit.SECONDS);
    }

    static void createNamespace(KubernetesClient client, String name) {
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .serverSideApply();
    }
}
