package io.pptpgw.operator.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Prometheus Operator's PodMonitor CRD (same group, version, kind and plural; a schema that
 * keeps any field), so the test can show the optional PodMonitor appearing once the API exists.
 */
final class PodMonitorCrd {
    private PodMonitorCrd() {}

    static void install(KubernetesClient client) {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("podmonitors.monitoring.coreos.com")
                .endMetadata()
                .withNewSpec()
                .withGroup("monitoring.coreos.com")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("PodMonitor")
                .withPlural("podmonitors")
                .withSingular("podmonitor")
                .withListKind("PodMonitorList")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
        client.resource(crd).serverSideApply();
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName(crd.getMetadata().getName())
                .waitUntilCondition(
                        c -> c != null
                                && c.getStatus() != null
                                && c.getStatus().getConditions() != null
                                && c.getStatus().getConditions().stream()
                                        .anyMatch(
                                                x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                        30,
                        TimeUnit.SECONDS);
    }
}
